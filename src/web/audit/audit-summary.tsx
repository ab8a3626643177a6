import { Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** The before/after of a change as a field table; any other summary as formatted JSON. */
export function AuditSummary({ summary }: { summary: Record<string, unknown> }) {
  const { t } = useTranslation();
  const { before, after, ...rest } = summary;
  const hasChange = isRecord(before) || isRecord(after);

  if (!hasChange) {
    if (Object.keys(summary).length === 0) {
      return (
        <Text size="sm" c="dimmed">
          {t('audit.summary.empty')}
        </Text>
      );
    }
    return <Code block>{JSON.stringify(summary, null, 2)}</Code>;
  }

  const beforeRecord = isRecord(before) ? before : {};
  const afterRecord = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(beforeRecord), ...Object.keys(afterRecord)])].sort();

  return (
    <>
      <Table withTableBorder withColumnBorders fz="sm" aria-label={t('audit.summary.changes')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.summary.field')}</Table.Th>
            <Table.Th>{t('audit.summary.before')}</Table.Th>
            <Table.Th>{t('audit.summary.after')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fields.map((field) => {
            const was = show(beforeRecord[field]);
            const now = show(afterRecord[field]);
            const changed = was !== now;
            return (
              <Table.Tr key={field} bg={changed ? 'yellow.0' : undefined}>
                <Table.Td>
                  <Code>{field}</Code>
                </Table.Td>
                <Table.Td style={{ wordBreak: 'break-word' }}>{was}</Table.Td>
                <Table.Td style={{ wordBreak: 'break-word' }} fw={changed ? 600 : undefined}>
                  {now}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {Object.keys(rest).length > 0 ? (
        <Code block mt="xs">
          {JSON.stringify(rest, null, 2)}
        </Code>
      ) : null}
    </>
  );
}
