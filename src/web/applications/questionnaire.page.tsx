import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Grid,
  Group,
  List,
  NavLink,
  Progress,
  RingProgress,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useApplicationCase, useSubmitApplication } from '../api/applications.api';
import { isApiError } from '../api/client';
import { useProgramme } from '../api/programme.api';
import { OPERATOR_ROLE_IDS } from '../api/types';
import type { ApplicationCase, OperatorRoleId, Programme, ProgrammeDefinition } from '../api/types';
import { ApiErrorAlert, LoadingBlock } from '../components/api-error';
import { ConfirmModal } from '../components/confirm-modal';
import { IconButton } from '../components/buttons';
import { Icon } from '../components/icons';
import { PageHeader } from '../components/page-header';
import { useLocalised } from '../i18n/localised';
import { completeness, visibleQuestions } from '../../programme-core/questionnaire-engine';
import type { QuestionnaireContext } from '../../programme-core/questionnaire-engine';
import { EDITABLE_STATES } from '../../vocabulary/application-lifecycle';
import { ApplicationStatusBadge } from './application-status';
import { QuestionCard } from './question-card';
import { ScopePanel } from './scope-panel';
import { useAnswerAutosave } from './use-answer-autosave';
import type { OverallSaveStatus } from './use-answer-autosave';

/** The engine reads the programme document; the API publishes its types as `types`. */
export function toDefinition(programme: Programme): ProgrammeDefinition {
  return { ...programme, authorisationTypes: programme.types };
}

export function questionnaireContext(application: ApplicationCase): QuestionnaireContext {
  return {
    variant: application.variant,
    authorisationType: application.authorisationType,
    operatorRoles: application.operator.roles.filter((role): role is OperatorRoleId =>
      (OPERATOR_ROLE_IDS as readonly string[]).includes(role),
    ),
    isSme: application.isSme,
  };
}

export function QuestionnairePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const application = useApplicationCase(id);
  const programme = useProgramme(application.data?.variant, application.data?.programmeVersionId);

  if (application.isError)
    return <ApiErrorAlert error={application.error} onRetry={() => void application.refetch()} />;
  if (programme.isError)
    return <ApiErrorAlert error={programme.error} onRetry={() => void programme.refetch()} />;
  if (!application.data || !programme.data) return <LoadingBlock label={t('questionnaire.loading')} />;
  return <Questionnaire application={application.data} programme={programme.data} />;
}

type Tab = 'questions' | 'scope' | 'review';

