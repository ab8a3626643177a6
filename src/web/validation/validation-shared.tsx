import { Alert, Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import type { BadgeProps, GroupProps, MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import type {
  ApplicationCase,
  CaseDecision,
  CaseDocument,
  CriterionFinding,
  FindingValue,
  RiskLevel,
  Programme,
  RejectionNotice,
  ValidationWorkspace,
} from '../api/types';
import { documentUrl } from '../api/validation.api';
import { ApiErrorAlert } from '../components/api-error';
import { Icon } from '../components/icons';
import { SectionCard } from '../components/section-card';
import { useFormatters } from '../i18n/format';
import type { useLocalised } from '../i18n/localised';
import type { ReactNode } from 'react';

/** The dimmed line standing where a list has nothing yet (no slots, no checklist, no documents). */
export function NoneYet({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <Text size="sm" c="dimmed" data-testid={testId}>
      {children}
    </Text>
  );
}

/** The `reason` in an error's details (four_eyes, wrong_state, …), when the server gives one. */
export function errorReason(error: unknown): string | null {
  if (!isApiError(error) || typeof error.details !== 'object' || error.details === null) return null;
  const reason = (error.details as { reason?: unknown }).reason;
  return typeof reason === 'string' ? reason : null;
}

// The server's four-eyes rules and the acts it names (details.rule, details.acts); others fall back to its message.
const FOUR_EYES_RULES = [
  'signer_is_validator',
  'signer_signed_before',
  'decider_is_validator',
  'decider_signed_off',
  'appeal_reviewer_is_validator',
  'appeal_reviewer_signed_off',
  'appeal_reviewer_decided',
] as const;
const FOUR_EYES_ACTS = [
  'assigned_validator',
  'findings',
  'risk_map',
  'visit_team',
  'checklist',
  'photos',
  'minutes',
  'information_request',
  'improvement_plan',
  'report',
  'sign_off',
  'intended_rejection',
  'decision',
] as const;

function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/** Why four eyes refused, in the officer's language: the rule, and the officer's own part in the case. */
function FourEyesExplanation({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const details = (isApiError(error) ? error.details : null) as { rule?: unknown; acts?: unknown } | null;
  const rule = details?.rule;
  if (!isOneOf(FOUR_EYES_RULES, rule)) {
    return <Text size="sm">{error instanceof Error ? error.message : ''}</Text>;
  }
  const acts = (Array.isArray(details?.acts) ? details.acts : []).filter((act) =>
    isOneOf(FOUR_EYES_ACTS, act),
  );
  return (
    <>
      <Text size="sm" data-testid="four-eyes-rule" data-rule={rule}>
        {t(`validation.errors.fourEyesRule.${rule}`)}
      </Text>
      {acts.length ? (
        <Text size="sm">
          {t('validation.errors.fourEyesActs', {
            acts: acts.map((act) => t(`validation.errors.fourEyesAct.${act}`)).join(', '),
          })}
        </Text>
      ) : null}
    </>
  );
}

/**
 * A write refused by the case rules is explained in the officer's terms first: four eyes (another person must act,
 * and why: the server's rule and the officer's own part in the case) and a wrong state (the case has moved on;
 * reload) get their own headline above the explanation.
 */
export function CaseErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const reason = errorReason(error);
  const isFourEyes = isApiError(error) && error.status === 403 && reason === 'four_eyes';
  const isWrongState = isApiError(error) && error.status === 409 && reason === 'wrong_state';
  if (!isFourEyes && !isWrongState) return <ApiErrorAlert error={error} />;
  return (
    <Alert
      color={isFourEyes ? 'orange' : 'yellow'}
      variant="light"
      role="alert"
      icon={<Icon name="alert" />}
      title={isFourEyes ? t('validation.errors.fourEyes') : t('validation.errors.wrongState')}
      data-testid={isFourEyes ? 'error-four-eyes' : 'error-wrong-state'}
    >
      {isFourEyes ? (
        <FourEyesExplanation error={error} />
      ) : (
        <Text size="sm">{error instanceof Error ? error.message : ''}</Text>
      )}
      <Text size="sm" c="dimmed">
        {isFourEyes ? t('validation.errors.fourEyesHint') : t('validation.errors.wrongStateHint')}
      </Text>
    </Alert>
  );
}

/** A light badge naming one value of a closed set (a status, an outcome), in that value's colour. */
export function ValueBadge<T extends string>({
  value,
  colors,
  ...badge
}: Omit<BadgeProps, 'color'> & {
  value: T;
  colors: Record<T, MantineColor>;
  children: ReactNode;
  [data: `data-${string}`]: string | boolean | undefined;
}) {
  return <Badge color={colors[value]} variant="light" {...badge} />;
}

const FINDING_COLORS: Record<FindingValue, MantineColor> = {
  satisfactory: 'green',
  needs_improvement: 'yellow',
  unsatisfactory: 'red',
  not_verified: 'gray',
};

export function FindingBadge({ finding }: { finding: FindingValue | null }) {
  const { t } = useTranslation();
  return (
    <Badge color={finding ? FINDING_COLORS[finding] : 'gray'} variant={finding ? 'light' : 'outline'}>
      {finding ? t(`validation.finding.${finding}`) : t('validation.finding.unreviewed')}
    </Badge>
  );
}

const CRITERION_COLORS: Record<CriterionFinding, MantineColor> = {
  satisfied: 'green',
  partly_satisfied: 'yellow',
  not_satisfied: 'red',
  not_assessed: 'gray',
};

export function CriterionBadge({ finding }: { finding: CriterionFinding }) {
  const { t } = useTranslation();
  return (
    <ValueBadge value={finding} colors={CRITERION_COLORS} data-finding={finding}>
      {t(`validation.criterionFinding.${finding}`)}
    </ValueBadge>
  );
}

export const RISK_COLORS: Record<RiskLevel, string> = {
  low: 'var(--mantine-color-green-2)',
  medium: 'var(--mantine-color-yellow-3)',
  high: 'var(--mantine-color-orange-4)',
  very_high: 'var(--mantine-color-red-5)',
};

export function RiskLevelBadge({ level, score }: { level: RiskLevel; score: number }) {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" style={{ background: RISK_COLORS[level], color: 'var(--mantine-color-dark-9)' }}>
      {score} · {t(`validation.risk.level.${level}`)}
    </Badge>
  );
}

/** A file to download behind its file icon, then what `children` add about it (language, date). */
export function FileLink({
  href,
  name,
  iconSize,
  linkTestId,
  children,
  ...group
}: Omit<GroupProps, 'children'> & {
  href: string;
  name: ReactNode;
  iconSize: number;
  linkTestId: string;
  children?: ReactNode;
  [data: `data-${string}`]: string | undefined;
}) {
  return (
    <Group gap="xs" wrap="nowrap" {...group}>
      <Icon name="file" size={iconSize} />
      <Anchor href={href} download size="sm" data-testid={linkTestId}>
        {name}
      </Anchor>
      {children}
    </Group>
  );
}

/** The letters and documents the case produced, each a download; both sides see the same list. */
export function DocumentsCard({
  applicationId,
  documents,
}: {
  applicationId: string;
  documents: CaseDocument[];
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <SectionCard title={t('validation.documents.title')}>
      {documents.length === 0 ? (
        <NoneYet>{t('validation.documents.empty')}</NoneYet>
      ) : (
        <Stack gap="xs" data-testid="case-documents">
          {documents.map((document) => (
            <FileLink
              key={document.id}
              href={documentUrl(applicationId, document.id)}
              name={document.title}
              iconSize={18}
              linkTestId="document-download"
              data-testid="case-document"
              data-kind={document.kind}
            >
              <Text size="xs" c="dimmed">
                {document.language.toUpperCase()} · {format.dateTime(document.createdAt)}
              </Text>
            </FileLink>
          ))}
        </Stack>
      )}
    </SectionCard>
  );
}

/** ISO day `days` from today, for default deadlines in forms. */
export function isoDayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** An optional free-text field as the server takes it: trimmed, and left out altogether when blank. */
export function optionalText<K extends string>(key: K, text: string): Partial<Record<K, string>> {
  const trimmed = text.trim();
  return trimmed ? ({ [key]: trimmed } as Record<K, string>) : {};
}

/** A decision as both sides read it: outcome, tier, grounds, rules, appeal route and date, reapplication bar. */
export function DecisionCard({
  decision,
  tierLabel,
  testId,
}: {
  decision: CaseDecision;
  tierLabel: string | null;
  testId: string;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <SectionCard
      title={t(`validation.decision.outcome.${decision.outcome}`)}
      data-testid={testId}
      data-outcome={decision.outcome}
    >
      {tierLabel ? (
        <Text size="sm">
          {t('validation.decision.tier')}: {tierLabel}
        </Text>
      ) : null}
      {decision.grounds ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {decision.grounds}
        </Text>
      ) : null}
      {decision.rulesReliedOn.length ? (
        <Text size="sm">
          {t('validation.decision.rules')}: {decision.rulesReliedOn.join('; ')}
        </Text>
      ) : null}
      {decision.appealRoute ? <Text size="sm">{decision.appealRoute}</Text> : null}
      {decision.barredUntil ? (
        <Text size="sm" data-testid="barred-until">
          {t('validation.decision.barredUntil', { date: format.date(decision.barredUntil) })}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed">
        {format.dateTime(decision.decidedAt)}
        {decision.effectiveDate
          ? ` · ${t('validation.decision.effective', { date: format.date(decision.effectiveDate) })}`
          : ''}
        {decision.appealDue
          ? ` · ${t('validation.decision.appealDue', { date: format.date(decision.appealDue) })}`
          : ''}
      </Text>
    </SectionCard>
  );
}

/**
 * The notice of intended rejection as both sides read it: the reasons, the reply deadline, then the company's reply,
 * or `unanswered` while there is none (customs: "no reply yet"; the company: its reply form).
 */
export function RejectionNoticeCard({
  notice,
  testId,
  unanswered,
}: {
  notice: RejectionNotice;
  testId: string;
  unanswered: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <SectionCard title={t('validation.notice.title')} data-testid={testId}>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {notice.reasons}
      </Text>
      <Text size="xs" c="dimmed">
        {t('validation.notice.replyDue', { date: format.date(notice.replyDue) })}
      </Text>
      {notice.reply ? (
        <Text size="sm" mt="xs">
          {t('validation.notice.reply')}: {notice.reply}
        </Text>
      ) : (
        unanswered
      )}
    </SectionCard>
  );
}

export interface CaseTabProps {
  workspace: ValidationWorkspace;
  application: ApplicationCase;
  programme: Programme;
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
