import { Anchor, Badge, Card, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ValidationCase } from '../api/types';
import { useValidationCases } from '../api/validation.api';
import { ChoiceControl } from '../components/choice-control';
import { DataTable, EmptyCard } from '../components/data-table';
import { PageHeader } from '../components/page-header';
import { QueryContent } from '../components/query-table';
import { useFormatters } from '../i18n/format';
import { ApplicationStatusBadge } from '../applications/application-status';

/** The cases assigned to the signed-in officer, or every case the office may see. */
const ASSIGNED_FILTERS = ['me', 'all'] as const;

/** The validator's workspace: cases under examination, decision or appeal with their legal clocks, overdue first. */
export function ValidationCasesPage() {
  const { t } = useTranslation();
  const [assigned, setAssigned] = useState<(typeof ASSIGNED_FILTERS)[number]>('me');
  const cases = useValidationCases(assigned);
  return (
    <Stack gap="md">
      <PageHeader title={t('validation.cases.title')} description={t('validation.cases.description')} />
      <ChoiceControl
        w={320}
        value={assigned}
        choices={ASSIGNED_FILTERS}
        onChange={setAssigned}
        labelOf={(choice) => t(choice === 'me' ? 'validation.cases.mine' : 'validation.cases.all')}
        data-testid="validation-cases-filter"
      />
      <QueryContent query={cases}>{(rows) => <CasesTable rows={rows} />}</QueryContent>
    </Stack>
  );
}

function CasesTable({ rows }: { rows: ValidationCase[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (rows.length === 0) return <EmptyCard>{t('validation.cases.empty')}</EmptyCard>;
  return (
    <Card padding={0}>
      <DataTable
        rows={rows}
        minWidth={720}
        striped
        highlightOnHover
        data-testid="validation-cases"
        columns={(['reference', 'operator', 'status', 'deadline'] as const).map((column) =>
          t(`validation.cases.${column}`),
        )}
        renderRow={(row) => (
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
        )}
      />
    </Card>
  );
}