function Questionnaire({ application, programme }: { application: ApplicationCase; programme: Programme }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const navigate = useNavigate();
  const autosave = useAnswerAutosave(application.id, application.answers);
  const submit = useSubmitApplication(application.id);
  const [tab, setTab] = useState<Tab>('questions');
  const [confirming, setConfirming] = useState(false);

  const definition = useMemo(() => toDefinition(programme), [programme]);
  const context = useMemo(() => questionnaireContext(application), [application]);
  const visible = useMemo(
    () => visibleQuestions(definition, { ...context, answers: autosave.answers }),
    [definition, context, autosave.answers],
  );
  const progress = useMemo(
    () => completeness(definition, context, autosave.answers),
    [definition, context, autosave.answers],
  );
  const sections = progress.bySection;
  const [sectionId, setSectionId] = useState<string | null>(sections[0]?.sectionId ?? null);
  const currentSectionId = sections.some((s) => s.sectionId === sectionId)
    ? sectionId
    : (sections[0]?.sectionId ?? null);
  const section = definition.questionnaire.sections.find((s) => s.id === currentSectionId);
  const sectionQuestions = visible.filter((question) => question.sectionId === currentSectionId);
  const sectionIndex = sections.findIndex((s) => s.sectionId === currentSectionId);
  const nextSection = sections[sectionIndex + 1];
  const numbers = useMemo(
    () => new Map(visible.map((question, index) => [question.id, index + 1])),
    [visible],
  );

  const isEditable = EDITABLE_STATES.includes(application.status);
  // The server says whether this user may submit now (the lifecycle and the operator's submit right).
  const canSubmit = application.allowedActions.includes('submit');
  const percent = progress.required === 0 ? 100 : Math.round((progress.answered / progress.required) * 100);

  // Jumping to a question from the list of what is missing: show its section, then (once it has rendered)
  // scroll to the question and move focus there so keyboard and screen-reader users land on it too.
  const goToQuestion = (questionId: string, targetSection: string) => {
    setTab('questions');
    setSectionId(targetSection);
    setTimeout(() => {
      const element = document.getElementById(`question-${questionId}`);
      element?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      element?.focus({ preventScroll: true });
    }, 50);
  };

  const submitError = submit.error;
  const missingFromServer =
    isApiError(submitError) && submitError.code === 'unprocessable' ? readMissing(submitError.details) : [];

  return (
    <Stack gap="md">
      <PageHeader
        title={t('questionnaire.title', { reference: application.reference })}
        description={t('questionnaire.description', {
          type: localised(programme.types.find((type) => type.id === application.authorisationType)?.title),
          variant: localised(programme.variants.find((variant) => variant.id === application.variant)?.title),
        })}
        actions={
          <>
            <SaveIndicator status={autosave.overall} />
            <Button
              component={Link}
              to={`/applications/${application.id}`}
              variant="default"
              data-testid="open-case"
            >
              {t('questionnaire.openCase')}
            </Button>
            {canSubmit ? (
              <IconButton
                icon="send"
                onClick={() => setConfirming(true)}
                disabled={autosave.overall === 'saving'}
                data-testid="submit-application"
              >
                {t('questionnaire.submit')}
              </IconButton>
            ) : null}
          </>
        }
      />

      <Card padding="md">
        <Group justify="space-between" mb={6} wrap="wrap">
          <Group gap="xs">
            <ApplicationStatusBadge status={application.status} />
            <Text size="sm" fw={500} id="overall-progress-label">
              {t('questionnaire.progress', { answered: progress.answered, required: progress.required })}
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            {progress.isComplete
              ? t('questionnaire.complete')
              : t('questionnaire.missingCount', { count: progress.missing.length })}
          </Text>
        </Group>
        <Progress
          value={percent}
          size="lg"
          color={progress.isComplete ? 'green' : 'customs'}
          aria-labelledby="overall-progress-label"
          data-testid="overall-progress"
          data-percent={percent}
        />
      </Card>

      {!isEditable ? (
        <Alert color="customs" icon={<Icon name="info" />}>
          {t('questionnaire.readOnly', { status: t(`applications.status.${application.status}`) })}
        </Alert>
      ) : null}

      {submitError ? (
        <Alert
          color="red"
          role="alert"
          icon={<Icon name="alert" />}
          title={t('questionnaire.submitFailed')}
          data-testid="submit-error"
        >
          {missingFromServer.length > 0 ? (
            <Stack gap="xs">
              <Text size="sm">{t('questionnaire.submitMissing')}</Text>
              <List size="sm">
                {missingFromServer.map((item) => (
                  <List.Item key={item.questionId}>
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      onClick={() => goToQuestion(item.questionId, item.sectionId)}
                    >
                      {localised(item.title) || item.questionId}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            </Stack>
          ) : (
            <ApiErrorAlert error={submitError} />
          )}
        </Alert>
      ) : null}

      <Tabs value={tab} onChange={(next) => setTab((next as Tab | null) ?? 'questions')} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab
            value="questions"
            leftSection={<Icon name="list" size={16} />}
            data-testid="tab-questions"
          >
            {t('questionnaire.tabs.questions')}
          </Tabs.Tab>
          <Tabs.Tab value="scope" leftSection={<Icon name="building" size={16} />} data-testid="tab-scope">
            {t('questionnaire.tabs.scope')}
            <Badge ml={6} size="xs" variant="light">
              {application.sites.length}
            </Badge>
          </Tabs.Tab>
          <Tabs.Tab value="review" leftSection={<Icon name="check" size={16} />} data-testid="tab-review">
            {t('questionnaire.tabs.review')}
            {progress.missing.length > 0 ? (
              <Badge ml={6} size="xs" color="yellow" variant="light">
                {progress.missing.length}
              </Badge>
            ) : null}
          </Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="questions" pt="md">
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 4, lg: 3 }}>
              <Card padding="xs" component="nav" aria-label={t('questionnaire.sectionsNav')}>
                {sections.map((item) => {
                  const done = item.required > 0 && item.answered === item.required;
                  return (
                    <NavLink
                      key={item.sectionId}
                      component="button"
                      active={item.sectionId === currentSectionId}
                      aria-current={item.sectionId === currentSectionId ? 'step' : undefined}
                      label={localised(item.title)}
                      onClick={() => setSectionId(item.sectionId)}
                      data-testid={`section-nav-${item.sectionId}`}
                      leftSection={
                        <RingProgress
                          size={26}
                          thickness={3}
                          roundCaps
                          aria-hidden
                          sections={[
                            {
                              value: item.required === 0 ? 100 : (item.answered / item.required) * 100,
                              color: done ? 'green' : 'customs',
                            },
                          ]}
                        />
                      }
                      rightSection={
                        <Text size="xs" c={done ? 'green.8' : 'dimmed'} data-testid="section-progress">
                          {t('questionnaire.sectionProgress', {
                            answered: item.answered,
                            required: item.required,
                          })}
                        </Text>
                      }
                    />
                  );
                })}
              </Card>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 8, lg: 9 }}>
              {section ? (
                <Stack gap="md" data-testid="section-panel" data-section={section.id}>
                  <Box>
                    <Title order={2} size="h3">
                      {localised(section.title)}
                    </Title>
                    {section.description ? (
                      <Text size="sm" c="dimmed" mt={4}>
                        {localised(section.description)}
                      </Text>
                    ) : null}
                  </Box>
                  {sectionQuestions.map((question) => (
                    <QuestionCard
                      key={question.id}
                      question={question}
                      number={numbers.get(question.id) ?? 0}
                      slot={autosave.slots[question.id]}
                      evidence={application.evidence}
                      applicationId={application.id}
                      currency={programme.currency}
                      isReadOnly={!isEditable}
                      isMissing={missingFromServer.some((item) => item.questionId === question.id)}
                      onChange={(payload, delay) => autosave.change(question.id, payload, delay)}
                      onFlush={() => autosave.flush(question.id)}
                      onReload={() => autosave.reload(question.id)}
                    />
                  ))}
                  <Group justify="flex-end">
                    {nextSection ? (
                      <Button
                        variant="light"
                        rightSection={<Icon name="chevronRight" size={16} />}
                        onClick={() => {
                          setSectionId(nextSection.sectionId);
                          window.scrollTo({ top: 0 });
                        }}
                        data-testid="next-section"
                      >
                        {t('questionnaire.nextSection', { section: localised(nextSection.title) })}
                      </Button>
                    ) : (
                      <Button variant="light" onClick={() => setTab('review')} data-testid="go-review">
                        {t('questionnaire.goReview')}
                      </Button>
                    )}
                  </Group>
                </Stack>
              ) : null}
            </Grid.Col>
          </Grid>
        </Tabs.Panel>

        <Tabs.Panel value="scope" pt="md">
          <ScopePanel application={application} isEditable={isEditable} />
        </Tabs.Panel>

        <Tabs.Panel value="review" pt="md">
          <Stack gap="md" data-testid="completeness-summary">
            {progress.isComplete ? (
              <Alert
                color="green"
                icon={<Icon name="check" />}
                title={t('questionnaire.review.completeTitle')}
              >
                {t('questionnaire.review.complete')}
              </Alert>
            ) : (
              <Card padding="md">
                <Title order={2} size="h4" mb="xs">
                  {t('questionnaire.review.missingTitle', { count: progress.missing.length })}
                </Title>
                <List size="sm" spacing={4} data-testid="missing-list">
                  {progress.missing.map((item) => (
                    <List.Item key={item.questionId}>
                      <Anchor
                        component="button"
                        type="button"
                        size="sm"
                        ta="left"
                        onClick={() => goToQuestion(item.questionId, item.sectionId)}
                      >
                        {localised(sections.find((s) => s.sectionId === item.sectionId)?.title)} —{' '}
                        {localised(item.title)}
                      </Anchor>
                    </List.Item>
                  ))}
                </List>
              </Card>
            )}
            <Card padding="md">
              <Title order={2} size="h4" mb="xs">
                {t('questionnaire.review.byCriterion')}
              </Title>
              <Stack gap={6}>
                {progress.byCriterion.map((criterion) => (
                  <Group key={criterion.criterionId} justify="space-between" wrap="nowrap">
                    <Text size="sm">{localised(criterion.title)}</Text>
                    <Group gap="xs" wrap="nowrap">
                      <Text size="xs" c="dimmed">
                        {t('questionnaire.sectionProgress', {
                          answered: criterion.answered,
                          required: criterion.required,
                        })}
                      </Text>
                      <Badge size="sm" color={criterion.isEvidenced ? 'green' : 'yellow'} variant="light">
                        {criterion.isEvidenced
                          ? t('questionnaire.review.evidenced')
                          : t('questionnaire.review.notEvidenced')}
                      </Badge>
                    </Group>
                  </Group>
                ))}
              </Stack>
            </Card>
            {canSubmit ? (
              <Group justify="flex-end">
                <IconButton icon="send" onClick={() => setConfirming(true)} size="md">
                  {t('questionnaire.submit')}
                </IconButton>
              </Group>
            ) : null}
          </Stack>
        </Tabs.Panel>
      </Tabs>

      <ConfirmModal
        opened={confirming}
        title={t('questionnaire.confirmSubmit.title')}
        message={t('questionnaire.confirmSubmit.message', { reference: application.reference })}
        confirmLabel={t('questionnaire.confirmSubmit.confirm')}
        color="customs"
        loading={submit.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={() =>
          submit.mutate(undefined, {
            onSuccess: () => void navigate(`/applications/${application.id}`),
            onSettled: () => setConfirming(false),
          })
        }
      />
    </Stack>
  );
}

