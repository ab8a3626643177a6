import { Button, Card, Group, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppealOutcome, SignOffOutcome, ValidationWorkspace } from '../api/types';
import {
  useCaseAppeal,
  useCaseDecision,
  useCaseDocuments,
  useGrant,
  useNotifyIntendedRejection,
  useReject,
  useRejectionNotice,
  useReviewAppeal,
  useSignOff,
} from '../api/validation.api';
import { useFormatters } from '../i18n/format';
import { useLocalised } from '../i18n/localised';
import type { CaseTabProps } from './validation-shared';
import { tierTitle } from './validation-shared';
import { CaseErrorAlert, DecisionCard, DocumentsList } from './validation-shared';

export function DecisionTab({ workspace, programme }: CaseTabProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const localised = useLocalised();
  // The server lists only what this officer may do (role, office, four eyes); anything else it would refuse.
  const allowed = workspace.allowedActions;
  const notice = useRejectionNotice(workspace.id);
  const decision = useCaseDecision(workspace.id);
  const appeal = useCaseAppeal(workspace.id);
  const documents = useCaseDocuments(workspace.id);
  const tiers = programme.types.find((type) => type.id === workspace.authorisationType)?.tiers ?? [];
  const tierOptions = tiers.map((tier) => ({ value: tier.id, label: localised(tier.title) || tier.id }));
  const proposed = workspace.summary.proposal.tier;
  return (
    <Stack gap="md" data-testid="decision-tab">
      {workspace.signOff.levels.length > 1 ||
      ['awaiting_sign_off', 'referred_to_headquarters'].includes(workspace.status) ? (
        <SignOffLevels signOff={workspace.signOff} />
      ) : null}
      {allowed.includes('sign_off') ? (
        <SignOffCard workspaceId={workspace.id} canRefer={allowed.includes('refer_to_headquarters')} />
      ) : null}
      {allowed.includes('notify_intended_rejection') ? <NoticeForm workspaceId={workspace.id} /> : null}
      {notice.data ? (
        <Card padding="md" data-testid="notice">
          <Title order={2} size="h4" mb="xs">
            {t('validation.notice.title')}
          </Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {notice.data.reasons}
          </Text>
          <Text size="xs" c="dimmed">
            {t('validation.notice.replyDue', { date: format.date(notice.data.replyDue) })}
          </Text>
          <Text size="sm" mt="xs">
            {notice.data.reply
              ? `${t('validation.notice.reply')}: ${notice.data.reply}`
              : t('validation.notice.noReply')}
          </Text>
        </Card>
      ) : null}
      {allowed.includes('grant') ? (
        <GrantCard
          workspaceId={workspace.id}
          tierOptions={tierOptions}
          proposed={proposed}
          proposedLabel={
            proposed ? tierTitle(programme, workspace.authorisationType, proposed, localised) : null
          }
        />
      ) : null}
      {allowed.includes('reject') ? <RejectCard workspaceId={workspace.id} /> : null}
      {decision.data ? (
        <DecisionCard
          decision={decision.data.decision}
          testId="decision"
          tierLabel={
            decision.data.decision.tier
              ? tierTitle(programme, workspace.authorisationType, decision.data.decision.tier, localised)
              : null
          }
        />
      ) : null}
      {appeal.data ? (
        <Card padding="md" data-testid="appeal" data-status={appeal.data.status}>
          <Title order={2} size="h4" mb="xs">
            {t('validation.appeal.title')}
          </Title>
          <Text size="sm" fw={600}>
            {appeal.data.grounds}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {appeal.data.body}
          </Text>
          {appeal.data.reviewNote ? (
            <Text size="sm" mt="xs">
              {t('validation.appeal.reviewNote')}: {appeal.data.reviewNote}
            </Text>
          ) : null}
        </Card>
      ) : null}
      {allowed.includes('reverse') ? (
        <AppealReviewCard workspaceId={workspace.id} tierOptions={tierOptions} proposed={proposed} />
      ) : null}
      <Card padding="md">
        <Title order={2} size="h4" mb="xs">
          {t('validation.documents.title')}
        </Title>
        <DocumentsList applicationId={workspace.id} documents={documents.data ?? []} />
      </Card>
    </Stack>
  );
}

