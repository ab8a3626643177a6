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
  Title,
} from '@mantine/core';
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
import { ApiErrorAlert, LoadingBlock } from '../components/api-error';
import { DataTable } from '../components/data-table';
import { Fact } from '../components/facts';
import { Icon } from '../components/icons';
import { PageHeader } from '../components/page-header';
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

function CertificateCard({ authorisation }: { authorisation: Authorisation }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const certificate = useCertificate(authorisation.id);
  const data = certificate.data;

  return (
    <Card padding="md" data-testid="certificate-card">
      <Title order={2} size="h4" mb="sm">
        {t('certificates.certificate.title')}
      </Title>
      {certificate.isPending ? <LoadingBlock /> : null}
      <ApiErrorAlert error={certificate.error} onRetry={() => void certificate.refetch()} />
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
                <CopyButton value={data.credential}>
                  {({ copied, copy }) => (
                    <Button
                      variant="default"
                      onClick={copy}
                      leftSection={<Icon name={copied ? 'check' : 'copy'} size={16} />}
                      data-testid="certificate-copy-credential"
                    >
                      {copied ? t('common.copied') : t('certificates.certificate.copyCredential')}
                    </Button>
                  )}
                </CopyButton>
                <CopyButton value={data.qrPayload}>
                  {({ copied, copy }) => (
                    <Button
                      variant="subtle"
                      onClick={copy}
                      leftSection={<Icon name={copied ? 'check' : 'copy'} size={16} />}
                      data-testid="certificate-copy-qr"
                    >
                      {copied ? t('common.copied') : t('certificates.certificate.copyQr')}
                    </Button>
                  )}
                </CopyButton>
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
    </Card>
  );
}

function ConsentCard({ operatorId, canManage }: { operatorId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const consent = useRegisterConsent(operatorId);
  const setConsent = useSetRegisterConsent(operatorId);

  return (
    <Card padding="md" data-testid="register-consent">
      <Title order={2} size="h4" mb="xs">
        {t('certificates.consent.title')}
      </Title>
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
    </Card>
  );
}

function StatusHistory({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const changes = useStatusChanges(id);

  return (
    <Card padding="md" data-testid="status-history">
      <Title order={2} size="h4" mb="sm">
        {t('certificates.history.title')}
      </Title>
      {changes.isPending ? <LoadingBlock /> : null}
      <ApiErrorAlert error={changes.error} onRetry={() => void changes.refetch()} />
      {changes.data && changes.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('certificates.history.empty')}
        </Text>
      ) : null}
      {changes.data && changes.data.length > 0 ? (
        <DataTable
          rows={changes.data}
          minWidth={720}
          columns={[
            t('certificates.history.when'),
            t('certificates.history.action'),
            t('certificates.history.change'),
            t('certificates.history.reason'),
            t('certificates.history.deadline'),
          ]}
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
    </Card>
  );
}
