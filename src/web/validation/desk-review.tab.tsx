import { Group, Paper, SegmentedControl, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../api/session.api';
import type { Finding, FindingValue, FindingVisibility, Question } from '../api/types';
import { FINDING_VALUES } from '../api/types';
import {
  useAssignSections,
  useRecordFinding,
  useRecordFindings,
  useStartReview,
} from '../api/validation.api';
import { ApiErrorAlert } from '../components/api-error';
import { bindText } from '../components/bind';
import { DataTable } from '../components/data-table';
import { SectionCard } from '../components/section-card';
import { useLocalised } from '../i18n/localised';
import { visibleQuestions } from '../../programme-core/questionnaire-engine';
import { AnswerView } from '../applications/answer-view';
import { questionnaireContext, toDefinition } from '../applications/questionnaire.page';
import { CaseActionButton, CaseSubmit } from './case-form';
import type { CaseTabProps } from './validation-shared';
import { ComplianceHistoryCard } from './compliance-history.card';
import { InformationRequestsCard } from './information-requests.card';
import { useOfficerDirectory } from './use-officer-directory';
import { CriterionBadge, FindingBadge, NoneYet, optionalText, tierTitle } from './validation-shared';
import { EXAMINATION_STATES } from '../../vocabulary/application-lifecycle';

/** States in which the examination may still change (findings, risk map). */
export function DeskReviewTab({ workspace, application, programme }: CaseTabProps) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const me = useCurrentUser();
  const start = useStartReview(workspace.id);
  const batch = useRecordFindings(workspace.id);
  const isOpen = EXAMINATION_STATES.includes(workspace.status);
  const [scope, setScope] = useState<'all' | 'mine'>('all');
  const questions = useMemo(() => {
    const answers: Record<string, NonNullable<(typeof application.answers)[string]>> = {};
    for (const [id, answer] of Object.entries(application.answers)) if (answer) answers[id] = answer;
    return {
      answers,
      list: visibleQuestions(toDefinition(programme), { ...questionnaireContext(application), answers }),
    };
  }, [programme, application]);
  const sectionOf = useMemo(
    () =>
      new Map(
        programme.questionnaire.sections.flatMap((section) =>
          section.questions.map((question) => [question.id, section.id] as const),
        ),
      ),
    [programme],
  );
  const mySections = new Set(
    workspace.assignments.filter((a) => a.reviewerId === me.id).map((a) => a.sectionId),
  );
  const shown =
    scope === 'mine'
      ? questions.list.filter((question) => mySections.has(sectionOf.get(question.id) ?? ''))
      : questions.list;
  const findings = new Map(workspace.findings.map((finding) => [finding.questionId, finding]));
  const unreviewed = shown.filter((question) => !findings.has(question.id));
  const criterionTitle = (id: string) => localised(programme.criteria.find((c) => c.id === id)?.title) || id;
  const { summary } = workspace;

  return (
    <Stack gap="md" data-testid="desk-review">
      <ComplianceHistoryCard applicationId={workspace.id} />
      <InformationRequestsCard applicationId={workspace.id} status={workspace.status} programme={programme} />
      <SectionCard
        title={t('validation.review.summary')}
        actions={
          <Text size="sm" data-testid="review-progress">
            {t('validation.review.progress', { reviewed: summary.reviewed, total: summary.total })}
          </Text>
        }
        data-testid="review-summary"
      >
        <Text size="sm" data-testid="tier-proposal">
          {summary.proposal.tier
            ? t('validation.review.proposedTier', {
                tier: tierTitle(programme, workspace.authorisationType, summary.proposal.tier, localised),
              })
            : t('validation.review.noTier')}
        </Text>
        <DataTable
          mt="sm"
          minWidth={480}
          data-testid="criteria-summary"
          columns={(['criterion', 'finding', 'counts'] as const).map((column) =>
            t(`validation.review.${column}`),
          )}
          rows={summary.criteria}
          renderRow={(criterion) => (
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
          )}
        />
        {summary.scores ? (
          <Text size="sm" mt="xs">
            {Object.entries(summary.scores)
              .map(([area, score]) => `${area}: ${score}`)
              .join(' · ')}
          </Text>
        ) : null}
      </SectionCard>

      <ReviewSplitCard
        workspace={workspace}
        programme={programme}
        canEdit={
          isOpen &&
          (me.roles.some((role) => role === 'aeo_manager' || role === 'admin') ||
            workspace.assignedValidatorId === me.id)
        }
      />

      <CaseActionButton
        isAllowed={workspace.allowedActions.includes('start_review')}
        write={start}
        onClick={() => start.mutate({})}
        data-testid="start-review"
      >
        {t('validation.review.start')}
      </CaseActionButton>

      <CaseActionButton
        isAllowed={isOpen && unreviewed.length > 0}
        write={batch}
        variant="light"
        color="green"
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
      </CaseActionButton>

      {workspace.assignments.length > 0 ? (
        <Group justify="space-between" wrap="wrap">
          <SegmentedControl
            size="md"
            value={scope}
            onChange={(value) => setScope(value === 'mine' ? 'mine' : 'all')}
            data={[
              { value: 'all', label: t('caseWork.reviewSplit.allSections') },
              { value: 'mine', label: t('caseWork.reviewSplit.mySections', { count: mySections.size }) },
            ]}
            aria-label={t('caseWork.reviewSplit.filter')}
            data-testid="review-scope"
          />
          {scope === 'mine' ? (
            <Text size="sm" c="dimmed" data-testid="review-scope-count">
              {t('caseWork.reviewSplit.shown', { count: shown.length })}
            </Text>
          ) : null}
        </Group>
      ) : null}
      {scope === 'mine' && shown.length === 0 ? (
        <NoneYet testId="review-scope-empty">{t('caseWork.reviewSplit.mineEmpty')}</NoneYet>
      ) : null}

      {shown.map((question) => (
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

/** The review split by questionnaire section: who reviews what, and how far each section has got. */
function ReviewSplitCard({
  workspace,
  programme,
  canEdit,
}: {
  workspace: CaseTabProps['workspace'];
  programme: CaseTabProps['programme'];
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const directory = useOfficerDirectory();
  const assign = useAssignSections(workspace.id);
  const current = Object.fromEntries(workspace.assignments.map((a) => [a.sectionId, a.reviewerId]));
  const [draft, setDraft] = useState<Record<string, string | null> | null>(null);
  const chosen: Record<string, string | null> = draft ?? current;
  const progress = new Map(workspace.summary.sections.map((section) => [section.sectionId, section]));
  // Sections with nothing to review for this applicant are left out, unless someone is assigned to them.
  const sections = programme.questionnaire.sections.filter(
    (section) =>
      progress.size === 0 || (progress.get(section.id)?.total ?? 0) > 0 || current[section.id] !== undefined,
  );
  const reviewerIds = Object.values(chosen).filter((id): id is string => Boolean(id));
  const options = directory.options(reviewerIds);
  const assignments = Object.entries(chosen).flatMap(([sectionId, reviewerId]) =>
    reviewerId ? [{ sectionId, reviewerId }] : [],
  );
  const isDirty =
    draft !== null &&
    (assignments.length !== workspace.assignments.length ||
      assignments.some((a) => current[a.sectionId] !== a.reviewerId));
  return (
    <SectionCard title={t('caseWork.reviewSplit.title')} data-testid="review-split">
      <DataTable
        minWidth={480}
        data-testid="review-split-table"
        columns={(['section', 'reviewer', 'progress'] as const).map((column) =>
          t(`caseWork.reviewSplit.${column}`),
        )}
        rows={sections}
        renderRow={(section) => {
          const reviewerId = chosen[section.id] ?? null;
          const sectionProgress = progress.get(section.id);
          return (
            <Table.Tr key={section.id} data-testid="review-split-row" data-section={section.id}>
              <Table.Td>{localised(section.title) || section.id}</Table.Td>
              <Table.Td>
                {canEdit ? (
                  <Select
                    size="md"
                    data={options}
                    value={reviewerId}
                    placeholder={t('caseWork.reviewSplit.unassigned')}
                    onChange={(value) => setDraft({ ...chosen, [section.id]: value })}
                    clearable
                    searchable
                    aria-label={t('caseWork.reviewSplit.reviewerFor', {
                      section: localised(section.title) || section.id,
                    })}
                    comboboxProps={{ withinPortal: true }}
                    data-testid="review-split-reviewer"
                  />
                ) : (
                  <Text size="sm" c={reviewerId ? undefined : 'dimmed'}>
                    {reviewerId ? directory.name(reviewerId) : t('caseWork.reviewSplit.unassigned')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {sectionProgress
                    ? t('caseWork.reviewSplit.progressValue', {
                        reviewed: sectionProgress.reviewed,
                        total: sectionProgress.total,
                      })
                    : '—'}
                </Text>
              </Table.Td>
            </Table.Tr>
          );
        }}
      />
      {canEdit ? (
        <Stack gap="xs" mt="sm">
          <ApiErrorAlert error={directory.error} />
          <CaseSubmit
            write={assign}
            size="md"
            isDisabled={!isDirty}
            onClick={() => assign.mutate({ assignments }, { onSuccess: () => setDraft(null) })}
            data-testid="review-split-save"
          >
            {t('caseWork.reviewSplit.save')}
          </CaseSubmit>
        </Stack>
      ) : null}
    </SectionCard>
  );
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
        {...bindText(note, setNote)}
        data-testid="finding-note"
      />
      <CaseSubmit
        write={record}
        size="xs"
        isDisabled={!finding || !isDirty}
        data-testid="finding-save"
        onClick={() =>
          finding &&
          record.mutate({
            $questionId: question.id,
            finding,
            visibility,
            ...optionalText('note', note),
          })
        }
      >
        {t('validation.review.save')}
      </CaseSubmit>
    </Stack>
  );
}