function SignOffCard({ workspaceId, canRefer }: { workspaceId: string; canRefer: boolean }) {
  const { t } = useTranslation();
  const signOff = useSignOff(workspaceId);
  const [note, setNote] = useState('');
  const act = (outcome: SignOffOutcome) =>
    signOff.mutate({ outcome, ...(note.trim() ? { note: note.trim() } : {}) });
  return (
    <Card padding="md" data-testid="sign-off">
      <Title order={2} size="h4" mb="xs">
        {t('validation.signOff.title')}
      </Title>
      <Textarea
        label={t('validation.signOff.note')}
        autosize
        minRows={2}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      <CaseErrorAlert error={signOff.error} />
      <Group mt="sm">
        <Button
          color="green"
          onClick={() => act('approved')}
          loading={signOff.isPending}
          data-testid="sign-off-approve"
        >
          {t('validation.signOff.approve')}
        </Button>
        <Button variant="light" color="yellow" onClick={() => act('returned')} data-testid="sign-off-return">
          {t('validation.signOff.return')}
        </Button>
        {canRefer ? (
          <Button variant="light" onClick={() => act('referred')} data-testid="sign-off-refer">
            {t('validation.signOff.refer')}
          </Button>
        ) : null}
      </Group>
    </Card>
  );
}

