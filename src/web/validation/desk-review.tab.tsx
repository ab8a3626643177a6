import {
  Button,
  Card,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Finding, FindingValue, FindingVisibility, Question } from '../api/types';
import { FINDING_VALUES } from '../api/types';
import { useRecordFinding, useRecordFindings, useStartReview } from '../api/validation.api';
import { useLocalised } from '../i18n/localised';
import { visibleQuestions } from '../../server/modules/programme/questionnaire-engine';
import { AnswerView } from '../applications/answer-view';
import { questionnaireContext, toDefinition } from '../applications/questionnaire.page';
import type { CaseTabProps } from './case-validation.page';
import { ComplianceHistoryCard } from './compliance-history.card';
import { InformationRequestsCard } from './information-requests.card';
import { CaseErrorAlert, CriterionBadge, FindingBadge } from './validation-shared';

/** States in which the examination may still change (findings, risk map). */
export const EXAMINATION_STATES = ['accepted', 'desk_review', 'on_site'];

export function DeskReviewTab({ workspace, application, programme }: CaseTabProps) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const start = useStartReview(workspace.id);
  const batch = useRecordFindings(workspace.id);
  const isOpen = EXAMINATION_STATES.includes(workspace.status);
  const questions = useMemo(() => {
    const answers: Record<string, NonNullable<(typeof application.answers)[string]>> = {};
    for (const [id, answer] of Object.entries(application.answers)) if (answer) answers[id] = answer;
    return {
      answers,
      list: visibleQuestions(toDefinition(programme), { ...questionnaireContext(application), answers }),
    };
  }, [programme, application]);
  const findings = new Map(workspace.findings.map((finding) => [finding.questionId, finding]));
  const unreviewed = questions.list.filter((question) => !findings.has(question.id));
  const criterionTitle = (id: string) => localised(programme.criteria.find((c) => c.id === id)?.title) || id;
  const { summary } = workspace;

  return (
    <Stack gap="md" data-testid="desk-review">
      <ComplianceHistoryCard applicationId={workspace.id} />
      <InformationRequestsCard applicationId={workspace.id} status={workspace.status} programme={programme} />
      <Card padding="md" data-testid="review-summary">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4">
            {t('validation.review.summary')}
          </Title>
          <Text size="sm" data-testid="review-progress">
            {t('validation.review.progress', { reviewed: summary.reviewed, total: summary.total })}
          </Text>
        </Group>
        <Text size="sm" mt="xs" data-testid="tier-proposal">
          {summary.proposal.tier
            ? t('validation.review.proposedTier', {
                tier: tierTitle(programme, workspace.authorisationType, summary.proposal.tier, localised),
              })
            : t('validation.review.noTier')}
        </Text>
        <Table mt="sm" data-testid="criteria-summary">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('validation.review.criterion')}</Table.Th>
              <Table.Th>{t('validation.review.finding')}</Table.Th>
              <Table.Th>{t('validation.review.counts')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.criteria.map((criterion) => (
              <Table.Tr key={criterion.criterionId}>
                <Table.Td>
                  {criterion.code ? `${criterion.code} · ` : ''}
                  {criterionTitle(criterion.criterionId)}
                </Table.Td>
                <Table.Td>
                  <CriterionBadge finding={criterion.finding} />
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {FINDING_VALUES.filter((value) => criterion.counts[value] > 0)
                      .map((value) => `${t(`validation.finding.${value}`)}: ${criterion.counts[value]}`)
                      .join(' · ') || t('validation.finding.unreviewed')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {summary.scores ? (
          <Text size="sm" mt="xs">
            {Object.entries(summary.scores)
              .map(([area, score]) => `${area}: ${score}`)
              .join(' · ')}
          </Text>
        ) : null}
      </Card>

      {workspace.allowedActions.includes('start_review') ? (
        <Group>
          <Button onClick={() => start.mutate({})} loading={start.isPending} data-testid="start-review">
            {t('validation.review.start')}
          </Button>
        </Group>
      ) : null}
      <CaseErrorAlert error={start.error} />

      {isOpen && unreviewed.length > 0 ? (
        <Group>
          <Button
            variant="light"
            color="green"
            loading={batch.isPending}
            data-testid="mark-remaining-satisfactory"
            onClick={() =>
              batch.mutate({
                items: unreviewed.map((question) => ({
                  questionId: question.id,
                  finding: 'satisfactory',
                  visibility: 'shared',
                })),
              })
            }
          >
            {t('validation.review.markRemaining', { count: unreviewed.length })}
          </Button>
        </Group>
      ) : null}
      <CaseErrorAlert error={batch.error} />

      {questions.list.map((question) => (
        <Paper key={question.id} withBorder p="md" data-testid="review-item" data-question={question.id}>
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Text fw={600} size="sm">
                {localised(question.title)}
              </Text>
              <FindingBadge finding={findings.get(question.id)?.finding ?? null} />
            </Group>
            <AnswerView
              question={question}
              record={questions.answers[question.id]}
              evidence={application.evidence}
              currency={programme.currency}
              applicationId={application.id}
            />
            {isOpen ? (
              <FindingEditor
                applicationId={workspace.id}
                question={question}
                current={findings.get(question.id)}
              />
            ) : findings.get(question.id)?.note ? (
              <Text size="sm" c="dimmed">
                {findings.get(question.id)?.note}
              </Text>
            ) : null}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

export function tierTitle(
  programme: CaseTabProps['programme'],
  typeId: string,
  tierId: string,
  localised: ReturnType<typeof useLocalised>,
): string {
  const tier = programme.types
    .find((type) => type.id === typeId)
    ?.tiers.find((candidate) => candidate.id === tierId);
  return localised(tier?.title) || tierId;
}

function FindingEditor({
  applicationId,
  question,
  current,
}: {
  applicationId: string;
  question: Question;
  current: Finding | undefined;
}) {
  const { t } = useTranslation();
  const record = useRecordFinding(applicationId);
  const [finding, setFinding] = useState<FindingValue | null>(current?.finding ?? null);
  const [note, setNote] = useState(current?.note ?? '');
  const [visibility, setVisibility] = useState<FindingVisibility>(current?.visibility ?? 'internal');
  const isDirty =
    finding !== (current?.finding ?? null) ||
    note !== (current?.note ?? '') ||
    visibility !== (current?.visibility ?? 'internal');
  return (
    <Stack gap="xs" data-testid="finding-editor">
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('validation.review.finding')}
          data={FINDING_VALUES.map((value) => ({ value, label: t(`validation.finding.${value}`) }))}
          value={finding}
          onChange={(value) => setFinding(FINDING_VALUES.find((candidate) => candidate === value) ?? null)}
          w={240}
          allowDeselect={false}
          data-testid="finding-select"
          comboboxProps={{ withinPortal: true }}
        />
        <SegmentedControl
          value={visibility}
          onChange={(value) => setVisibility(value === 'shared' ? 'shared' : 'internal')}
          data={[
            { value: 'internal', label: t('validation.review.internal') },
            { value: 'shared', label: t('validation.review.shared') },
          ]}
          aria-label={t('validation.review.visibility')}
          data-testid="finding-visibility"
        />
      </Group>
      <Textarea
        label={t('validation.review.note')}
        autosize
        minRows={1}
        maxLength={10000}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
        data-testid="finding-note"
      />
      <CaseErrorAlert error={record.error} />
      <Group justify="flex-end">
        <Button
          size="xs"
          disabled={!finding || !isDirty}
          loading={record.isPending}
          data-testid="finding-save"
          onClick={() =>
            finding &&
            record.mutate({
              $questionId: question.id,
              finding,
              visibility,
              ...(note.trim() ? { note: note.trim() } : {}),
            })
          }
        >
          {t('validation.review.save')}
        </Button>
      </Group>
    </Stack>
  );
}
