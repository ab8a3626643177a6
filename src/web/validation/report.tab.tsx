import { Anchor, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImprovementPlan, Recommendation, ValidationReport } from '../api/types';
import {
  reportPdfUrl,
  useCompletePlan,
  useExtendPlan,
  useImprovementPlan,
  useIssueReport,
  useReport,
  useRequestSignOff,
  useRequireImprovement,
  useVerifyMeasure,
} from '../api/validation.api';
import { ApiErrorAlert } from '../components/api-error';
import { useFields } from '../components/use-fields';
import { ChoiceControl } from '../components/choice-control';
import { SectionCard } from '../components/section-card';
import { useFormatters } from '../i18n/format';
import { CaseActionButton, CaseFields, CaseSubmit } from './case-form';
import type { CaseTabProps } from './validation-shared';
import { CaseErrorAlert, isoDayFromNow, NoneYet } from './validation-shared';

const RECOMMENDATIONS: readonly Recommendation[] = ['grant', 'improve', 'reject'];

/** What customs wrote for itself, and what the company is shown. */
const REPORT_VERSIONS = ['internal', 'shared'] as const;

export function ReportTab({ workspace }: CaseTabProps) {
  const { t } = useTranslation();
  const [version, setVersion] = useState<(typeof REPORT_VERSIONS)[number]>('internal');
  const report = useReport(workspace.id, version);
  const issue = useIssueReport(workspace.id);
  const requestSignOff = useRequestSignOff(workspace.id);
  const [recommendation, setRecommendation] = useState<Recommendation>('grant');
  const allowed = workspace.allowedActions;
  return (
    <Stack gap="md" data-testid="report-tab">
      {allowed.includes('issue_report') ? (
        <SectionCard title={t('validation.report.issueTitle')} data-testid="report-issue">
          <Group align="flex-end" wrap="wrap">
            <Select
              label={t('validation.report.recommendation')}
              data={RECOMMENDATIONS.map((value) => ({
                value,
                label: t(`validation.report.recommend.${value}`),
              }))}
              value={recommendation}
              allowDeselect={false}
              onChange={(value) => setRecommendation(RECOMMENDATIONS.find((r) => r === value) ?? 'grant')}
              data-testid="report-recommendation"
            />
            <Button
              onClick={() => issue.mutate({ recommendation })}
              loading={issue.isPending}
              data-testid="report-generate"
            >
              {t('validation.report.generate')}
            </Button>
          </Group>
          <CaseErrorAlert error={issue.error} />
        </SectionCard>
      ) : null}

      <SectionCard
        title={t('validation.report.title')}
        actions={
          <ChoiceControl
            value={version}
            choices={REPORT_VERSIONS}
            onChange={setVersion}
            labelOf={(choice) => t(`validation.report.${choice}`)}
          />
        }
        data-testid="report-view"
      >
        <ApiErrorAlert error={report.error} />
        {report.data ? (
          <ReportView applicationId={workspace.id} report={report.data} version={version} />
        ) : report.data === null ? (
          <NoneYet>{t('validation.report.none')}</NoneYet>
        ) : null}
      </SectionCard>

      <CaseActionButton
        isAllowed={allowed.includes('submit_for_sign_off')}
        write={requestSignOff}
        onClick={() => requestSignOff.mutate({})}
        data-testid="sign-off-request"
      >
        {t('validation.signOff.request')}
      </CaseActionButton>

      <ImprovementPlanCard workspaceId={workspace.id} allowed={allowed} status={workspace.status} />
    </Stack>
  );
}

