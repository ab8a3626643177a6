import { Anchor, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuthorisations } from '../api/certificates.api';
import { EmptyBlock } from '../components/data-table';
import { TablePage } from '../components/table-page';
import { useFormatters } from '../i18n/format';
import { AuthorisationStatusBadge } from './authorisation-status';

const COLUMNS = ['holder', 'type', 'tier', 'status', 'effectiveDate', 'application'] as const;

/** An operator sees its own authorisations; customs see all (the server scopes the list). */
export function AuthorisationsPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const authorisations = useAuthorisations();

  return (
    <TablePage
      title={t('certificates.list.title')}
      description={t('certificates.list.description')}
      query={authorisations}
      rows={authorisations.data ?? []}
      minWidth={800}
      highlightOnHover
      data-testid="authorisations-table"
      columns={COLUMNS.map((field) => t(`certificates.fields.${field}`))}
      empty={<EmptyBlock testId="authorisations-empty">{t('certificates.list.empty')}</EmptyBlock>}
      renderRow={(item) => (
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
      )}
    />
  );
}
