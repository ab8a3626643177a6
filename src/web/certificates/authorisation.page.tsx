import {
  Anchor,
  Button,
  Card,
  Code,
  CopyButton,
  Grid,
  Group,
  List,
  Stack,
  Switch,
  Table,
  Text,
} from '@mantine/core';
import type { ButtonVariant } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  certificatePdfUrl,
  useAuthorisation,
  useCertificate,
  useRegisterConsent,
  useSetRegisterConsent,
  useStatusChanges,
} from '../api/certificates.api';
import { useCurrentUser } from '../api/session.api';
import type { Authorisation, Me } from '../api/types';
import { QrCode } from '../account/qr-code';
import { CaseCard } from '../components/case-card';
import { ApiErrorAlert, LoadingBlock } from '../components/api-error';
import { IconButton } from '../components/buttons';
import { DataTable } from '../components/data-table';
import { Fact } from '../components/facts';
import { Icon } from '../components/icons';
import { PageHeader } from '../components/page-header';
import type { QueryState } from '../components/query-table';
import { SectionCard } from '../components/section-card';
import { useFormatters } from '../i18n/format';
import { AuthorisationStatusBadge } from './authorisation-status';
import { StatusActions } from './status-actions';

/** Whether the user decides the operator's publication: its account managers, or a representative with that right. */
function canManageConsent(user: Me, operatorId: string): boolean {
  if (user.operatorId === operatorId && user.operatorRights.includes('manage_users')) return true;
  return user.actingFor.some(
    (entry) => entry.operatorId === operatorId && entry.rights.includes('manage_users'),
  );
}

function isOperatorSide(user: Me, operatorId: string): boolean {
  return user.operatorId === operatorId || user.actingFor.some((entry) => entry.operatorId === operatorId);
}

export function AuthorisationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const format = useFormatters();
  const authorisation = useAuthorisation(id);
  const data = authorisation.data;

  if (authorisation.isPending) return <LoadingBlock />;
  if (!data)
    return <ApiErrorAlert error={authorisation.error} onRetry={() => void authorisation.refetch()} />;

  return (
    <Stack
      gap="md"
      data-testid="authorisation-page"
      data-authorisation-id={data.id}
      data-status={data.status}
    >
      <PageHeader
        title={t('certificates.authorisation.title', { name: data.operatorName ?? data.operatorId })}
        description={t('certificates.authorisation.description')}
        actions={
          <Anchor component={Link} to="/authorisations" size="sm">
            {t('certificates.authorisation.backToList')}
          </Anchor>
        }
      />
      <Card padding="md">
        <Grid>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <Fact label={t('certificates.fields.status')}>
              <AuthorisationStatusBadge status={data.status} />
            </Fact>
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <Fact label={t('certificates.fields.type')}>{data.authorisationType}</Fact>
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <Fact label={t('certificates.fields.tier')}>{data.tier}</Fact>
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <Fact label={t('certificates.fields.effectiveDate')}>{format.date(data.effectiveDate)}</Fact>
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <Fact label={t('certificates.fields.application')}>
              <Anchor component={Link} to={`/applications/${data.applicationId}`} size="sm">
                {data.applicationReference ?? data.applicationId}
              </Anchor>
            </Fact>
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <Fact label={t('certificates.fields.grantedAt')}>{format.dateTime(data.grantedAt)}</Fact>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Fact label={t('certificates.fields.sites')}>
              {data.sites.length === 0 ? (
                '—'
              ) : (
                <List size="sm">
                  {data.sites.map((site) => (
                    <List.Item key={site.id}>
                      {site.name} — {site.address}
                    </List.Item>
                  ))}
                </List>
              )}
            </Fact>
          </Grid.Col>
        </Grid>
      </Card>
      <CertificateCard authorisation={data} />
      {user.roles.includes('aeo_manager') ? <StatusActions authorisation={data} /> : null}
      {isOperatorSide(user, data.operatorId) ? (
        <ConsentCard operatorId={data.operatorId} canManage={canManageConsent(user, data.operatorId)} />
      ) : null}
      <StatusHistory id={data.id} />
    </Stack>
  );
}

/** A card of the page that shows one query: its heading, then the loader or the error with its retry, then the data. */
function QueryCard({
  title,
  'data-testid': testId,
  query,
  children,
}: {
  title: string;
  'data-testid': string;
  query: QueryState;
  children: ReactNode;
}) {
  return (
    <CaseCard title={title} testId={testId}>
      {query.isPending ? <LoadingBlock /> : null}
      <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      {children}
    </CaseCard>
  );
}

