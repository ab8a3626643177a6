import type {
  Condition,
  LocalisedText,
  OperatorRole,
  ProgrammeDefinition,
  Question,
  Variant,
} from './programme-definition.schemas';

/**
 * A stored answer, in the same shape as the API payload once validated: a value, or one of the two explained
 * non-answers that every question allows.
 */
export type AnswerRecord =
  | { value: unknown; description?: string }
  | { notApplicable: true; explanation: string }
  | { alreadyProvided: true; reference: string; explanation: string };

export type AnswerMap = Readonly<Partial<Record<string, AnswerRecord>>>;

export interface QuestionnaireContext {
  variant: Variant;
  authorisationType: string;
  operatorRoles: readonly OperatorRole[];
  isSme: boolean;
}

/** A question as the applicant sees it in one variant (SME wording applied) with the section it belongs to. */
export type VisibleQuestion = Question & { sectionId: string };

function hasValue(answer: AnswerRecord): answer is { value: unknown; description?: string } {
  return 'value' in answer;
}

/** Whether an answer counts towards completeness: an explained non-answer counts, an empty value does not. */
export function isAnswered(answer: AnswerRecord | undefined): boolean {
  if (answer === undefined) return false;
  if (!hasValue(answer)) return true;
  const { value } = answer;
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0 || (answer.description ?? '').trim() !== '';
  return true;
}

function referencedQuestions(condition: Condition | undefined, into: string[] = []): string[] {
  if (!condition) return into;
  condition.all?.forEach((c) => referencedQuestions(c, into));
  condition.any?.forEach((c) => referencedQuestions(c, into));
  referencedQuestions(condition.not, into);
  if (condition.answer) into.push(condition.answer.question);
  return into;
}

function matchesAnswer(
  condition: NonNullable<Condition['answer']>,
  answer: AnswerRecord | undefined,
): boolean {
  // An explained non-answer carries no value, so it never makes a follow-up question relevant.
  if (answer === undefined || !hasValue(answer)) return false;
  const values: unknown[] = Array.isArray(answer.value) ? answer.value : [answer.value];
  if (condition.isTrue !== undefined) return answer.value === condition.isTrue;
  if (condition.equals !== undefined) return values.includes(condition.equals);
  if (condition.in !== undefined)
    return values.some((v) => typeof v === 'string' && condition.in?.includes(v));
  return false;
}

export function evaluateCondition(
  condition: Condition,
  context: QuestionnaireContext,
  answers: AnswerMap,
): boolean {
  if (condition.all) return condition.all.every((c) => evaluateCondition(c, context, answers));
  if (condition.any) return condition.any.some((c) => evaluateCondition(c, context, answers));
  if (condition.not) return !evaluateCondition(condition.not, context, answers);
  if (condition.answer) return matchesAnswer(condition.answer, answers[condition.answer.question]);
  if (condition.authorisationTypeIn) return condition.authorisationTypeIn.includes(context.authorisationType);
  if (condition.operatorRoleIn)
    return condition.operatorRoleIn.some((role) => context.operatorRoles.includes(role));
  if (condition.isSme !== undefined) return condition.isSme === context.isSme;
  return true;
}

function adaptToVariant(question: Question, sectionId: string, variant: Variant): VisibleQuestion {
  if (variant !== 'sme' || question.sme === undefined) return { ...question, sectionId };
  const { sme } = question;
  return {
    ...question,
    sectionId,
    title: sme.title ?? question.title,
    help: sme.help ?? question.help,
    allowDescription: sme.allowDescription ?? question.allowDescription,
  };
}

/**
 * The questions asked in this context, in order. A question is hidden when it is not in the variant, when its
 * section's or its own condition is false, or when its condition looks at a question that is itself hidden — so
 * chains of follow-up questions collapse together and stale answers to hidden questions are ignored.
 */
export function visibleQuestions(
  definition: ProgrammeDefinition,
  context: QuestionnaireContext & { answers: AnswerMap },
): VisibleQuestion[] {
  const visible: VisibleQuestion[] = [];
  const visibleIds = new Set<string>();
  const isRelevant = (condition: Condition | undefined) =>
    condition === undefined ||
    (referencedQuestions(condition).every((id) => visibleIds.has(id)) &&
      evaluateCondition(condition, context, context.answers));

  for (const section of definition.questionnaire.sections) {
    if (!isRelevant(section.condition)) continue;
    for (const question of section.questions) {
      if (!question.variants.includes(context.variant)) continue;
      if (!isRelevant(question.condition)) continue;
      visible.push(adaptToVariant(question, section.id, context.variant));
      visibleIds.add(question.id);
    }
  }
  return visible;
}

export interface MissingAnswer {
  questionId: string;
  sectionId: string;
  title: LocalisedText;
}

export interface CompletenessCount {
  /** Questions shown in this context. */
  visible: number;
  /** Shown and required. */
  required: number;
  /** Required questions with an answer (an explained not-applicable or already-provided counts). */
  answered: number;
}

export interface Completeness extends CompletenessCount {
  isComplete: boolean;
  missing: MissingAnswer[];
  bySection: Array<CompletenessCount & { sectionId: string; title: LocalisedText }>;
  byCriterion: Array<
    CompletenessCount & {
      criterionId: string;
      title: LocalisedText;
      evidencedBy: string[];
      isEvidenced: boolean;
    }
  >;
}

function count(questions: readonly VisibleQuestion[], answers: AnswerMap): CompletenessCount {
  const required = questions.filter((q) => q.required);
  return {
    visible: questions.length,
    required: required.length,
    answered: required.filter((q) => isAnswered(answers[q.id])).length,
  };
}

/**
 * How far an application's questionnaire is filled in. Only visible questions count, so answering "no" to a
 * gateway question removes its follow-ups from what is missing. Per criterion, `isEvidenced` says whether at least
 * one visible question evidencing it has an answer — what a desk reviewer needs before reading a criterion.
 */
export function completeness(
  definition: ProgrammeDefinition,
  context: QuestionnaireContext,
  answers: AnswerMap,
): Completeness {
  const questions = visibleQuestions(definition, { ...context, answers });
  const missing = questions
    .filter((q) => q.required && !isAnswered(answers[q.id]))
    .map((q) => ({ questionId: q.id, sectionId: q.sectionId, title: q.title }));
  const bySection = definition.questionnaire.sections
    .map((section) => ({
      sectionId: section.id,
      title: section.title,
      ...count(
        questions.filter((q) => q.sectionId === section.id),
        answers,
      ),
    }))
    .filter((section) => section.visible > 0);
  const type = definition.authorisationTypes.find((t) => t.id === context.authorisationType);
  const criterionIds = type?.criteria ?? definition.criteria.map((c) => c.id);
  const byCriterion = criterionIds.map((criterionId) => {
    const evidencing = questions.filter((q) => q.criteria.includes(criterionId));
    const criterion = definition.criteria.find((c) => c.id === criterionId);
    return {
      criterionId,
      title: criterion?.title ?? { en: criterionId, ru: criterionId },
      ...count(evidencing, answers),
      evidencedBy: evidencing.map((q) => q.id),
      isEvidenced: evidencing.some((q) => isAnswered(answers[q.id])),
    };
  });
  const totals = count(questions, answers);
  return { ...totals, isComplete: missing.length === 0, missing, bySection, byCriterion };
}
