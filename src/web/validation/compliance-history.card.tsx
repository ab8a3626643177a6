import { Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useComplianceHistory } from '../api/validation.api';
import { DataTable } from '../components/data-table';
import { SectionCard } from '../components/section-card';
import { useFormatters } from '../i18n/format';

/** The applicant's record with the risk service, beside the desk review: what its declarations showed. */
export function ComplianceHistoryCard({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const history = useComplianceHistory(applicationId);
  const data = history.data;
  if (!data) return null;
  const figures: [string, string][] = [
    [t('validation.history.declarations'), format.number(data.declarations)],
    [t('validation.history.controlled'), format.number(data.controlled)],
    [t('validation.history.inspected'), format.number(data.inspected)],
    [t('validation.history.found'), format.number(data.found)],
    [t('validation.history.critical'), format.number(data.critical)],
    [t('validation.history.duty'), format.number(data.dutyRecovered)],
  ];
  return (
    <SectionCard title={t('validation.history.title')} data-testid="compliance-history">
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {t('validation.history.intro', { since: format.date(data.since) })}
        </Text>
        {data.declarations === 0 ? (
          <Text size="sm">{t('validation.history.none')}</Text>
        ) : (
          <>
            <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }}>
              {figures.map(([label, value]) => (
                <Stack key={label} gap={0}>
                  <Text size="xs" c="dimmed" tt="uppercase">
                    {label}
                  </Text>
                  <Text fw={600}>{value}</Text>
                </Stack>
              ))}
            </SimpleGrid>
            {data.latestFindings.length > 0 ? (
              <>
                <Group mt="xs">
                  <Text size="sm" fw={600}>
                    {t('validation.history.latest')}
                  </Text>
                </Group>
                <DataTable
                  minWidth={480}
                  columns={(['declaration', 'date', 'office', 'duty'] as const).map((column) =>
                    t(`validation.history.${column}`),
                  )}
                  rows={data.latestFindings}
                  renderRow={(finding) => (
                    <Table.Tr key={finding.declarationId}>
                      <Table.Td>
                        {finding.declarationId}
                        {finding.critical ? ` · ${t('validation.history.critical')}` : ''}
                      </Table.Td>
                      <Table.Td>{format.date(finding.date)}</Table.Td>
                      <Table.Td>{finding.office}</Table.Td>
                      <Table.Td>{format.number(finding.dutyRecovered)}</Table.Td>
                    </Table.Tr>
                  )}
                />
              </>
            ) : null}
          </>
        )}
      </Stack>
    </SectionCard>
  );
}