/** The programme's sign-off levels for the current report: who signed which, and which is next. */
function SignOffLevels({ signOff }: { signOff: ValidationWorkspace['signOff'] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const localised = useLocalised();
  return (
    <Card padding="md" data-testid="sign-off-levels">
      <Title order={2} size="h4" mb="xs">
        {t('validation.signOff.levels')}
      </Title>
      <Stack gap={4}>
        {signOff.levels.map((level) => (
          <Group
            key={level.id}
            justify="space-between"
            data-testid={`sign-off-level-${level.number}`}
            data-signed={level.signedBy ? 'true' : 'false'}
          >
            <Text size="sm" fw={level.number === signOff.nextLevel ? 600 : 400}>
              {level.number}. {localised(level.title)}
              {level.headquarters ? ` (${t('validation.signOff.headquarters')})` : ''}
            </Text>
            <Text size="sm" c={level.signedBy ? undefined : 'dimmed'}>
              {level.signedBy && level.signedAt
                ? t('validation.signOff.signedBy', {
                    name: level.signedByName ?? '',
                    date: format.dateTime(level.signedAt),
                  })
                : level.number === signOff.nextLevel
                  ? t('validation.signOff.next')
                  : t('validation.signOff.pending')}
            </Text>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

function NoticeForm({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const notify = useNotifyIntendedRejection(workspaceId);
  const [reasons, setReasons] = useState('');
  return (
    <Card padding="md" data-testid="notice-form">
      <Title order={2} size="h4" mb="xs">
        {t('validation.notice.issueTitle')}
      </Title>
      <Textarea
        label={t('validation.notice.reasons')}
        autosize
        minRows={3}
        value={reasons}
        onChange={(e) => setReasons(e.currentTarget.value)}
        data-testid="notice-reasons"
      />
      <CaseErrorAlert error={notify.error} />
      <Group justify="flex-end" mt="xs">
        <Button
          color="orange"
          disabled={!reasons.trim()}
          loading={notify.isPending}
          onClick={() => notify.mutate({ reasons: reasons.trim() })}
          data-testid="notice-issue"
        >
          {t('validation.notice.issue')}
        </Button>
      </Group>
    </Card>
  );
}

function GrantCard({
  workspaceId,
  tierOptions,
  proposed,
  proposedLabel,
}: {
  workspaceId: string;
  tierOptions: Array<{ value: string; label: string }>;
  proposed: string | null;
  proposedLabel: string | null;
}) {
  const { t } = useTranslation();
  const grant = useGrant(workspaceId);
  const [tier, setTier] = useState<string | null>(proposed);
  const [overrideReason, setOverrideReason] = useState('');
  const [grounds, setGrounds] = useState('');
  const isOverride = tier !== null && tier !== proposed;
  return (
    <Card padding="md" data-testid="grant-card">
      <Title order={2} size="h4" mb="xs">
        {t('validation.decision.grantTitle')}
      </Title>
      <Text size="sm" mb="xs">
        {proposedLabel
          ? t('validation.review.proposedTier', { tier: proposedLabel })
          : t('validation.review.noTier')}
      </Text>
      <Stack gap="xs">
        <Select
          label={t('validation.decision.tier')}
          data={tierOptions}
          value={tier}
          onChange={setTier}
          data-testid="grant-tier"
        />
        {isOverride ? (
          <Textarea
            label={t('validation.decision.overrideReason')}
            required
            autosize
            minRows={2}
            value={overrideReason}
            onChange={(e) => setOverrideReason(e.currentTarget.value)}
            data-testid="grant-override-reason"
          />
        ) : null}
        <Textarea
          label={t('validation.decision.grounds')}
          autosize
          minRows={2}
          value={grounds}
          onChange={(e) => setGrounds(e.currentTarget.value)}
        />
        <CaseErrorAlert error={grant.error} />
        <Group justify="flex-end">
          <Button
            color="green"
            disabled={isOverride && !overrideReason.trim()}
            loading={grant.isPending}
            data-testid="grant-confirm"
            onClick={() =>
              grant.mutate({
                ...(tier ? { tier } : {}),
                ...(isOverride ? { overrideReason: overrideReason.trim() } : {}),
                ...(grounds.trim() ? { grounds: grounds.trim() } : {}),
              })
            }
          >
            {t('validation.decision.grant')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function RejectCard({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const reject = useReject(workspaceId);
  const [grounds, setGrounds] = useState('');
  const [rules, setRules] = useState('');
  const [route, setRoute] = useState('');
  const rulesList = rules
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return (
    <Card padding="md" data-testid="reject-card">
      <Title order={2} size="h4" mb="xs">
        {t('validation.decision.rejectTitle')}
      </Title>
      <Stack gap="xs">
        <Textarea
          label={t('validation.decision.grounds')}
          required
          autosize
          minRows={3}
          value={grounds}
          onChange={(e) => setGrounds(e.currentTarget.value)}
          data-testid="reject-grounds"
        />
        <Textarea
          label={t('validation.decision.rules')}
          description={t('validation.decision.rulesHint')}
          required
          autosize
          minRows={2}
          value={rules}
          onChange={(e) => setRules(e.currentTarget.value)}
          data-testid="reject-rules"
        />
        <Textarea
          label={t('validation.decision.appealRoute')}
          autosize
          minRows={1}
          value={route}
          onChange={(e) => setRoute(e.currentTarget.value)}
        />
        <CaseErrorAlert error={reject.error} />
        <Group justify="flex-end">
          <Button
            color="red"
            disabled={!grounds.trim() || rulesList.length === 0}
            loading={reject.isPending}
            data-testid="reject-confirm"
            onClick={() =>
              reject.mutate({
                grounds: grounds.trim(),
                rulesReliedOn: rulesList,
                ...(route.trim() ? { appealRoute: route.trim() } : {}),
              })
            }
          >
            {t('validation.decision.reject')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

const APPEAL_OUTCOMES: readonly AppealOutcome[] = ['upheld', 'reversed', 'sent_back'];

function AppealReviewCard({
  workspaceId,
  tierOptions,
  proposed,
}: {
  workspaceId: string;
  tierOptions: Array<{ value: string; label: string }>;
  proposed: string | null;
}) {
  const { t } = useTranslation();
  const review = useReviewAppeal(workspaceId);
  const [outcome, setOutcome] = useState<AppealOutcome>('upheld');
  const [note, setNote] = useState('');
  const [tier, setTier] = useState<string | null>(proposed);
  return (
    <Card padding="md" data-testid="appeal-review">
      <Title order={2} size="h4" mb="xs">
        {t('validation.appeal.reviewTitle')}
      </Title>
      <Stack gap="xs">
        <Select
          label={t('validation.appeal.outcome')}
          data={APPEAL_OUTCOMES.map((value) => ({ value, label: t(`validation.appeal.outcomes.${value}`) }))}
          value={outcome}
          allowDeselect={false}
          onChange={(value) => setOutcome(APPEAL_OUTCOMES.find((o) => o === value) ?? 'upheld')}
          data-testid="appeal-outcome"
        />
        {outcome === 'reversed' ? (
          <Select label={t('validation.decision.tier')} data={tierOptions} value={tier} onChange={setTier} />
        ) : null}
        <Textarea
          label={t('validation.appeal.reviewNote')}
          required
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          data-testid="appeal-note"
        />
        <CaseErrorAlert error={review.error} />
        <Group justify="flex-end">
          <Button
            disabled={!note.trim()}
            loading={review.isPending}
            data-testid="appeal-review-confirm"
            onClick={() =>
              review.mutate({
                outcome,
                note: note.trim(),
                ...(outcome === 'reversed' && tier ? { tier } : {}),
              })
            }
          >
            {t('validation.appeal.decide')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
