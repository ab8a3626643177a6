import type { LocalisedText, ProgrammeDefinition } from './programme-definition.schemas';

export type ReadinessStatus = 'ready' | 'partly' | 'missing';

/** The self-check answers, item id → yes (true) or no (false); unanswered items count as "no". */
export type SelfAssessment = Readonly<Partial<Record<string, boolean>>>;

export interface CriterionReadiness {
  criterionId: string;
  title: LocalisedText;
  status: ReadinessStatus;
  yes: number;
  total: number;
  /** What to prepare before applying: the advice of every item not yet answered "yes". */
  toPrepare: Array<{ itemId: string; question: LocalisedText; advice: LocalisedText }>;
}

export interface ReadinessReport {
  status: ReadinessStatus;
  criteria: CriterionReadiness[];
}

function statusOf(yes: number, total: number): ReadinessStatus {
  if (yes === total) return 'ready';
  return yes === 0 ? 'missing' : 'partly';
}

/**
 * The short pre-application self-check: per criterion, ready / partly / missing and what to prepare. It needs no
 * account and stores nothing, so it can sit on a public page.
 */
export function readinessCheck(
  definition: ProgrammeDefinition,
  selfAssessment: SelfAssessment,
): ReadinessReport {
  const criteria = definition.criteria
    .map((criterion): CriterionReadiness => {
      const items = definition.readiness.filter((item) => item.criterion === criterion.id);
      const notYet = items.filter((item) => selfAssessment[item.id] !== true);
      const yes = items.length - notYet.length;
      return {
        criterionId: criterion.id,
        title: criterion.title,
        status: statusOf(yes, items.length),
        yes,
        total: items.length,
        toPrepare: notYet.map((item) => ({ itemId: item.id, question: item.question, advice: item.advice })),
      };
    })
    .filter((criterion) => criterion.total > 0);
  const statuses = criteria.map((c) => c.status);
  const status: ReadinessStatus = statuses.every((s) => s === 'ready')
    ? 'ready'
    : statuses.every((s) => s === 'missing')
      ? 'missing'
      : 'partly';
  return { status, criteria };
}