export function ReportView({
  applicationId,
  report,
  version,
}: {
  applicationId: string;
  report: ValidationReport;
  version: 'internal' | 'shared';
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const content = report.content as { sections?: Array<{ heading: string; lines: string[] }> } | null;
  return (
    <Stack gap="xs" data-testid="report-content" data-number={report.number}>
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" fw={600}>
          {t('validation.report.number', { number: report.number, date: format.dateTime(report.issuedAt) })}
        </Text>
        <Anchor href={reportPdfUrl(applicationId, version)} download data-testid="report-pdf">
          {t('validation.report.pdf')}
        </Anchor>
      </Group>
      {report.recommendation ? (
        <Text size="sm">
          {t('validation.report.recommendation')}: {t(`validation.report.recommend.${report.recommendation}`)}
        </Text>
      ) : null}
      {(content?.sections ?? []).map((section, index) => (
        <Stack key={index} gap={2}>
          <Text fw={600} size="sm">
            {section.heading}
          </Text>
          {section.lines.map((line, lineIndex) => (
            <Text key={lineIndex} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {line}
            </Text>
          ))}
        </Stack>
      ))}
      {report.comments.length > 0 ? (
        <Stack gap={4} mt="sm">
          <Text fw={600} size="sm">
            {t('validation.report.comments')}
          </Text>
          {report.comments.map((comment) => (
            <Text key={comment.id} size="sm" data-testid="report-comment">
              {comment.author ?? '—'} · {format.dateTime(comment.createdAt)}: {comment.body}
            </Text>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}

function ImprovementPlanCard({
  workspaceId,
  allowed,
  status,
}: {
  workspaceId: string;
  allowed: string[];
  status: string;
}) {
  const { t } = useTranslation();
  const plan = useImprovementPlan(workspaceId);
  const require = useRequireImprovement(workspaceId);
  const complete = useCompletePlan(workspaceId);
  const form = useFields({ measures: '', dueDate: isoDayFromNow(60) }, require.error);
  const { measures, dueDate } = form.values;
  return (
    <SectionCard title={t('validation.plan.title')} data-testid="improvement-plan">
      {plan.data ? <PlanView applicationId={workspaceId} plan={plan.data} side="customs" /> : null}
      {plan.data ? (
        <PlanExtension applicationId={workspaceId} plan={plan.data} isOpen={status === 'improvement_plan'} />
      ) : null}
      {plan.data === null && !allowed.includes('require_improvement') ? (
        <NoneYet>{t('validation.plan.none')}</NoneYet>
      ) : null}
      {allowed.includes('require_improvement') ? (
        <Stack gap="xs">
          <CaseFields
            form={form}
            fields={[
              {
                name: 'measures',
                label: t('validation.plan.measures'),
                description: t('validation.plan.measuresHint'),
                minRows: 3,
              },
              { name: 'dueDate', type: 'date', label: t('validation.plan.due'), width: 200 },
            ]}
          />
          <CaseSubmit
            write={require}
            isDisabled={!measures.trim()}
            onClick={() =>
              require.mutate({
                dueDate,
                measures: measures
                  .split('\n')
                  .map((line) => line.trim())
                  .filter(Boolean)
                  .map((description) => ({ description })),
              })
            }
          >
            {t('validation.plan.require')}
          </CaseSubmit>
        </Stack>
      ) : null}
      <CaseActionButton
        isAllowed={allowed.includes('verify_improvement')}
        write={complete}
        mt="sm"
        onClick={() => complete.mutate({})}
      >
        {t('validation.plan.complete')}
      </CaseActionButton>
    </SectionCard>
  );
}

/** ISO day `days` after `isoDay`. */
function addDays(isoDay: string, days: number): string {
  return new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The plan's deadline moves once, with a reason; afterwards both dates and the reason stay on view. */
function PlanExtension({
  applicationId,
  plan,
  isOpen,
}: {
  applicationId: string;
  plan: ImprovementPlan;
  isOpen: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const extend = useExtendPlan(applicationId);
  const isExtended = plan.extendedAt !== null;
  const form = useFields({ dueDate: addDays(plan.dueDate, 30), reason: '' }, extend.error);
  const { dueDate, reason } = form.values;
  if (!isOpen && !isExtended) return null;
  return (
    <Stack gap="xs" mt="md" data-testid="plan-extension" data-extended={isExtended}>
      <Title order={3} size="h5">
        {t('caseWork.planExtension.title')}
      </Title>
      {isExtended ? (
        <Stack gap={2}>
          <Text size="sm" data-testid="plan-original-due">
            {t('caseWork.planExtension.originalDue', { date: format.date(plan.originalDue) })}
          </Text>
          <Text size="sm" fw={600} data-testid="plan-new-due">
            {t('caseWork.planExtension.newDue', { date: format.date(plan.dueDate) })}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="plan-extension-reason">
            {t('caseWork.planExtension.reasonShown', { reason: plan.extensionReason ?? '' })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('caseWork.planExtension.extendedOn', { date: format.dateTime(plan.extendedAt) })}
          </Text>
        </Stack>
      ) : (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('caseWork.planExtension.once')}
          </Text>
          <CaseFields
            form={form}
            size="md"
            fields={[
              {
                name: 'dueDate',
                type: 'date',
                label: t('caseWork.planExtension.newDueLabel'),
                min: addDays(plan.dueDate, 1),
                width: 220,
                testId: 'plan-extension-date',
              },
              {
                name: 'reason',
                label: t('caseWork.planExtension.reason'),
                minRows: 2,
                maxLength: 5000,
                testId: 'plan-extension-reason-input',
              },
            ]}
          />
        </Stack>
      )}
      {isOpen ? (
        <CaseSubmit
          write={extend}
          size="md"
          variant="light"
          isDisabled={isExtended || !reason.trim() || !dueDate || dueDate <= plan.dueDate}
          onClick={() => extend.mutate({ dueDate, reason: reason.trim() })}
          data-testid="plan-extend"
        >
          {isExtended ? t('caseWork.planExtension.alreadyExtended') : t('caseWork.planExtension.submit')}
        </CaseSubmit>
      ) : (
        <CaseErrorAlert error={extend.error} />
      )}
    </Stack>
  );
}

/** The server's measure statuses as the labels name them ("reported_done" reads "reported"). */
function measureStatusKey(status: string): 'open' | 'reported' | 'verified' | 'not_met' {
  if (status === 'reported_done') return 'reported';
  return status === 'verified' || status === 'not_met' ? status : 'open';
}

export function PlanView({
  applicationId,
  plan,
  side,
  renderOperatorAction,
}: {
  applicationId: string;
  plan: ImprovementPlan;
  side: 'customs' | 'operator';
  renderOperatorAction?: (measureId: string) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const verify = useVerifyMeasure(applicationId);
  return (
    <Stack gap="xs">
      <Text size="sm" c={plan.isOverdue ? 'red.8' : undefined}>
        {t('validation.plan.dueOn', { date: format.date(plan.dueDate) })}
        {plan.extensionReason ? ` · ${t('validation.plan.extended', { reason: plan.extensionReason })}` : ''}
      </Text>
      {plan.measures.map((measure) => (
        <Card
          key={measure.id}
          withBorder
          padding="xs"
          data-testid="plan-measure"
          data-status={measure.status}
        >
          <Text size="sm" fw={600}>
            {measure.description}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`validation.plan.status.${measureStatusKey(measure.status)}`)}
            {measure.operatorNote ? ` · ${measure.operatorNote}` : ''}
          </Text>
          {side === 'customs' && measure.status === 'reported_done' ? (
            <Group mt={4}>
              <Button
                size="xs"
                color="green"
                onClick={() => verify.mutate({ $measureId: measure.id, outcome: 'verified' })}
              >
                {t('validation.plan.verify')}
              </Button>
              <Button
                size="xs"
                color="red"
                variant="light"
                onClick={() => verify.mutate({ $measureId: measure.id, outcome: 'not_met' })}
              >
                {t('validation.plan.notMet')}
              </Button>
            </Group>
          ) : null}
          {side === 'operator' && renderOperatorAction ? renderOperatorAction(measure.id) : null}
        </Card>
      ))}
      <CaseErrorAlert error={verify.error} />
    </Stack>
  );
}
