import { Alert, Badge, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CredentialSummary, VerificationResult, VerifyResponse } from '../api/types';
import { Icon } from '../components/icons';
import { useFormatters } from '../i18n/format';
import { Notice } from '../components/notice';

export const RESULT_COLORS: Record<VerificationResult, MantineColor> = {
  VALID: 'green',
  SUSPENDED: 'yellow',
  REVOKED: 'red',
  EXPIRED: 'gray',
  NOT_YET_VALID: 'blue',
  INVALID_SIGNATURE: 'red',
  UNKNOWN_ISSUER: 'red',
  STATUS_STALE: 'orange',
};

/** The verdict in words and colour (colour alone carries no meaning). */
export function VerificationBadge({ result }: { result: VerificationResult }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={RESULT_COLORS[result]}
      c={result === 'SUSPENDED' ? 'dark' : undefined}
      variant="filled"
      size="xl"
      data-testid="verify-result-badge"
      data-result={result}
    >
      {t(`certificates.verify.results.${result}.label`)}
    </Badge>
  );
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Table.Tr>
      <Table.Th w={240} fw={500} c="dimmed">
        {label}
      </Table.Th>
      <Table.Td data-testid={testId}>{children}</Table.Td>
    </Table.Tr>
  );
}

/** An issuer or key id: monospace, and broken anywhere since it has no spaces to wrap at. */
function KeyText({ children }: { children: ReactNode }) {
  return (
    <Text ff="monospace" size="sm" span style={{ wordBreak: 'break-all' }}>
      {children}
    </Text>
  );
}

/** What the signed credential names, large: the reader compares it with the page or screen in front of them. */
function CredentialClaims({ credential }: { credential: CredentialSummary }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { holder } = credential;
  return (
    <Paper withBorder p="sm" my="xs" radius="sm" data-testid="verify-credential-claims">
      <Text size="xs" c="dimmed">
        {t('certificates.verify.scope.says')}
      </Text>
      <Text fw={700} size="xl" data-testid="verify-credential-holder">
        {holder.legalName}
      </Text>
      <Text size="sm">
        {t('certificates.verify.scope.holderId', {
          scheme: holder.operatorIdScheme.toUpperCase(),
          id: holder.operatorId,
        })}
      </Text>
      <Text size="sm">
        {credential.tier
          ? t('certificates.verify.scope.typeAndTier', {
              type: credential.authorisationType,
              tier: credential.tier,
            })
          : t('certificates.verify.scope.type', { type: credential.authorisationType })}
      </Text>
      <Text size="sm" fw={600} data-testid="verify-credential-validity">
        {t('certificates.verify.scope.validity', {
          from: format.date(credential.validFrom),
          until: format.date(credential.validUntil),
        })}
      </Text>
    </Paper>
  );
}

/** Only the credential is ever checked: for a PDF, say plainly that its printed page was not. */
function ScopeNotice({ response }: { response: VerifyResponse }) {
  const { t } = useTranslation();
  if (response.verifiedScope === 'embedded_credential') {
    return (
      <Notice
        tone="warning"
        variant="outline"
        title={t('certificates.verify.scope.pdfTitle')}
        data-testid="verify-scope-warning"
      >
        {response.credential
          ? t('certificates.verify.scope.pdfWarning')
          : t('certificates.verify.scope.pdfNothing')}
      </Notice>
    );
  }
  return response.credential ? (
    <Text size="sm" data-testid="verify-scope-note">
      {t('certificates.verify.scope.credentialNote')}
    </Text>
  ) : null;
}

