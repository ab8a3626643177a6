import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  evidenceUrl,
  useApplicationCase,
  useApplicationTimeline,
  useAssignValidator,
  useDecideAcceptance,
  useExpireApplication,
  usePostMessage,
  useReplyToRequest,
  useUploadEvidence,
  useWithdrawApplication,
} from '../api/applications.api';
import { useProgramme } from '../api/programme.api';
import { useCurrentUser } from '../api/session.api';
import { useValidators } from '../api/users.api';
import type {
  AcceptanceOutcome,
  ApplicationCase,
  CaseMessage,
  Me,
  Programme,
  TimelineEntry,
} from '../api/types';
import { ApiErrorAlert, fieldError, LoadingBlock } from '../components/api-error';
import { ConfirmModal } from '../components/confirm-modal';
import { Icon } from '../components/icons';
import { PageHeader } from '../components/page-header';
import { useFormatters } from '../i18n/format';
import { useLocalised } from '../i18n/localised';
import { visibleQuestions } from '../../server/modules/programme/questionnaire-engine';
import { ApplicationStatusBadge, DeadlineText, isOverdue } from './application-status';
import { AnswerView } from './answer-view';
import { questionnaireContext, toDefinition } from './questionnaire.page';
import { ScopePanel } from './scope-panel';
import { OperatorValidationPanel, VALIDATION_STATUSES } from '../validation/operator-validation.panel';

function isCustoms(user: Me): boolean {
  return user.roles.some((role) => role === 'validator' || role === 'aeo_manager' || role === 'admin');
}

export function CasePage() {
  const { id = '' } = useParams();
  const application = useApplicationCase(id);
  const programme = useProgramme(application.data?.variant, application.data?.programmeVersionId);
  if (application.isError)
    return <ApiErrorAlert error={application.error} onRetry={() => void application.refetch()} />;
  if (!application.data) return <LoadingBlock />;
  if (programme.isError)
    return <ApiErrorAlert error={programme.error} onRetry={() => void programme.refetch()} />;
  if (!programme.data) return <LoadingBlock />;
  return <CaseView application={application.data} programme={programme.data} />;
}

