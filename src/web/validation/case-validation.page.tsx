import { Badge, Button, Group, Modal, SimpleGrid, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApplicationCase } from '../api/applications.api';
import { useProgramme } from '../api/programme.api';
import { useCurrentUser } from '../api/session.api';
import type { ValidationWorkspace } from '../api/types';
import { useExtendDecision, useValidationWorkspace } from '../api/validation.api';
import { ApiErrorAlert, fieldError, LoadingBlock } from '../components/api-error';
import { bindText } from '../components/bind';
import { Fact } from '../components/facts';
import { PageHeader } from '../components/page-header';
import { SectionCard } from '../components/section-card';
import { useFormatters } from '../i18n/format';
import { ApplicationStatusBadge } from '../applications/application-status';
import { ConsultationTab } from './consultation.tab';
import { DecisionTab } from './decision.tab';
import { DeskReviewTab } from './desk-review.tab';
import { OnSiteTab } from './on-site.tab';
import { ReportTab } from './report.tab';
import { RiskMapTab } from './risk-map.tab';
import { CaseSubmit } from './case-form';
import type { CaseTabProps } from './validation-shared';

/** The AEO office's work on one case: clock, desk review, risk map, visit, report, sign-off, decision and appeal. */
export function CaseValidationPage() {
  const { id = '' } = useParams();
  const workspace = useValidationWorkspace(id);
  const application = useApplicationCase(id);
  const programme = useProgramme(application.data?.variant, application.data?.programmeVersionId);
  const failed = workspace.error ?? application.error ?? programme.error;
  if (failed) return <ApiErrorAlert error={failed} onRetry={() => void workspace.refetch()} />;
  if (!workspace.data || !application.data || !programme.data) return <LoadingBlock />;
  return (
    <CaseValidationView
      workspace={workspace.data}
      application={application.data}
      programme={programme.data}
    />
  );
}

/** The case's tabs in order: each a test id `tab-<value>`, its label and the panel it opens. */
const CASE_TABS = [
  { value: 'review', label: 'validation.tabs.review', Panel: DeskReviewTab },
  { value: 'risks', label: 'validation.tabs.risks', Panel: RiskMapTab },
  { value: 'consultation', label: 'consultation.tab', Panel: ConsultationTab },
  { value: 'onsite', label: 'validation.tabs.onsite', Panel: OnSiteTab },
  { value: 'report', label: 'validation.tabs.report', Panel: ReportTab },
  { value: 'decision', label: 'validation.tabs.decision', Panel: DecisionTab },
] as const;

function CaseValidationView(props: CaseTabProps) {
  const { t } = useTranslation();
  const { workspace } = props;
  return (
    <Stack gap="md" data-testid="validation-page" data-status={workspace.status}>
      <PageHeader
        title={t('validation.page.title', { reference: workspace.reference })}
        description={workspace.operatorName}
        actions={
          <>
            <ApplicationStatusBadge status={workspace.status} />
            <Button component={Link} to={`/applications/${workspace.id}`} variant="default">
              {t('validation.page.openCase')}
            </Button>
          </>
        }
      />
      <ClockCard workspace={workspace} />
      <Tabs defaultValue="review" keepMounted={false}>
        <Tabs.List>
          {CASE_TABS.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value} data-testid={`tab-${tab.value}`}>
              {t(tab.label)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {CASE_TABS.map(({ value, Panel }) => (
          <Tabs.Panel key={value} value={value} pt="md">
            <Panel {...props} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

function ClockCard({ workspace }: { workspace: ValidationWorkspace }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const user = useCurrentUser();
  const extend = useExtendDecision(workspace.id);
  const [extending, setExtending] = useState(false);
  const [reason, setReason] = useState('');
  const { clock } = workspace;
  const canExtend =
    (user.roles.includes('aeo_manager') || user.roles.includes('admin')) &&
    clock.extension === null &&
    clock.decisionDue !== null &&
    !['granted', 'rejected', 'rejection_upheld', 'under_appeal'].includes(workspace.status);
  return (
    <SectionCard
      title={t('validation.clock.title')}
      actions={
        canExtend ? (
          <Button variant="light" size="xs" onClick={() => setExtending(true)} data-testid="clock-extend">
            {t('validation.clock.extend')}
          </Button>
        ) : null
      }
      data-testid="validation-clock"
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Fact isBare label={t('validation.clock.decisionDue')}>
          <Group gap="xs">
            <Text size="sm" c={clock.isOverdue ? 'red.8' : undefined} fw={clock.isOverdue ? 600 : undefined}>
              {format.date(clock.decisionDue)}
            </Text>
            {clock.isOverdue ? (
              <Badge color="red" data-testid="clock-overdue">
                {t('validation.clock.overdue', { count: -(clock.daysLeft ?? 0) })}
              </Badge>
            ) : clock.daysLeft !== null ? (
              <Text size="sm" c="dimmed">
                {t('validation.clock.daysLeft', { count: clock.daysLeft })}
              </Text>
            ) : null}
          </Group>
        </Fact>
        <Fact label={t('validation.clock.pause')}>
          {clock.isPaused
            ? t('validation.clock.pausedSince', { date: format.date(clock.pausedSince) })
            : t('validation.clock.pausedDays', { count: clock.pausedDays })}
        </Fact>
        <Fact label={t('validation.clock.extension')} testId="clock-extension">
          {clock.extension
            ? t('validation.clock.extended', {
                from: format.date(clock.extension.previousDue),
                to: format.date(clock.extension.newDue),
                reason: clock.extension.reason,
              })
            : t('validation.clock.notExtended')}
        </Fact>
      </SimpleGrid>
      <Modal opened={extending} onClose={() => setExtending(false)} title={t('validation.clock.extend')}>
        <Stack>
          <Textarea
            label={t('validation.clock.reason')}
            required
            autosize
            minRows={3}
            {...bindText(reason, setReason)}
            error={fieldError(extend.error, 'reason')}
          />
          <CaseSubmit
            write={extend}
            isDisabled={!reason.trim()}
            onClick={() => extend.mutate({ reason: reason.trim() }, { onSuccess: () => setExtending(false) })}
          >
            {t('validation.clock.extend')}
          </CaseSubmit>
        </Stack>
      </Modal>
    </SectionCard>
  );
}
