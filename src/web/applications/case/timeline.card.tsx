import { Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApplicationTimeline } from '../../api/applications.api';
import type { TimelineEntry } from '../../api/types';
import { ApiErrorAlert, LoadingBlock } from '../../components/api-error';
import { useFormatters } from '../../i18n/format';
import { CaseCard } from '../../components/case-card';
import { APPLICATION_ACTIONS } from '../../../vocabulary/application-lifecycle';

/** The case events a timeline names: every lifecycle action, and the intake and validation events beside them. */
const TIMELINE_ACTIONS = [
  ...APPLICATION_ACTIONS,
  'created',
  'evidence_uploaded',
  'assigned',
  'message_posted',
  'site_added',
  'site_removed',
  'information_requested',
  'information_replied',
  'information_request_lapsed',
  'visit_slots_proposed',
  'visit_slot_chosen',
  'report_commented',
  'improvement_extended',
  'measure_reported',
  'measure_verified',
  'decision_extended',
  'finding_recorded',
  'review_split',
  'consultation_sent',
  'consultation_replied',
  'consultation_closed_silent',
  'risk_added',
  'risk_updated',
  'risk_removed',
  'risk_measure_added',
  'visit_team_set',
  'checklist_generated',
  'observation_recorded',
  'photo_added',
  'photo_removed',
  'minutes_recorded',
  'sign_off_level_approved',
] as const;

type TimelineAction = (typeof TIMELINE_ACTIONS)[number];

function timelineAction(entry: TimelineEntry): TimelineAction | null {
  const action = entry.action.replace(/^(application|validation)\./, '');
  return TIMELINE_ACTIONS.find((candidate) => candidate === action) ?? null;
}

export function TimelineCard({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const timeline = useApplicationTimeline(applicationId);
  return (
    <CaseCard title={t('case.timeline.title')} testId="timeline">
      {timeline.isPending ? <LoadingBlock /> : null}
      <ApiErrorAlert error={timeline.error} />
      {timeline.data ? (
        <Timeline bulletSize={14} lineWidth={2} active={timeline.data.length}>
          {timeline.data.map((entry, index) => {
            const action = timelineAction(entry);
            return (
              <Timeline.Item
                key={`${entry.at}-${index}`}
                title={action ? t(`case.timeline.actions.${action}`) : entry.action}
              >
                <Text size="xs" c="dimmed">
                  {format.dateTime(entry.at)}
                  {entry.actor ? ` · ${entry.actor}` : ''}
                </Text>
              </Timeline.Item>
            );
          })}
        </Timeline>
      ) : null}
    </CaseCard>
  );
}
