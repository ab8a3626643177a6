import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const FINDING_COLUMNS = ['agency', 'foundShort', 'criticalShort', 'officer', 'notes'] as const;

/** The headings of a joint inspection's findings, one row per agency (as recorded, or as being entered). */
export function FindingsHead({ withActions = false }: { withActions?: boolean }) {
  const { t } = useTranslation();
  return (
    <Table.Thead>
      <Table.Tr>
        {FINDING_COLUMNS.map((column) => (
          <Table.Th key={column}>{t(`risk.inspection.${column}`)}</Table.Th>
        ))}
        {withActions ? (
          <Table.Th w={50}>
            <span className="visually-hidden">{t('common.actions')}</span>
          </Table.Th>
        ) : null}
      </Table.Tr>
    </Table.Thead>
  );
}
