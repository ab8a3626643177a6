import { Button, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppealOutcome, CaseAppeal, SignOffOutcome, ValidationWorkspace } from '../api/types';
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
import { bindText } from '../components/bind';
import { useFields } from '../components/use-fields';
import { SectionCard } from '../components/section-card';
import { useFormatters } from '../i18n/format';
import { useLocalised } from '../i18n/localised';
import { CaseFields, CaseSubmit, CaseTextForm } from './case-form';
import type { CaseTabProps } from './validation-shared';
import { optionalText, tierTitle } from './validation-shared';
import { CaseErrorAlert, DecisionCard, DocumentsCard, RejectionNoticeCard } from './validation-shared';

export function DecisionTab({ workspace, programme }: CaseTabProps) {
  const { t } = useTranslation();
  const localised = useLocalised();
  // The server lists only what this officer may do (role, office, four eyes); anything else it would refuse.
  const allowed = workspace.allowedActions;
  const notice = useRejectionNotice(workspace.id);
  const decision = useCaseDecision(workspace.id);
  const appeal = useCaseAppeal(workspace.id);
  const documents = useCaseDocuments(workspace.id);
  const notify = useNotifyIntendedRejection(workspace.id);
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
      {allowed.includes('notify_intended_rejection') ? (
        <SectionCard title={t('validation.notice.issueTitle')} data-testid="notice-form">
          <CaseTextForm
            label={t('validation.notice.reasons')}
            minRows={3}
            write={notify}
            onSubmit={(reasons) => notify.mutate({ reasons })}
            submitLabel={t('validation.notice.issue')}
            submitProps={{ color: 'orange' }}
            fieldTestId="notice-reasons"
            submitTestId="notice-issue"
          />
        </SectionCard>
      ) : null}
      {notice.data ? (
        <RejectionNoticeCard
          notice={notice.data}
          testId="notice"
          unanswered={
            <Text size="sm" mt="xs">
              {t('validation.notice.noReply')}
            </Text>
          }
        />
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
      {appeal.data ? <AppealCard appeal={appeal.data} /> : null}
      {allowed.includes('reverse') ? (
        <AppealReviewCard workspaceId={workspace.id} tierOptions={tierOptions} proposed={proposed} />
      ) : null}
      <DocumentsCard applicationId={workspace.id} documents={documents.data ?? []} />
    </Stack>
  );
}

function SignOffCard({ workspaceId, canRefer }: { workspaceId: string; canRefer: boolean }) {
  const { t } = useTranslation();
  const signOff = useSignOff(workspaceId);
  const [note, setNote] = useState('');
  const act = (outcome: SignOffOutcome) => signOff.mutate({ outcome, ...optionalText('note', note) });
  return (
    <SectionCard title={t('validation.signOff.title')} data-testid="sign-off">
      <Textarea label={t('validation.signOff.note')} autosize minRows={2} {...bindText(note, setNote)} />
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
    </SectionCard>
  );
}

/** The programme's sign-off levels for the current report: who signed which, and which is next. */
function SignOffLevels({ signOff }: { signOff: ValidationWorkspace['signOff'] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const localised = useLocalised();
  return (
    <SectionCard title={t('validation.signOff.levels')} data-testid="sign-off-levels">
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
    </SectionCard>
  );
}

/** The company's appeal as customs reads it: its grounds and text, and the reviewer's note once decided. */
function AppealCard({ appeal }: { appeal: CaseAppeal }) {
  const { t } = useTranslation();
  return (
    <SectionCard title={t('validation.appeal.title')} data-testid="appeal" data-status={appeal.status}>
      <Text size="sm" fw={600}>
        {appeal.grounds}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {appeal.body}
      </Text>
      {appeal.reviewNote ? (
        <Text size="sm" mt="xs">
          {t('validation.appeal.reviewNote')}: {appeal.reviewNote}
        </Text>
      ) : null}
    </SectionCard>
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
  const form = useFields({ tier: proposed, overrideReason: '', grounds: '' }, grant.error);
  const { tier, overrideReason, grounds } = form.values;
  const isOverride = tier !== null && tier !== proposed;
  const overrideField = {
    name: 'overrideReason',
    label: t('validation.decision.overrideReason'),
    isRequired: true,
    minRows: 2,
  } as const;
  return (
    <SectionCard title={t('validation.decision.grantTitle')} data-testid="grant-card">
      <Text size="sm" mb="xs">
        {proposedLabel
          ? t('validation.review.proposedTier', { tier: proposedLabel })
          : t('validation.review.noTier')}
      </Text>
      <Stack gap="xs">
        <Select
          label={t('validation.decision.tier')}
          data={tierOptions}
          {...form.getInputProps('tier')}
          data-testid="grant-tier"
        />
        <CaseFields
          testIds="grant"
          form={form}
          fields={[
            isOverride && overrideField,
            { name: 'grounds', label: t('validation.decision.grounds'), minRows: 2 },
          ]}
        />
        <CaseSubmit
          write={grant}
          color="green"
          isDisabled={isOverride && !overrideReason.trim()}
          data-testid="grant-confirm"
          onClick={() =>
            grant.mutate({
              ...(tier ? { tier } : {}),
              ...(isOverride ? { overrideReason: overrideReason.trim() } : {}),
              ...optionalText('grounds', grounds),
            })
          }
        >
          {t('validation.decision.grant')}
        </CaseSubmit>
      </Stack>
    </SectionCard>
  );
}

/** One rule a line: the rules a rejection relies on, as the officer typed them. */
function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

function RejectCard({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const reject = useReject(workspaceId);
  const form = useFields({ grounds: '', rules: '', route: '' }, reject.error, {
    rules: 'rulesReliedOn',
    route: 'appealRoute',
  });
  const { grounds, rules, route } = form.values;
  const rulesList = linesOf(rules);
  return (
    <SectionCard title={t('validation.decision.rejectTitle')} data-testid="reject-card">
      <Stack gap="xs">
        <CaseFields
          testIds="reject"
          form={form}
          fields={[
            { name: 'grounds', label: t('validation.decision.grounds'), isRequired: true, minRows: 3 },
            {
              name: 'rules',
              label: t('validation.decision.rules'),
              description: t('validation.decision.rulesHint'),
              isRequired: true,
              minRows: 2,
            },
            { name: 'route', label: t('validation.decision.appealRoute'), minRows: 1 },
          ]}
        />
        <CaseSubmit
          write={reject}
          color="red"
          isDisabled={!grounds.trim() || rulesList.length === 0}
          data-testid="reject-confirm"
          onClick={() =>
            reject.mutate({
              grounds: grounds.trim(),
              rulesReliedOn: rulesList,
              ...optionalText('appealRoute', route),
            })
          }
        >
          {t('validation.decision.reject')}
        </CaseSubmit>
      </Stack>
    </SectionCard>
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
  const form = useFields({ note: '', tier: proposed }, review.error);
  const { note, tier } = form.values;
  return (
    <SectionCard title={t('validation.appeal.reviewTitle')} data-testid="appeal-review">
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
          <Select label={t('validation.decision.tier')} data={tierOptions} {...form.getInputProps('tier')} />
        ) : null}
        <CaseFields
          testIds="appeal"
          form={form}
          fields={[{ name: 'note', label: t('validation.appeal.reviewNote'), isRequired: true, minRows: 2 }]}
        />
        <CaseSubmit
          write={review}
          isDisabled={!note.trim()}
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
        </CaseSubmit>
      </Stack>
    </SectionCard>
  );
}
