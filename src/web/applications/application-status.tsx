import { Anchor, Badge, Table, Text, Tooltip } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useProgramme } from '../api/programme.api';
import type { Application, ApplicationStatus } from '../api/types';
import { TextWithNote } from '../components/text-with-note';
import { useLocalised } from '../i18n/localised';
import { useFormatters } from '../i18n/format';
import { todayIsoDate } from '../i18n/format';

const statusColors: Record<ApplicationStatus, MantineColor> = {
  draft: 'gray',
  submitted: 'customs',
  information_requested: 'yellow',
  accepted: 'green',
  not_accepted: 'red',
  withdrawn: 'gray',
  expired: 'orange',
  desk_review: 'customs',
  on_site: 'customs',
  report_issued: 'customs',
  improvement_plan: 'yellow',
  awaiting_sign_off: 'violet',
  referred_to_headquarters: 'violet',
  ready_for_decision: 'indigo',
  right_to_be_heard: 'orange',
  notice_answered: 'orange',
  granted: 'green',
  rejected: 'red',
  under_appeal: 'grape',
  rejection_upheld: 'red',
};

/** The column headings every list of applications starts with, in this order. */
export function useLeadingApplicationColumns(): string[] {
  const { t } = useTranslation();
  return [
    t('applications.columns.reference'),
    t('applications.columns.operator'),
    t('applications.columns.type'),
    t('applications.columns.status'),
  ];
}

/**
 * The cells under the leading columns: the reference (a link to the case), the operator (with an optional note),
 * the type over its variant (their ids until the programme has loaded), the status.
 */
export function LeadingApplicationCells({
  application,
  referenceTestId,
  operatorNote,
}: {
  application: Application;
  referenceTestId?: string;
  operatorNote?: ReactNode;
}) {
  const localised = useLocalised();
  const programme = useProgramme();
  const { authorisationType, variant } = application;
  return (
    <>
      <Table.Td>
        <Anchor
          component={Link}
          to={`/applications/${application.id}`}
          fw={600}
          size="sm"
          data-testid={referenceTestId}
        >
          {application.reference}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <TextWithNote note={operatorNote}>{application.operatorName ?? '—'}</TextWithNote>
      </Table.Td>
      <Table.Td>
        <TextWithNote
          note={
            localised(programme.data?.variants.find((candidate) => candidate.id === variant)?.title) ||
            variant
          }
        >
          {localised(programme.data?.types.find((type) => type.id === authorisationType)?.title) ||
            authorisationType}
        </TextWithNote>
      </Table.Td>
      <Table.Td>
        <ApplicationStatusBadge status={application.status} />
      </Table.Td>
    </>
  );
}

export function ApplicationStatusBadge({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={statusColors[status]}
      variant="light"
      size="md"
      data-testid="application-status"
      data-status={status}
    >
      {t(`applications.status.${status}`)}
    </Badge>
  );
}

/** Statuses in which the applicant can still act on the case (edit, reply, withdraw). */
export const OPEN_STATUSES: readonly ApplicationStatus[] = ['draft', 'submitted', 'information_requested'];

export function isOverdue(day: string | null, today: string = todayIsoDate()): boolean {
  return day !== null && day < today;
}

/** A legal deadline: red and marked "overdue" once the day has passed, amber on the day itself. */
export function DeadlineText({ day, active = true }: { day: string | null; active?: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (!day) return <Text size="sm">—</Text>;
  const today = todayIsoDate();
  const overdue = active && isOverdue(day, today);
  const dueToday = active && day === today;
  const text = (
    <Text
      size="sm"
      c={overdue ? 'red.8' : dueToday ? 'orange.8' : undefined}
      fw={overdue || dueToday ? 600 : undefined}
      data-overdue={overdue ? 'true' : undefined}
    >
      {format.date(day)}
      {overdue
        ? ` · ${t('applications.deadline.overdue')}`
        : dueToday
          ? ` · ${t('applications.deadline.today')}`
          : ''}
    </Text>
  );
  return overdue ? <Tooltip label={t('applications.deadline.overdueHint')}>{text}</Tooltip> : text;
}
