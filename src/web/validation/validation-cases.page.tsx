import { Anchor, Badge, Card, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ValidationCase } from '../api/types';
import { useValidationCases } from '../api/validation.api';
import { ApiErrorAlert, LoadingBlock } from '../components/api-error';
import { PageHeader } from '../components/page-header';
import { useFormatters } from '../i18n/format';
import { ApplicationStatusBadge } from '../applications/application-status';

/** The validator's workspace: cases under examination, decision or appeal with their legal clocks, overdue first. */
export function ValidationCasesPage() {
  const { t } = useTranslation();
  const [assigned, setAssigned] = useState<'me' | 'all'>('me');
  const cases = useValidationCases(assigned);
  return (
    <Stack gap="md">
      <PageHeader title={t('validation.cases.title')} description={t('validation.cases.description')} />
      <SegmentedControl
        w={320}
        value={assigned}
        onChange={(value) => setAssigned(value === 'all' ? 'all' : 'me')}
        data={[
          { value: 'me', label: t('validation.cases.mine') },
          { value: 'all', label: t('validation.cases.all') },
        ]}
        data-testid="validation-cases-filter"
      />
      {cases.isError ? <ApiErrorAlert error={cases.error} onRetry={() => void cases.refetch()} /> : null}
      {cases.isPending ? <LoadingBlock /> : null}
      {cases.data ? <CasesTable rows={cases.data} /> : null}
    </Stack>
  );
}

function CasesTable({ rows }: { rows: ValidationCase[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (rows.length === 0)
    return (
      <Card padding="md">
        <Text c="dimmed" size="sm">
          {t('validation.cases.empty')}
        </Text>
      </Card>
    );
  return (
    <Card padding={0}>
      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover data-testid="validation-cases">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('validation.cases.reference')}</Table.Th>
              <Table.Th>{t('validation.cases.operator')}</Table.Th>
              <Table.Th>{t('validation.cases.status')}</Table.Th>
              <Table.Th>{t('validation.cases.deadline')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.id} data-testid="validation-case-row" data-reference={row.reference}>
                <Table.Td>
                  <Anchor component={Link} to={`/applications/${row.id}/validation`} size="sm">
                    {row.reference}
                  </Anchor>
                </Table.Td>
                <Table.Td>{row.operatorName ?? '—'}</Table.Td>
                <Table.Td>
                  <ApplicationStatusBadge status={row.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={row.clock.isOverdue ? 'red.8' : undefined}>
                    {format.date(row.clock.decisionDue)}
                    {row.clock.daysLeft !== null && !row.clock.isOverdue
                      ? ` · ${t('validation.clock.daysLeft', { count: row.clock.daysLeft })}`
                      : ''}
                  </Text>
                  {row.clock.isOverdue ? (
                    <Badge color="red" data-testid="case-overdue">
                      {t('validation.clock.overdue', { count: -(row.clock.daysLeft ?? 0) })}
                    </Badge>
                  ) : null}
                  {row.clock.isPaused ? <Badge color="gray">{t('validation.clock.paused')}</Badge> : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
