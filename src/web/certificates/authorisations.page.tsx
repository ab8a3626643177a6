import { Anchor, Card, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuthorisations } from '../api/certificates.api';
import { ApiErrorAlert, LoadingBlock } from '../components/api-error';
import { PageHeader } from '../components/page-header';
import { useFormatters } from '../i18n/format';
import { AuthorisationStatusBadge } from './authorisation-status';

/** An operator sees its own authorisations; customs see all (the server scopes the list). */
export function AuthorisationsPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const authorisations = useAuthorisations();

  return (
    <Stack>
      <PageHeader title={t('certificates.list.title')} description={t('certificates.list.description')} />
      <ApiErrorAlert error={authorisations.error} onRetry={() => void authorisations.refetch()} />
      <Card padding={0}>
        {authorisations.isPending ? (
          <LoadingBlock />
        ) : (authorisations.data ?? []).length === 0 ? (
          <Text c="dimmed" ta="center" py="xl" size="sm" data-testid="authorisations-empty">
            {t('certificates.list.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={800}>
            <Table highlightOnHover data-testid="authorisations-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('certificates.fields.holder')}</Table.Th>
                  <Table.Th>{t('certificates.fields.type')}</Table.Th>
                  <Table.Th>{t('certificates.fields.tier')}</Table.Th>
                  <Table.Th>{t('certificates.fields.status')}</Table.Th>
                  <Table.Th>{t('certificates.fields.effectiveDate')}</Table.Th>
                  <Table.Th>{t('certificates.fields.application')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {authorisations.data?.map((item) => (
                  <Table.Tr key={item.id} data-testid="authorisation-row" data-authorisation-id={item.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/authorisations/${item.id}`} fw={600} size="sm">
                        {item.operatorName ?? item.operatorId}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{item.authorisationType}</Table.Td>
                    <Table.Td>{item.tier}</Table.Td>
                    <Table.Td>
                      <AuthorisationStatusBadge status={item.status} />
                    </Table.Td>
                    <Table.Td>{format.date(item.effectiveDate)}</Table.Td>
                    <Table.Td ff="monospace">{item.applicationReference ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </Stack>
  );
}
