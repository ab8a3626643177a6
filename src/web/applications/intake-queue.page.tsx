import { Card, Group, MultiSelect, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApplications } from '../api/applications.api';
import { APPLICATION_STATUSES } from '../api/types';
import type { Application, ApplicationStatus } from '../api/types';
import { EmptyBlock } from '../components/data-table';
import { TablePage } from '../components/table-page';
import { useFormatters } from '../i18n/format';
import {
  DeadlineText,
  isOverdue,
  LeadingApplicationCells,
  useLeadingApplicationColumns,
} from './application-status';

const QUEUE_DEFAULT: ApplicationStatus[] = ['submitted', 'information_requested'];
// Customs never see drafts (they are the applicant's own work until submitted).
const QUEUE_STATUSES = APPLICATION_STATUSES.filter((status) => status !== 'draft');

/** The deadline customs must meet now: accept or not by acceptanceDue, decide by decisionDue. */
function customsDeadline(application: Application): string | null {
  if (application.status === 'submitted') return application.acceptanceDue;
  if (application.status === 'information_requested') return application.informationDue;
  if (application.status === 'accepted') return application.decisionDue;
  return null;
}

export function IntakeQueuePage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const [statuses, setStatuses] = useState<ApplicationStatus[]>(QUEUE_DEFAULT);
  const applications = useApplications(statuses.length > 0 ? statuses : QUEUE_STATUSES);
  const leadingColumns = useLeadingApplicationColumns();

  const rows = [...(applications.data ?? [])].sort((a, b) =>
    (customsDeadline(a) ?? '9999').localeCompare(customsDeadline(b) ?? '9999'),
  );
  const overdueCount = rows.filter((row) => isOverdue(customsDeadline(row))).length;

  return (
    <TablePage
      title={t('intake.title')}
      description={t('intake.description')}
      intro={
        <Card padding="md">
          <Group align="flex-end" wrap="wrap" role="search">
            <MultiSelect
              label={t('intake.filterStatus')}
              placeholder={t('intake.allStatuses')}
              data={QUEUE_STATUSES.map((value) => ({ value, label: t(`applications.status.${value}`) }))}
              value={statuses}
              onChange={(values) => setStatuses(QUEUE_STATUSES.filter((status) => values.includes(status)))}
              clearable
              w={460}
              data-testid="intake-status-filter"
            />
            <Text size="sm" c={overdueCount > 0 ? 'red.8' : 'dimmed'} ml="auto" aria-live="polite">
              {t('intake.summary', { count: rows.length, overdue: overdueCount })}
            </Text>
          </Group>
        </Card>
      }
      query={applications}
      rows={rows}
      minWidth={980}
      data-testid="intake-table"
      columns={[
        ...leadingColumns,
        t('intake.columns.submitted'),
        t('intake.columns.deadline'),
        t('intake.columns.assigned'),
      ]}
      empty={<EmptyBlock>{t('intake.empty')}</EmptyBlock>}
      renderRow={(application) => {
        const deadline = customsDeadline(application);
        const overdue = isOverdue(deadline);
        return (
          <Table.Tr
            key={application.id}
            data-testid="intake-row"
            data-reference={application.reference}
            data-overdue={overdue ? 'true' : undefined}
            bg={overdue ? 'red.0' : undefined}
          >
            <LeadingApplicationCells
              application={application}
              referenceTestId="intake-open"
              operatorNote={application.isSme ? t('intake.sme') : null}
            />
            <Table.Td>{format.date(application.submittedAt)}</Table.Td>
            <Table.Td>
              <DeadlineText day={deadline} />
            </Table.Td>
            <Table.Td>
              <Text size="sm" c={application.assignedValidatorId ? undefined : 'dimmed'}>
                {application.assignedValidatorId ? t('intake.assigned') : t('intake.unassigned')}
              </Text>
            </Table.Td>
          </Table.Tr>
        );
      }}
    />
  );
}