interface MissingItem {
  questionId: string;
  sectionId: string;
  title: { en: string; ru: string } | undefined;
}

function readMissing(details: unknown): MissingItem[] {
  if (typeof details !== 'object' || details === null || !('missingQuestions' in details)) return [];
  const list = details.missingQuestions;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { questionId, sectionId, title } = item as Record<string, unknown>;
    if (typeof questionId !== 'string') return [];
    return [
      {
        questionId,
        sectionId: typeof sectionId === 'string' ? sectionId : '',
        title:
          typeof title === 'object' && title !== null ? (title as { en: string; ru: string }) : undefined,
      },
    ];
  });
}

export function SaveIndicator({ status }: { status: OverallSaveStatus }) {
  const { t } = useTranslation();
  const color = { saved: 'green', saving: 'gray', error: 'red', conflict: 'orange' }[status];
  return (
    <Badge
      size="lg"
      variant="light"
      color={color}
      role="status"
      aria-live="polite"
      data-testid="save-indicator"
      data-status={status}
      leftSection={
        status === 'saved' ? (
          <Icon name="check" size={14} />
        ) : status === 'saving' ? null : (
          <Icon name="alert" size={14} />
        )
      }
    >
      {t(`questionnaire.saveIndicator.${status}`)}
    </Badge>
  );
}
