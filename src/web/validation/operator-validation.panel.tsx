import { Button, Card, Group, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
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
import { useFormatters, todayIsoDate } from '../i18n/format';
import { InformationRequestReplyCard } from './information-request-reply.card';
import { PlanView, ReportView } from './report.tab';
import { CaseErrorAlert, DecisionCard, DocumentsList } from './validation-shared';
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
  const appeal = useLodgeAppeal(id);
  const [commentText, setCommentText] = useState('');
  const [reply, setReply] = useState('');
  const [measureNotes, setMeasureNotes] = useState<Record<string, string>>({});
  const [grounds, setGrounds] = useState('');
  const [appealBody, setAppealBody] = useState('');
  const appealDue = decision.data?.decision.appealDue ?? null;
  const canAppeal = application.status === 'rejected' && appealDue !== null && todayIsoDate() <= appealDue;
  const proposedSlots = (visit.data?.slots ?? []).filter((slot) => slot.status === 'proposed');

  return (
    <Stack gap="md" data-testid="operator-validation">
      <InformationRequestReplyCard application={application} />
      {proposedSlots.length > 0 ? (
        <Card padding="md" data-testid="operator-visit">
          <Title order={2} size="h4" mb="xs">
            {t('validation.visit.pickTitle')}
          </Title>
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
        </Card>
      ) : null}

      {report.data ? (
        <Card padding="md" data-testid="operator-report">
          <Title order={2} size="h4" mb="xs">
            {t('validation.report.title')}
          </Title>
          <ReportView applicationId={id} report={report.data} version="shared" />
          <Textarea
            mt="sm"
            label={t('validation.report.comment')}
            autosize
            minRows={2}
            value={commentText}
            onChange={(e) => setCommentText(e.currentTarget.value)}
          />
          <CaseErrorAlert error={comment.error} />
          <Group justify="flex-end" mt="xs">
            <Button
              size="xs"
              disabled={!commentText.trim()}
              loading={comment.isPending}
              onClick={() =>
                comment.mutate({ body: commentText.trim() }, { onSuccess: () => setCommentText('') })
              }
            >
              {t('validation.report.sendComment')}
            </Button>
          </Group>
        </Card>
      ) : null}

      {plan.data ? (
        <Card padding="md" data-testid="operator-plan">
          <Title order={2} size="h4" mb="xs">
            {t('validation.plan.title')}
          </Title>
          <PlanView
            applicationId={id}
            plan={plan.data}
            side="operator"
            renderOperatorAction={(measureId) =>
              application.status === 'improvement_plan' ? (
                <Group align="flex-end" mt={4}>
                  <TextInput
                    label={t('validation.plan.reportNote')}
                    value={measureNotes[measureId] ?? ''}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setMeasureNotes((notes) => ({ ...notes, [measureId]: value }));
                    }}
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
        </Card>
      ) : null}

      {notice.data ? (
        <Card padding="md" data-testid="operator-notice">
          <Title order={2} size="h4" mb="xs">
            {t('validation.notice.title')}
          </Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {notice.data.reasons}
          </Text>
          <Text size="xs" c="dimmed">
            {t('validation.notice.replyDue', { date: format.date(notice.data.replyDue) })}
          </Text>
          {notice.data.reply ? (
            <Text size="sm" mt="xs">
              {t('validation.notice.reply')}: {notice.data.reply}
            </Text>
          ) : application.status === 'right_to_be_heard' ? (
            <Stack gap="xs" mt="xs">
              <Textarea
                label={t('validation.notice.reply')}
                autosize
                minRows={3}
                value={reply}
                onChange={(e) => setReply(e.currentTarget.value)}
                data-testid="notice-reply"
              />
              <CaseErrorAlert error={answer.error} />
              <Group justify="flex-end">
                <Button
                  disabled={!reply.trim()}
                  loading={answer.isPending}
                  onClick={() => answer.mutate({ reply: reply.trim() })}
                  data-testid="notice-reply-send"
                >
                  {t('validation.notice.sendReply')}
                </Button>
              </Group>
            </Stack>
          ) : null}
        </Card>
      ) : null}

      {decision.data ? (
        <DecisionCard decision={decision.data.decision} testId="operator-decision" tierLabel={null} />
      ) : null}

      {canAppeal ? (
        <Card padding="md" data-testid="operator-appeal">
          <Title order={2} size="h4" mb="xs">
            {t('validation.appeal.lodgeTitle')}
          </Title>
          <Stack gap="xs">
            <TextInput
              label={t('validation.appeal.grounds')}
              value={grounds}
              onChange={(e) => setGrounds(e.currentTarget.value)}
              data-testid="appeal-grounds"
            />
            <Textarea
              label={t('validation.appeal.body')}
              autosize
              minRows={3}
              value={appealBody}
              onChange={(e) => setAppealBody(e.currentTarget.value)}
              data-testid="appeal-body"
            />
            <CaseErrorAlert error={appeal.error} />
            <Group justify="flex-end">
              <Button
                disabled={!grounds.trim() || !appealBody.trim()}
                loading={appeal.isPending}
                onClick={() => appeal.mutate({ grounds: grounds.trim(), body: appealBody.trim() })}
                data-testid="appeal-lodge"
              >
                {t('validation.appeal.lodge')}
              </Button>
            </Group>
          </Stack>
        </Card>
      ) : null}

      {(documents.data ?? []).length > 0 ? (
        <Card padding="md">
          <Title order={2} size="h4" mb="xs">
            {t('validation.documents.title')}
          </Title>
          <DocumentsList applicationId={id} documents={documents.data ?? []} />
        </Card>
      ) : null}
    </Stack>
  );
}