function CertificateCard({ authorisation }: { authorisation: Authorisation }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const certificate = useCertificate(authorisation.id);
  const data = certificate.data;

  return (
    <QueryCard title={t('certificates.certificate.title')} data-testid="certificate-card" query={certificate}>
      {data ? (
        <Grid>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="sm">
              <Fact label={t('certificates.fields.number')} testId="certificate-number">
                <Text ff="monospace" fw={700} size="lg" span>
                  {data.certificateNumber}
                </Text>
              </Fact>
              <Fact label={t('certificates.fields.validity')}>
                {t('certificates.fields.validityRange', {
                  from: format.date(data.validFrom),
                  until: format.date(data.validUntil),
                })}
              </Fact>
              <Fact label={t('certificates.fields.issuedAt')}>{format.dateTime(data.issuedAt)}</Fact>
              <Fact label={t('certificates.fields.issuerKey')}>
                <Text ff="monospace" size="xs" span style={{ wordBreak: 'break-all' }}>
                  {data.kid}
                </Text>
              </Fact>
              <Fact label={t('certificates.certificate.log')}>
                {t('certificates.certificate.logEntry', {
                  leaf: data.logProof.leafIndex,
                  size: data.logProof.treeSize,
                })}
              </Fact>
              <Group gap="sm" mt="xs">
                <Button
                  component="a"
                  href={certificatePdfUrl(authorisation.id)}
                  download
                  leftSection={<Icon name="download" size={16} />}
                  data-testid="certificate-download-pdf"
                >
                  {t('certificates.certificate.downloadPdf')}
                </Button>
                <CopyTextButton
                  value={data.credential}
                  label={t('certificates.certificate.copyCredential')}
                  variant="default"
                  data-testid="certificate-copy-credential"
                />
                <CopyTextButton
                  value={data.qrPayload}
                  label={t('certificates.certificate.copyQr')}
                  variant="subtle"
                  data-testid="certificate-copy-qr"
                />
                <Button
                  component={Link}
                  to="/verify"
                  variant="subtle"
                  leftSection={<Icon name="shield" size={16} />}
                >
                  {t('certificates.certificate.verifyLink')}
                </Button>
              </Group>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack gap={4} align="center">
              <QrCode value={data.qrPayload} label={t('certificates.certificate.qrAlt')} size={220} />
              <Text size="xs" c="dimmed" ta="center">
                {t('certificates.certificate.qrHint')}
              </Text>
            </Stack>
          </Grid.Col>
          <Grid.Col span={12}>
            <details>
              <summary>
                <Text span size="sm">
                  {t('certificates.certificate.qrText')}
                </Text>
              </summary>
              <Code
                block
                mt="xs"
                style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
                data-testid="certificate-qr-text"
              >
                {data.qrPayload}
              </Code>
            </details>
          </Grid.Col>
        </Grid>
      ) : null}
    </QueryCard>
  );
}

/** Copies a text to the clipboard and says "Copied" (with a tick) for a moment after. */
function CopyTextButton({
  value,
  label,
  variant,
  'data-testid': testId,
}: {
  value: string;
  label: string;
  variant: ButtonVariant;
  'data-testid': string;
}) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <IconButton variant={variant} onClick={copy} icon={copied ? 'check' : 'copy'} data-testid={testId}>
          {copied ? t('common.copied') : label}
        </IconButton>
      )}
    </CopyButton>
  );
}

function ConsentCard({ operatorId, canManage }: { operatorId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const consent = useRegisterConsent(operatorId);
  const setConsent = useSetRegisterConsent(operatorId);

  return (
    <SectionCard title={t('certificates.consent.title')} data-testid="register-consent">
      <Text size="sm" c="dimmed" mb="sm">
        {t('certificates.consent.description')}
      </Text>
      <ApiErrorAlert error={consent.error ?? setConsent.error} />
      {consent.data ? (
        <Stack gap={4}>
          <Switch
            label={t('certificates.consent.label')}
            checked={consent.data.isPublished}
            disabled={!canManage || setConsent.isPending}
            onChange={(event) => setConsent.mutate(event.currentTarget.checked)}
            data-testid="register-consent-switch"
          />
          <Text size="xs" c="dimmed">
            {canManage ? null : `${t('certificates.consent.onlyManagers')} `}
            {consent.data.updatedAt
              ? t('certificates.consent.updatedAt', { at: format.dateTime(consent.data.updatedAt) })
              : null}
          </Text>
        </Stack>
      ) : null}
    </SectionCard>
  );
}

const HISTORY_COLUMNS = ['when', 'action', 'change', 'reason', 'deadline'] as const;

function StatusHistory({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const changes = useStatusChanges(id);

  return (
    <QueryCard title={t('certificates.history.title')} data-testid="status-history" query={changes}>
      {changes.data && changes.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('certificates.history.empty')}
        </Text>
      ) : null}
      {changes.data && changes.data.length > 0 ? (
        <DataTable
          rows={changes.data}
          minWidth={720}
          columns={HISTORY_COLUMNS.map((column) => t(`certificates.history.${column}`))}
          renderRow={(change) => (
            <Table.Tr key={`${change.leafIndex}-${change.changedAt}`} data-testid="status-history-row">
              <Table.Td>{format.dateTime(change.changedAt)}</Table.Td>
              <Table.Td>{t(`certificates.actions.${change.action}.button`)}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <AuthorisationStatusBadge status={change.fromStatus} />
                  <Text span>→</Text>
                  <AuthorisationStatusBadge status={change.toStatus} />
                </Group>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{change.reason}</Table.Td>
              <Table.Td>{format.date(change.remediationDeadline)}</Table.Td>
            </Table.Tr>
          )}
        />
      ) : null}
    </QueryCard>
  );
}