/** The verifier's answer: the verdict, what it means for the reader, and what the certificate says. */
export function VerificationResultPanel({ response }: { response: VerifyResponse }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { details } = response;
  const isValid = response.result === 'VALID';
  const statusChecks = details.statusChecks ?? [];
  const log = details.logInclusion;

  return (
    <Stack gap="md" data-testid="verify-result" data-result={response.result} aria-live="polite">
      <Alert
        color={RESULT_COLORS[response.result]}
        variant="light"
        icon={<Icon name={isValid ? 'shield' : 'alert'} />}
        title={
          <Group gap="sm">
            <VerificationBadge result={response.result} />
            <Title order={2} size="h4">
              {t(`certificates.verify.results.${response.result}.title`)}
            </Title>
          </Group>
        }
      >
        <Stack gap={4}>
          <Text size="sm" data-testid="verify-result-explanation">
            {t(`certificates.verify.results.${response.result}.explanation`)}
          </Text>
          {response.credential ? <CredentialClaims credential={response.credential} /> : null}
          <Text size="xs" c="dimmed">
            {t('certificates.verify.technical', { reason: response.reason, message: response.message })}
          </Text>
        </Stack>
      </Alert>
      <ScopeNotice response={response} />
      <Table withRowBorders={false} verticalSpacing={4} data-testid="verify-details">
        <Table.Tbody>
          {details.subject ? (
            <>
              <Row label={t('certificates.fields.holder')} testId="verify-holder">
                <Text fw={600} span>
                  {details.subject.legalName}
                </Text>{' '}
                <Text span c="dimmed" size="sm">
                  ({details.subject.operatorIdScheme.toUpperCase()} {details.subject.operatorId})
                </Text>
              </Row>
              <Row label={t('certificates.fields.type')}>{details.subject.authorisationType}</Row>
              <Row label={t('certificates.fields.tier')}>{details.subject.tier ?? '—'}</Row>
              <Row label={t('certificates.fields.sites')}>{format.number(details.subject.siteCount)}</Row>
            </>
          ) : null}
          {details.certificateNumber ? (
            <Row label={t('certificates.fields.number')} testId="verify-certificate-number">
              <Text ff="monospace" span>
                {details.certificateNumber}
              </Text>
            </Row>
          ) : null}
          {details.validFrom || details.validUntil ? (
            <Row label={t('certificates.fields.validity')}>
              {t('certificates.fields.validityRange', {
                from: format.date(details.validFrom),
                until: format.date(details.validUntil),
              })}
            </Row>
          ) : null}
          {details.issuer ? (
            <Row label={t('certificates.fields.issuer')}>
              <KeyText>{details.issuer}</KeyText>
            </Row>
          ) : null}
          {details.kid ? (
            <Row label={t('certificates.fields.issuerKey')}>
              <KeyText>{details.kid}</KeyText>
              {details.keyStatus ? (
                <Badge
                  ml="xs"
                  size="sm"
                  variant="outline"
                  color={details.keyStatus === 'active' ? 'green' : 'gray'}
                >
                  {details.keyStatus === 'active'
                    ? t('certificates.verify.keyActive')
                    : t('certificates.verify.keyRetired')}
                </Badge>
              ) : null}
            </Row>
          ) : null}
          {statusChecks.length > 0 ? (
            <Row label={t('certificates.verify.statusLists')} testId="verify-status-lists">
              <Stack gap={2}>
                {statusChecks.map((check) => (
                  <Text size="sm" key={check.purpose}>
                    {t(`certificates.verify.purposes.${check.purpose}`)}:{' '}
                    {t(`certificates.verify.outcomes.${check.outcome}`)}
                    {check.listValidUntil
                      ? ` · ${t('certificates.verify.listValidUntil', { until: format.dateTime(check.listValidUntil) })}`
                      : ''}
                  </Text>
                ))}
              </Stack>
            </Row>
          ) : null}
          {log ? (
            <Row label={t('certificates.verify.log')}>
              {log.checked ? (
                <Text size="sm" c={log.verified ? undefined : 'red'}>
                  {log.verified
                    ? t('certificates.verify.logVerified', {
                        leaf: log.leafIndex,
                        size: log.treeSize,
                      })
                    : t('certificates.verify.logFailed', { message: log.message ?? '' })}
                </Text>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('certificates.verify.logNotChecked')}
                </Text>
              )}
            </Row>
          ) : null}
          <Row label={t('certificates.verify.checkedAt')}>{format.dateTime(details.checkedAt)}</Row>
        </Table.Tbody>
      </Table>
      {details.certificateId ? (
        <Text size="xs" c="dimmed">
          {t('certificates.fields.certificateId')}: <Code>{details.certificateId}</Code>
        </Text>
      ) : null}
    </Stack>
  );
}