function CaseView({ application, programme }: { application: ApplicationCase; programme: Programme }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const user = useCurrentUser();
  const customs = isCustoms(user);
  const [withdrawing, setWithdrawing] = useState(false);
  const withdraw = useWithdrawApplication(application.id);
  const [withdrawReason, setWithdrawReason] = useState('');

  const type = programme.types.find((candidate) => candidate.id === application.authorisationType);
  const isEditable = application.status === 'draft' || application.status === 'information_requested';
  const canWithdraw =
    !customs && ['draft', 'submitted', 'information_requested', 'accepted'].includes(application.status);

  return (
    <Stack gap="md" data-testid="case-page">
      <PageHeader
        title={t('case.title', { reference: application.reference })}
        description={t('case.subtitle', {
          operator: application.operator.legalName,
          type: localised(type?.title) || application.authorisationType,
          variant: localised(programme.variants.find((v) => v.id === application.variant)?.title),
        })}
        actions={
          <>
            <ApplicationStatusBadge status={application.status} />
            {!customs && isEditable ? (
              <Button
                component={Link}
                to={`/applications/${application.id}/questionnaire`}
                data-testid="case-open-questionnaire"
              >
                {application.status === 'draft' ? t('case.continue') : t('case.editAnswers')}
              </Button>
            ) : null}
            {customs && VALIDATION_STATUSES.includes(application.status) ? (
              <Button
                component={Link}
                to={`/applications/${application.id}/validation`}
                data-testid="case-open-validation"
              >
                {t('validation.page.open')}
              </Button>
            ) : null}
            {canWithdraw ? (
              <Button
                variant="default"
                color="red"
                onClick={() => setWithdrawing(true)}
                data-testid="withdraw-application"
              >
                {t('case.withdraw')}
              </Button>
            ) : null}
          </>
        }
      />

      {application.status === 'information_requested' && !customs ? (
        <Alert color="yellow" icon={<Icon name="alert" />} title={t('case.informationRequestedTitle')}>
          {t('case.informationRequested', { date: application.informationDue ?? '—' })}
        </Alert>
      ) : null}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <DeadlinesCard application={application} />
            {!customs && VALIDATION_STATUSES.includes(application.status) ? (
              <OperatorValidationPanel application={application} />
            ) : null}
            {customs && application.status === 'submitted' ? (
              <AcceptanceCard application={application} />
            ) : null}
            {customs && application.status === 'information_requested' ? (
              <ExpireCard application={application} />
            ) : null}
            {user.roles.includes('aeo_manager') || user.roles.includes('admin') ? (
              <AssignmentCard application={application} />
            ) : null}
            <MessagesCard application={application} isCustoms={customs} />
            <AnswersCard application={application} programme={programme} />
            <Card padding="md">
              <Title order={2} size="h4" mb="sm">
                {t('case.scope')}
              </Title>
              <ScopePanel application={application} isEditable={false} />
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <EvidenceCard application={application} />
            <TimelineCard applicationId={application.id} />
          </Stack>
        </Grid.Col>
      </Grid>

      <Modal opened={withdrawing} onClose={() => setWithdrawing(false)} title={t('case.withdrawTitle')}>
        <Stack>
          <Text size="sm">{t('case.withdrawMessage', { reference: application.reference })}</Text>
          <Textarea
            label={t('case.withdrawReason')}
            value={withdrawReason}
            maxLength={2000}
            autosize
            minRows={2}
            onChange={(event) => setWithdrawReason(event.currentTarget.value)}
          />
          <ApiErrorAlert error={withdraw.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setWithdrawing(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={withdraw.isPending}
              data-testid="withdraw-confirm"
              onClick={() =>
                withdraw.mutate(withdrawReason.trim() ? { reason: withdrawReason.trim() } : {}, {
                  onSuccess: () => setWithdrawing(false),
                })
              }
            >
              {t('case.withdraw')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

function DeadlinesCard({ application }: { application: ApplicationCase }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Card padding="md" data-testid="deadlines">
      <Title order={2} size="h4" mb="sm">
        {t('case.deadlines.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <Fact label={t('case.deadlines.submitted')}>
          <Text size="sm">{format.dateTime(application.submittedAt)}</Text>
        </Fact>
        <Fact label={t('case.deadlines.acceptanceDue')}>
          <DeadlineText day={application.acceptanceDue} active={application.status === 'submitted'} />
        </Fact>
        <Fact label={t('case.deadlines.accepted')}>
          <Text size="sm">{format.dateTime(application.acceptedAt)}</Text>
        </Fact>
        <Fact label={t('case.deadlines.decisionDue')}>
          <DeadlineText day={application.decisionDue} active={application.status === 'accepted'} />
        </Fact>
        <Fact label={t('case.deadlines.informationDue')}>
          <DeadlineText
            day={application.informationDue}
            active={application.status === 'information_requested'}
          />
        </Fact>
        <Fact label={t('case.deadlines.paused')}>
          <Text size="sm">
            {application.pausedSince
              ? t('case.deadlines.pausedSince', {
                  date: format.date(application.pausedSince),
                  days: application.pausedDays,
                })
              : t('case.deadlines.pausedDays', { count: application.pausedDays })}
          </Text>
        </Fact>
      </SimpleGrid>
      {application.closedAt ? (
        <Text size="sm" mt="sm" c="dimmed">
          {t('case.deadlines.closed', { date: format.dateTime(application.closedAt) })}
          {application.closingReason ? ` — ${application.closingReason}` : ''}
        </Text>
      ) : null}
    </Card>
  );
}

function AcceptanceCard({ application }: { application: ApplicationCase }) {
  const { t } = useTranslation();
  const decide = useDecideAcceptance(application.id);
  const [outcome, setOutcome] = useState<AcceptanceOutcome | null>(null);
  const [reason, setReason] = useState('');
  const needsReason = outcome !== null && outcome !== 'accepted';
  const close = () => {
    setOutcome(null);
    setReason('');
    decide.reset();
  };

  return (
    <Card
      padding="md"
      data-testid="acceptance-card"
      style={{ borderLeft: '4px solid var(--mantine-color-customs-6)' }}
    >
      <Title order={2} size="h4">
        {t('case.acceptance.title')}
      </Title>
      <Text size="sm" c="dimmed" mt={4} mb="sm">
        {t('case.acceptance.description')}
      </Text>
      <Group>
        <Button
          color="green"
          leftSection={<Icon name="check" size={16} />}
          onClick={() => setOutcome('accepted')}
          data-testid="decide-accept"
        >
          {t('case.acceptance.accept')}
        </Button>
        <Button
          color="yellow"
          variant="light"
          onClick={() => setOutcome('information_requested')}
          data-testid="decide-request"
        >
          {t('case.acceptance.request')}
        </Button>
        <Button
          color="red"
          variant="light"
          onClick={() => setOutcome('not_accepted')}
          data-testid="decide-reject"
        >
          {t('case.acceptance.reject')}
        </Button>
      </Group>
      <Modal
        opened={outcome !== null}
        onClose={close}
        title={outcome ? t(`case.acceptance.confirmTitle.${outcome}`) : ''}
      >
        <form
          data-testid="acceptance-form"
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            if (!outcome) return;
            decide.mutate(
              { outcome, ...(reason.trim() ? { reason: reason.trim() } : {}) },
              { onSuccess: close },
            );
          }}
        >
          <Stack>
            <Text size="sm">
              {outcome
                ? t(`case.acceptance.confirmMessage.${outcome}`, { reference: application.reference })
                : ''}
            </Text>
            <Textarea
              label={needsReason ? t('case.acceptance.reason') : t('case.acceptance.note')}
              description={
                outcome === 'information_requested' ? t('case.acceptance.reasonHintRequest') : undefined
              }
              required={needsReason}
              autosize
              minRows={3}
              maxLength={5000}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={fieldError(decide.error, 'reason')}
              data-testid="acceptance-reason"
            />
            <ApiErrorAlert error={decide.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                color={outcome === 'accepted' ? 'green' : outcome === 'not_accepted' ? 'red' : 'yellow'}
                loading={decide.isPending}
                disabled={needsReason && reason.trim() === ''}
                data-testid="acceptance-confirm"
              >
                {t('case.acceptance.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Card>
  );
}

function ExpireCard({ application }: { application: ApplicationCase }) {
  const { t } = useTranslation();
  const expire = useExpireApplication(application.id);
  const [confirming, setConfirming] = useState(false);
  const overdue = isOverdue(application.informationDue);
  return (
    <Card padding="md">
      <Group justify="space-between" wrap="wrap">
        <Stack gap={2}>
          <Title order={2} size="h4">
            {t('case.expire.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {overdue ? t('case.expire.overdue') : t('case.expire.notYet')}
          </Text>
        </Stack>
        <Button color="orange" variant="light" disabled={!overdue} onClick={() => setConfirming(true)}>
          {t('case.expire.button')}
        </Button>
      </Group>
      <ConfirmModal
        opened={confirming}
        title={t('case.expire.title')}
        message={t('case.expire.confirm', { reference: application.reference })}
        confirmLabel={t('case.expire.button')}
        color="orange"
        loading={expire.isPending}
        error={expire.error}
        onClose={() => setConfirming(false)}
        onConfirm={() => expire.mutate(undefined, { onSuccess: () => setConfirming(false) })}
      />
    </Card>
  );
}

function AssignmentCard({ application }: { application: ApplicationCase }) {
  const { t } = useTranslation();
  const assign = useAssignValidator(application.id);
  const validators = useValidators();
  const options = (validators.data?.items ?? []).map((user) => ({
    value: user.id,
    label: `${user.name} (${user.email})`,
  }));
  const current = application.assignedValidatorId;
  if (current && !options.some((option) => option.value === current))
    options.push({ value: current, label: current });

  return (
    <Card padding="md" data-testid="assignment-card">
      <Title order={2} size="h4" mb="xs">
        {t('case.assignment.title')}
      </Title>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('case.assignment.validator')}
          placeholder={t('case.assignment.unassigned')}
          data={options}
          value={current}
          onChange={(value) => assign.mutate({ validatorId: value })}
          clearable
          searchable
          w={360}
        />
        {current ? (
          <Button
            variant="subtle"
            color="gray"
            onClick={() => assign.mutate({ validatorId: null })}
            loading={assign.isPending}
          >
            {t('case.assignment.unassign')}
          </Button>
        ) : null}
      </Group>
      <ApiErrorAlert error={assign.error} />
    </Card>
  );
}

function MessagesCard({
  application,
  isCustoms: customs,
}: {
  application: ApplicationCase;
  isCustoms: boolean;
}) {
  const { t } = useTranslation();
  const reply = useReplyToRequest(application.id);
  const post = usePostMessage(application.id);
  const upload = useUploadEvidence(application.id);
  const [body, setBody] = useState('');
  const [evidenceIds, setEvidenceIds] = useState<string[]>([]);
  const isReply = !customs && application.status === 'information_requested';
  const isClosed = ['withdrawn', 'expired', 'not_accepted'].includes(application.status);
  const mutation = isReply ? reply : post;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = body.trim();
    if (!text) return;
    const done = () => {
      setBody('');
      setEvidenceIds([]);
    };
    if (isReply)
      reply.mutate({ body: text, ...(evidenceIds.length ? { evidenceIds } : {}) }, { onSuccess: done });
    else post.mutate({ body: text }, { onSuccess: done });
  };

  const fileName = (id: string) => application.evidence.find((item) => item.id === id)?.fileName ?? id;

  return (
    <Card padding="md" data-testid="messages">
      <Title order={2} size="h4" mb="sm">
        {t('case.messages.title')}
      </Title>
      <Stack gap="sm">
        {application.messages.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('case.messages.empty')}
          </Text>
        ) : (
          application.messages.map((message) => (
            <MessageBubble
              key={message.id}
              message={message}
              fileName={fileName}
              applicationId={application.id}
            />
          ))
        )}
        {!isClosed ? (
          <form onSubmit={submit} data-testid={isReply ? 'reply-form' : 'message-form'}>
            <Stack gap="xs" mt="sm">
              <Textarea
                label={isReply ? t('case.messages.replyLabel') : t('case.messages.messageLabel')}
                autosize
                minRows={3}
                maxLength={10000}
                value={body}
                onChange={(event) => setBody(event.currentTarget.value)}
                error={fieldError(mutation.error, 'body')}
              />
              {isReply ? (
                <Group align="flex-end" wrap="wrap">
                  <MultiSelect
                    label={t('case.messages.attach')}
                    placeholder={t('questionnaire.file.pickPlaceholder')}
                    data={application.evidence.map((item) => ({ value: item.id, label: item.fileName }))}
                    value={evidenceIds}
                    onChange={setEvidenceIds}
                    w={360}
                    clearable
                  />
                  <input
                    type="file"
                    accept="application/pdf,image/png,image/jpeg"
                    aria-label={t('questionnaire.file.upload')}
                    onChange={(event) => {
                      const file = event.currentTarget.files?.[0];
                      if (file)
                        upload.mutate(file, {
                          onSuccess: (uploaded) => setEvidenceIds((ids) => [...ids, uploaded.id]),
                        });
                      event.currentTarget.value = '';
                    }}
                  />
                </Group>
              ) : null}
              <ApiErrorAlert error={mutation.error ?? upload.error} />
              <Group justify="flex-end">
                <Button
                  type="submit"
                  leftSection={<Icon name="send" size={16} />}
                  loading={mutation.isPending}
                  disabled={!body.trim()}
                >
                  {isReply ? t('case.messages.sendReply') : t('case.messages.send')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Card>
  );
}

function MessageBubble({
  message,
  fileName,
  applicationId,
}: {
  message: CaseMessage;
  fileName: (id: string) => string;
  applicationId: string;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const isCustomsSide = message.side === 'customs';
  return (
    <Paper
      p="sm"
      bg={isCustomsSide ? 'customs.0' : 'gray.0'}
      ml={isCustomsSide ? 0 : 'xl'}
      mr={isCustomsSide ? 'xl' : 0}
      data-testid="message"
      data-kind={message.kind}
    >
      <Group justify="space-between" mb={4} wrap="wrap">
        <Group gap="xs">
          <Badge
            size="sm"
            variant="light"
            color={message.kind === 'information_request' ? 'yellow' : isCustomsSide ? 'customs' : 'gray'}
          >
            {t(`case.messages.kinds.${message.kind}`)}
          </Badge>
          <Text size="xs" c="dimmed">
            {t(`case.messages.sides.${message.side}`)}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {format.dateTime(message.createdAt)}
        </Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {message.body}
      </Text>
      {message.dueDate ? (
        <Group gap={4} mt={4}>
          <Text size="xs" c="dimmed">
            {t('case.messages.due')}
          </Text>
          <DeadlineText day={message.dueDate} />
        </Group>
      ) : null}
      {message.evidenceIds && message.evidenceIds.length > 0 ? (
        <Group gap="sm" mt={4}>
          {message.evidenceIds.map((id) => (
            <Anchor key={id} href={evidenceUrl(applicationId, id)} size="xs" download>
              {fileName(id)}
            </Anchor>
          ))}
        </Group>
      ) : null}
    </Paper>
  );
}

function AnswersCard({ application, programme }: { application: ApplicationCase; programme: Programme }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const definition = useMemo(() => toDefinition(programme), [programme]);
  const answers = useMemo(() => {
    const map: Record<string, NonNullable<ApplicationCase['answers'][string]>> = {};
    for (const [id, answer] of Object.entries(application.answers)) if (answer) map[id] = answer;
    return map;
  }, [application.answers]);
  const visible = useMemo(
    () => visibleQuestions(definition, { ...questionnaireContext(application), answers }),
    [definition, application, answers],
  );
  const { completeness } = application;
  return (
    <Card padding="md" data-testid="answers">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('case.answers.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('questionnaire.progress', { answered: completeness.answered, required: completeness.required })}
        </Text>
      </Group>
      <Accordion multiple variant="separated">
        {completeness.bySection.map((section) => (
          <Accordion.Item key={section.sectionId} value={section.sectionId}>
            <Accordion.Control>
              <Group justify="space-between" pr="sm">
                <Text size="sm" fw={500}>
                  {localised(section.title)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('questionnaire.sectionProgress', {
                    answered: section.answered,
                    required: section.required,
                  })}
                </Text>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="sm">
                {visible
                  .filter((question) => question.sectionId === section.sectionId)
                  .map((question) => (
                    <Stack key={question.id} gap={2}>
                      <Text size="sm" fw={600}>
                        {localised(question.title)}
                      </Text>
                      <AnswerView
                        question={question}
                        record={answers[question.id]}
                        evidence={application.evidence}
                        currency={programme.currency}
                        applicationId={application.id}
                      />
                    </Stack>
                  ))}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Card>
  );
}

function EvidenceCard({ application }: { application: ApplicationCase }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Card padding="md" data-testid="evidence">
      <Title order={2} size="h4" mb="sm">
        {t('case.evidence.title')}
      </Title>
      {application.evidence.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('case.evidence.empty')}
        </Text>
      ) : (
        <Stack gap="xs">
          {application.evidence.map((item) => (
            <Group key={item.id} gap="xs" wrap="nowrap" align="flex-start">
              <Icon name="file" size={18} />
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Anchor
                  href={evidenceUrl(application.id, item.id)}
                  download
                  size="sm"
                  data-testid="evidence-download"
                >
                  {item.fileName}
                </Anchor>
                <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                  {t('case.evidence.meta', {
                    size: format.number(Math.ceil(item.size / 1024)),
                    date: format.dateTime(item.uploadedAt),
                  })}{' '}
                  · SHA-256 {item.checksum.slice(0, 12)}…
                </Text>
              </Stack>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}

const TIMELINE_ACTIONS = [
  'created',
  'submit',
  'request_information',
  'reply',
  'accept',
  'not_accept',
  'withdraw',
  'expire',
  'evidence_uploaded',
  'assigned',
  'message_posted',
  'site_added',
  'site_removed',
  // Examination, decision and appeal (lifecycle actions and the validation module's events).
  'start_review',
  'start_on_site',
  'issue_report',
  'require_improvement',
  'verify_improvement',
  'submit_for_sign_off',
  'sign_off',
  'refer_to_headquarters',
  'return_for_rework',
  'notify_intended_rejection',
  'answer_notice',
  'grant',
  'reject',
  'appeal',
  'uphold',
  'reverse',
  'send_back',
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

function TimelineCard({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const timeline = useApplicationTimeline(applicationId);
  return (
    <Card padding="md" data-testid="timeline">
      <Title order={2} size="h4" mb="sm">
        {t('case.timeline.title')}
      </Title>
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
    </Card>
  );
}
