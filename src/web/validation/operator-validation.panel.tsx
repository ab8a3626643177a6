import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationCase } from '../api/types';
import {
  useAnswerNotice,
  useCaseDecision,
  useCaseDocuments,
  useChooseSlot,
  useCommentReport,
  useImprovementPlan,
  useLodgeAppeal,
  useRejectionNotice,
  useReport,
  useReportMeasure,
  useVisit,
} from '../api/validation.api';
import { bindText } from '../components/bind';
import { useFields } from '../components/use-fields';
import { SectionCard } from '../components/section-card';
import { useFormatters, todayIsoDate } from '../i18n/format';
import { CaseFields, CaseSubmit, CaseTextForm } from './case-form';
import { InformationRequestReplyCard } from './information-request-reply.card';
import { PlanView, ReportView } from './report.tab';
import { CaseErrorAlert, DecisionCard, DocumentsCard, RejectionNoticeCard } from './validation-shared';
import {
  APPLICATION_ACTIONS,
  transitionApplication,
  type ApplicationState,
} from '../../vocabulary/application-lifecycle';

/**
 * States from the examination on, in which the applicant follows the validation on its case page: acceptance and
 * every state the lifecycle leads to from there (a withdrawal closes the case instead).
 */
export const VALIDATION_STATUSES: readonly ApplicationState[] = statesReachableFrom('accepted');

function statesReachableFrom(first: ApplicationState): ApplicationState[] {
  const reached = new Set<ApplicationState>([first]);
  for (const state of reached) {
    for (const action of APPLICATION_ACTIONS) {
      if (action === 'withdraw') continue;
      for (const side of ['operator', 'customs', 'system'] as const) {
        const result = transitionApplication(state, action, side);
        if (result.ok) reached.add(result.to);
      }
    }
  }
  return [...reached];
}

/** The applicant's side of the validation: visit date, shared report, improvement plan, notice, decision, appeal. */
export function OperatorValidationPanel({ application }: { application: ApplicationCase }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const id = application.id;
  const visit = useVisit(id);
  const choose = useChooseSlot(id);
  const report = useReport(id, 'shared');
  const comment = useCommentReport(id);
  const plan = useImprovementPlan(id);
  const reportMeasure = useReportMeasure(id);
  const notice = useRejectionNotice(id);
  const answer = useAnswerNotice(id);
  const decision = useCaseDecision(id);
  const documents = useCaseDocuments(id);
  const [measureNotes, setMeasureNotes] = useState<Record<string, string>>({});
  const appealDue = decision.data?.decision.appealDue ?? null;
  const canAppeal = application.status === 'rejected' && appealDue !== null && todayIsoDate() <= appealDue;
  const proposedSlots = (visit.data?.slots ?? []).filter((slot) => slot.status === 'proposed');

  return (
    <Stack gap="md" data-testid="operator-validation">
      <InformationRequestReplyCard application={application} />
      {proposedSlots.length > 0 ? (
        <SectionCard title={t('validation.visit.pickTitle')} data-testid="operator-visit">
          <Stack gap="xs">
            {proposedSlots.map((slot) => (
              <Group key={slot.id} justify="space-between">
                <Text size="sm">
                  {format.dateTime(slot.startsAt)} – {format.dateTime(slot.endsAt)}
                </Text>
                <Button
                  size="xs"
                  onClick={() => choose.mutate({ slotId: slot.id })}
                  loading={choose.isPending}
                >
                  {t('validation.visit.pick')}
                </Button>
              </Group>
            ))}
          </Stack>
          <CaseErrorAlert error={choose.error} />
        </SectionCard>
      ) : null}

      {report.data ? (
        <SectionCard title={t('validation.report.title')} data-testid="operator-report">
          <ReportView applicationId={id} report={report.data} version="shared" />
          <CaseTextForm
            mt="sm"
            label={t('validation.report.comment')}
            minRows={2}
            write={comment}
            onSubmit={(body, clear) => comment.mutate({ body }, { onSuccess: clear })}
            submitLabel={t('validation.report.sendComment')}
            submitProps={{ size: 'xs' }}
          />
        </SectionCard>
      ) : null}

      {plan.data ? (
        <SectionCard title={t('validation.plan.title')} data-testid="operator-plan">
          <PlanView
            applicationId={id}
            plan={plan.data}
            side="operator"
            renderOperatorAction={(measureId) =>
              application.status === 'improvement_plan' ? (
                <Group align="flex-end" mt={4}>
                  <TextInput
                    label={t('validation.plan.reportNote')}
                    {...bindText(measureNotes[measureId] ?? '', (value) =>
                      setMeasureNotes((notes) => ({ ...notes, [measureId]: value })),
                    )}
                    style={{ flex: 1 }}
                  />
                  <Button
                    size="xs"
                    disabled={!measureNotes[measureId]?.trim()}
                    onClick={() =>
                      reportMeasure.mutate({ $measureId: measureId, note: measureNotes[measureId]!.trim() })
                    }
                  >
                    {t('validation.plan.reportDone')}
                  </Button>
                </Group>
              ) : null
            }
          />
          <CaseErrorAlert error={reportMeasure.error} />
        </SectionCard>
      ) : null}

      {notice.data ? (
        <RejectionNoticeCard
          notice={notice.data}
          testId="operator-notice"
          unanswered={
            application.status === 'right_to_be_heard' ? (
              <CaseTextForm
                mt="xs"
                label={t('validation.notice.reply')}
                minRows={3}
                write={answer}
                onSubmit={(reply) => answer.mutate({ reply })}
                submitLabel={t('validation.notice.sendReply')}
                fieldTestId="notice-reply"
                submitTestId="notice-reply-send"
              />
            ) : null
          }
        />
      ) : null}

      {decision.data ? (
        <DecisionCard decision={decision.data.decision} testId="operator-decision" tierLabel={null} />
      ) : null}

      {canAppeal ? <AppealForm applicationId={id} /> : null}

      {(documents.data ?? []).length > 0 ? (
        <DocumentsCard applicationId={id} documents={documents.data ?? []} />
      ) : null}
    </Stack>
  );
}

/** The company's appeal against a rejection, open until the appeal deadline. */
function AppealForm({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const appeal = useLodgeAppeal(applicationId);
  const form = useFields({ grounds: '', body: '' }, appeal.error);
  const { grounds, body } = form.values;
  return (
    <SectionCard title={t('validation.appeal.lodgeTitle')} data-testid="operator-appeal">
      <Stack gap="xs">
        <CaseFields
          testIds="appeal"
          form={form}
          fields={[
            { name: 'grounds', type: 'text', label: t('validation.appeal.grounds') },
            { name: 'body', label: t('validation.appeal.body'), minRows: 3 },
          ]}
        />
        <CaseSubmit
          write={appeal}
          isDisabled={!grounds.trim() || !body.trim()}
          onClick={() => appeal.mutate({ grounds: grounds.trim(), body: body.trim() })}
          data-testid="appeal-lodge"
        >
          {t('validation.appeal.lodge')}
        </CaseSubmit>
      </Stack>
    </SectionCard>
  );
}
