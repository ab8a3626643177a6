import { Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useComplianceHistory } from '../api/validation.api';
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
    <Card padding="md" data-testid="compliance-history">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('validation.history.title')}
        </Title>
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
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('validation.history.declaration')}</Table.Th>
                      <Table.Th>{t('validation.history.date')}</Table.Th>
                      <Table.Th>{t('validation.history.office')}</Table.Th>
                      <Table.Th>{t('validation.history.duty')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.latestFindings.map((finding) => (
                      <Table.Tr key={finding.declarationId}>
                        <Table.Td>
                          {finding.declarationId}
                          {finding.critical ? ` · ${t('validation.history.critical')}` : ''}
                        </Table.Td>
                        <Table.Td>{format.date(finding.date)}</Table.Td>
                        <Table.Td>{finding.office}</Table.Td>
                        <Table.Td>{format.number(finding.dutyRecovered)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </>
            ) : null}
          </>
        )}
      </Stack>
    </Card>
  );
}
