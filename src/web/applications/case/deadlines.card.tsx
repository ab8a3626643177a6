import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApplicationCase } from '../../api/types';
import { Fact, Facts } from '../../components/facts';
import { useFormatters } from '../../i18n/format';
import { DeadlineText } from '../application-status';
import { CaseCard } from '../../components/case-card';

export function DeadlinesCard({ application }: { application: ApplicationCase }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <CaseCard title={t('case.deadlines.title')} testId="deadlines">
      <Facts cols={{ base: 1, sm: 3 }}>
        <Fact isBare label={t('case.deadlines.submitted')}>
          <Text size="sm">{format.dateTime(application.submittedAt)}</Text>
        </Fact>
        <Fact isBare label={t('case.deadlines.acceptanceDue')}>
          <DeadlineText day={application.acceptanceDue} active={application.status === 'submitted'} />
        </Fact>
        <Fact isBare label={t('case.deadlines.accepted')}>
          <Text size="sm">{format.dateTime(application.acceptedAt)}</Text>
        </Fact>
        <Fact isBare label={t('case.deadlines.decisionDue')}>
          <DeadlineText day={application.decisionDue} active={application.status === 'accepted'} />
        </Fact>
        <Fact isBare label={t('case.deadlines.informationDue')}>
          <DeadlineText
            day={application.informationDue}
            active={application.status === 'information_requested'}
          />
        </Fact>
        <Fact isBare label={t('case.deadlines.paused')}>
          <Text size="sm">
            {application.pausedSince
              ? t('case.deadlines.pausedSince', {
                  date: format.date(application.pausedSince),
                  days: application.pausedDays,
                })
              : t('case.deadlines.pausedDays', { count: application.pausedDays })}
          </Text>
        </Fact>
      </Facts>
      {application.closedAt ? (
        <Text size="sm" mt="sm" c="dimmed">
          {t('case.deadlines.closed', { date: format.dateTime(application.closedAt) })}
          {application.closingReason ? ` — ${application.closingReason}` : ''}
        </Text>
      ) : null}
    </CaseCard>
  );
}
