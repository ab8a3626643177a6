import { z } from 'zod';
import { OPERATOR_ROLES, VARIANTS } from './programme-constants';

export { OPERATOR_ROLES, VARIANTS };

/**
 * The programme definition: everything that differs between AEO programmes (types and tiers with their rules,
 * criteria, questionnaire, legal clocks, benefits, SME rule, readiness self-check, risk catalogue) as plain data.
 * This file holds the shape only; the cross-reference checks live in programme-definition.ts because they need
 * the whole document at once and must report field paths the administration can act on.
 */

export const operatorRoleSchema = z.enum(OPERATOR_ROLES, {
  error: (issue) =>
    `unknown operator role ${JSON.stringify(issue.input)} (expected one of ${OPERATOR_ROLES.join(', ')})`,
});
export type OperatorRole = z.infer<typeof operatorRoleSchema>;

export const variantSchema = z.enum(VARIANTS, {
  error: (issue) => `unknown variant ${JSON.stringify(issue.input)} (expected one of ${VARIANTS.join(', ')})`,
});
export type Variant = z.infer<typeof variantSchema>;

export const ANSWER_TYPES = [
  'yes_no',
  'choice',
  'multi_choice',
  'text',
  'number',
  'money',
  'date',
  'table',
  'file',
] as const;
export const answerTypeSchema = z.enum(ANSWER_TYPES, {
  error: (issue) =>
    `unknown answer type ${JSON.stringify(issue.input)} (expected one of ${ANSWER_TYPES.join(', ')})`,
});
export type AnswerType = z.infer<typeof answerTypeSchema>;

export const COLUMN_TYPES = ['text', 'number', 'money', 'date', 'yes_no', 'choice'] as const;

/** Identifiers are stable keys stored with answers and findings: short, lowercase-friendly, no spaces. */
const idSchema = z
  .string({ error: 'an identifier (text) is required' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/, 'use letters, digits, "_", "-" or "." (at most 80 characters)');

function requiredText(language: string) {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined ? `${language} text is required` : `${language} text must be a string`,
    })
    .trim()
    .min(1, `${language} text must not be empty`);
}

/** Everything a person reads is bilingual; both languages are required so no screen falls back silently. */
export const localisedTextSchema = z.strictObject(
  { en: requiredText('English'), ru: requiredText('Russian') },
  { error: (issue) => (issue.input === undefined ? 'text in English and Russian is required' : undefined) },
);
export type LocalisedText = z.infer<typeof localisedTextSchema>;

const dateSchema = z.iso.date({ error: 'use a date written YYYY-MM-DD' });

export const criterionSchema = z.strictObject({
  id: idSchema,
  /** Where the criterion comes from: WTO TFA Art. 7.7, WCO SAFE 2021 conditions A–M, or the programme itself. */
  source: z.enum(['tfa', 'safe', 'programme']),
  /** The SAFE condition letter (A–M) or another short code shown beside the title. */
  code: z.string().min(1).max(10).optional(),
  title: localisedTextSchema,
  description: localisedTextSchema,
});
export type Criterion = z.infer<typeof criterionSchema>;

export interface AnswerCondition {
  question: string;
  equals?: string | number | boolean | undefined;
  in?: string[] | undefined;
  isTrue?: boolean | undefined;
}

/**
 * A condition is an object with exactly one key. It is not a zod union on purpose: a union reports "invalid
 * input" for the whole object, whereas one object with optional keys reports the exact field that is wrong.
 */
export interface Condition {
  all?: Condition[] | undefined;
  any?: Condition[] | undefined;
  not?: Condition | undefined;
  answer?: AnswerCondition | undefined;
  authorisationTypeIn?: string[] | undefined;
  operatorRoleIn?: OperatorRole[] | undefined;
  isSme?: boolean | undefined;
}

export const CONDITION_KEYS = [
  'all',
  'any',
  'not',
  'answer',
  'authorisationTypeIn',
  'operatorRoleIn',
  'isSme',
] as const;

const answerConditionSchema = z
  .strictObject({
    question: idSchema,
    equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
    in: z.array(z.string()).min(1).optional(),
    isTrue: z.boolean().optional(),
  })
  .superRefine((value, ctx) => {
    const tests = [value.equals, value.in, value.isTrue].filter((test) => test !== undefined).length;
    if (tests !== 1) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of "equals", "in" or "isTrue"' });
    }
  });

export const conditionSchema: z.ZodType<Condition> = z
  .strictObject({
    get all() {
      return z.array(conditionSchema).min(1).optional();
    },
    get any() {
      return z.array(conditionSchema).min(1).optional();
    },
    get not() {
      return conditionSchema.optional();
    },
    answer: answerConditionSchema.optional(),
    authorisationTypeIn: z.array(idSchema).min(1).optional(),
    operatorRoleIn: z.array(operatorRoleSchema).min(1).optional(),
    isSme: z.boolean().optional(),
  })
  .superRefine((value, ctx) => {
    const keys = CONDITION_KEYS.filter((key) => value[key] !== undefined);
    if (keys.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `a condition has exactly one of ${CONDITION_KEYS.join(', ')} (found ${keys.length === 0 ? 'none' : keys.join(', ')})`,
      });
    }
  })
  // Conditions nest: the OpenAPI document can only refer to one by a component id.
  .meta({ id: 'ProgrammeCondition' });

export const optionSchema = z.strictObject({
  id: idSchema,
  label: localisedTextSchema,
});
export type Option = z.infer<typeof optionSchema>;

export const columnSchema = z.strictObject({
  id: idSchema,
  title: localisedTextSchema,
  type: z.enum(COLUMN_TYPES, {
    error: (issue) =>
      `unknown column type ${JSON.stringify(issue.input)} (expected one of ${COLUMN_TYPES.join(', ')})`,
  }),
  required: z.boolean().default(true),
  options: z.array(optionSchema).min(2).optional(),
  maxLength: z.number().int().positive().optional(),
});
export type Column = z.infer<typeof columnSchema>;

/** Points a scored question gives its area (score-based programmes such as kr-grades). */
export const questionScoringSchema = z.strictObject({
  area: idSchema,
  /** For yes/no questions. */
  yes: z.number().min(0).optional(),
  no: z.number().min(0).optional(),
  /** For choice questions: points per option id. */
  options: z.record(z.string(), z.number().min(0)).optional(),
});
export type QuestionScoring = z.infer<typeof questionScoringSchema>;

/** Plainer wording and lighter evidence for the SME variant; the criteria evidenced stay the same. */
export const smeAdaptationSchema = z.strictObject({
  title: localisedTextSchema.optional(),
  help: localisedTextSchema.optional(),
  /** For file questions: a written description may stand in for documents. */
  allowDescription: z.boolean().optional(),
});

export const questionSchema = z
  .strictObject({
    id: idSchema,
    type: answerTypeSchema,
    title: localisedTextSchema,
    help: localisedTextSchema.optional(),
    required: z.boolean().default(true),
    /** The criteria this answer is evidence for; reviewers read answers criterion by criterion. */
    criteria: z.array(z.string()).min(1, 'a question must evidence at least one criterion'),
    variants: z
      .array(variantSchema)
      .min(1)
      .default([...VARIANTS]),
    condition: conditionSchema.optional(),
    options: z.array(optionSchema).min(2, 'a choice needs at least two options').optional(),
    columns: z.array(columnSchema).min(1).optional(),
    minRows: z.number().int().min(0).optional(),
    maxRows: z.number().int().positive().optional(),
    maxLength: z.number().int().positive().max(100_000).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().optional(),
    maxFiles: z.number().int().positive().max(100).optional(),
    /** For file questions: a description may stand in for documents (set per variant through `sme`). */
    allowDescription: z.boolean().optional(),
    sme: smeAdaptationSchema.optional(),
    scoring: questionScoringSchema.optional(),
  })
  .superRefine((q, ctx) => {
    const isChoice = q.type === 'choice' || q.type === 'multi_choice';
    if (isChoice && q.options === undefined) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${q.type} question needs options` });
    }
    if (!isChoice && q.options !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'options are only for choice and multi_choice questions',
      });
    }
    if (q.type === 'table' && q.columns === undefined) {
      ctx.addIssue({ code: 'custom', path: ['columns'], message: 'a table question needs typed columns' });
    }
    if (q.type !== 'table' && q.columns !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['columns'], message: 'columns are only for table questions' });
    }
    if (q.maxLength !== undefined && q.type !== 'text') {
      ctx.addIssue({ code: 'custom', path: ['maxLength'], message: 'maxLength is only for text questions' });
    }
    if ((q.allowDescription !== undefined || q.sme?.allowDescription !== undefined) && q.type !== 'file') {
      ctx.addIssue({
        code: 'custom',
        path: ['allowDescription'],
        message: 'allowDescription is only for file questions',
      });
    }
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'max is below min' });
    }
  });
export type Question = z.infer<typeof questionSchema>;

export const sectionSchema = z.strictObject({
  id: idSchema,
  title: localisedTextSchema,
  description: localisedTextSchema.optional(),
  /** A section's condition applies to each of its questions (e.g. conveyance security only for carriers). */
  condition: conditionSchema.optional(),
  questions: z.array(questionSchema).min(1),
});
export type Section = z.infer<typeof sectionSchema>;

const fractionSchema = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');

/**
 * The benefits of a tier. The numeric ones are read by the risk engine: `inspectionRateFactor` 0.2 means a fifth
 * of a non-AEO's chance of physical selection; 1 means no facilitation.
 */
export const benefitsSchema = z.strictObject({
  inspectionRateFactor: fractionSchema,
  documentaryCheckRateFactor: fractionSchema.optional(),
  priorityTreatment: z.boolean(),
  priorNotice: z.boolean(),
  documentarySimplifications: z.boolean(),
  /** Share of the customs guarantee waived: 0 = none, 0.5 = halved, 1 = waived. */
  guaranteeReduction: fractionSchema,
  mutualRecognition: z.boolean(),
  /** Benefits described for people; the flags above are what software acts on. */
  described: z.array(z.strictObject({ id: idSchema, title: localisedTextSchema })).default([]),
});
export type Benefits = z.infer<typeof benefitsSchema>;

export const tierRuleSchema = z.strictObject({
  /** Criteria whose finding must be "satisfied". */
  criteria: z.array(z.string()).default([]),
  /** Minimum area scores (0–100) for score-based programmes. */
  minScores: z.array(z.strictObject({ area: idSchema, min: z.number().min(0).max(100) })).default([]),
});
export type TierRule = z.infer<typeof tierRuleSchema>;

export const tierSchema = z.strictObject({
  id: idSchema,
  title: localisedTextSchema,
  /** Higher ranks are better; the proposal is the highest-ranked tier whose rule holds. */
  rank: z.number().int().min(0),
  rule: tierRuleSchema,
  benefits: benefitsSchema,
});
export type Tier = z.infer<typeof tierSchema>;

export const authorisationTypeSchema = z.strictObject({
  id: idSchema,
  title: localisedTextSchema,
  description: localisedTextSchema,
  /** The criteria an application for this type is assessed on; each must be evidenced in every variant. */
  criteria: z.array(z.string()).min(1),
  tiers: z
    .array(tierSchema)
    .min(1, 'a type needs at least one tier (use one tier for a programme without grades)'),
});
export type AuthorisationType = z.infer<typeof authorisationTypeSchema>;

export const durationSchema = z.strictObject({
  amount: z.number().int().min(0),
  unit: z.enum(['days', 'months', 'years']),
});

export const clocksSchema = z.strictObject({
  /** Whether day counts below are calendar or working days (working days skip weekends and `holidays`). */
  dayCount: z.enum(['calendar', 'working']),
  daysToAccept: z.number().int().positive(),
  daysToDecide: z.number().int().positive(),
  extensionDays: z.number().int().min(0),
  daysUntilEffect: z.number().int().min(0),
  requestForInformationReplyDays: z.number().int().positive(),
  /** Whether the decision clock stops while the applicant is asked for information. */
  pauseWhileInformationRequested: z.boolean(),
  rightToBeHeardDays: z.number().int().positive(),
  appealDays: z.number().int().positive(),
  reapplicationBarAfterRevocation: durationSchema,
  /** Optional: how long a rejected applicant waits before applying again for the same type (no bar when absent). */
  reapplicationBarAfterRejection: durationSchema.optional(),
  /** Public holidays the working-day count skips; an administration keeps this list current. */
  holidays: z.array(dateSchema).default([]),
});
export type Clocks = z.infer<typeof clocksSchema>;

export const signOffLevelSchema = z.strictObject({
  id: idSchema,
  title: localisedTextSchema,
  /** The customs roles that may sign at this level. */
  roles: z.array(z.enum(['validator', 'aeo_manager'])).min(1),
  /** Whether the signer must belong to the headquarters office. */
  headquarters: z.boolean().default(false),
});
export type SignOffLevel = z.infer<typeof signOffLevelSchema>;

/** One senior signature unless the programme asks for more. */
export const DEFAULT_SIGN_OFF: { levels: SignOffLevel[] } = {
  levels: [
    {
      id: 'senior',
      title: { en: 'Senior officer', ru: 'Старшее должностное лицо' },
      roles: ['aeo_manager'],
      headquarters: false,
    },
  ],
};

/** The signatures a validation report needs before the decision, in order; each by another person. */
export const signOffSchema = z
  .strictObject({ levels: z.array(signOffLevelSchema).min(1).max(5) })
  .superRefine((value, ctx) => {
    const ids = value.levels.map((level) => level.id);
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index)
        ctx.addIssue({ code: 'custom', path: ['levels', index, 'id'], message: 'level ids must be unique' });
    });
  });

export const smeRuleSchema = z.strictObject({
  /** An SME has fewer employees than this. */
  employeesBelow: z.number().int().positive(),
  /** And an annual turnover at most this, in `currency`. */
  annualTurnoverAtMost: z.number().positive(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'use an ISO 4217 currency code'),
  description: localisedTextSchema,
});
export type SmeRule = z.infer<typeof smeRuleSchema>;

export const variantDefinitionSchema = z.strictObject({
  id: variantSchema,
  title: localisedTextSchema,
  description: localisedTextSchema,
});

export const readinessItemSchema = z.strictObject({
  id: idSchema,
  criterion: z.string(),
  question: localisedTextSchema,
  /** What to prepare when the answer is "no". */
  advice: localisedTextSchema,
});
export type ReadinessItem = z.infer<typeof readinessItemSchema>;

export const riskEntrySchema = z.strictObject({
  id: idSchema,
  criterion: z.string(),
  title: localisedTextSchema,
  description: localisedTextSchema,
  typicalControls: z.array(localisedTextSchema).min(1),
});
export type RiskEntry = z.infer<typeof riskEntrySchema>;

export const scoreAreaSchema = z.strictObject({
  id: idSchema,
  title: localisedTextSchema,
});

export const certificateSchema = z.strictObject({
  /** Regular expression every certificate or register number must match. */
  numberPattern: z.string().min(1),
  numberExample: z.string().min(1),
  description: localisedTextSchema,
  validityYears: z.number().int().positive().optional(),
});

export const programmeDefinitionSchema = z.strictObject({
  id: idSchema,
  version: z.string().min(1),
  name: localisedTextSchema,
  description: localisedTextSchema,
  legalBasis: z.array(localisedTextSchema).default([]),
  currency: z.string().regex(/^[A-Z]{3}$/, 'use an ISO 4217 currency code'),
  criteria: z.array(criterionSchema).min(1),
  authorisationTypes: z.array(authorisationTypeSchema).min(1),
  variants: z.array(variantDefinitionSchema).min(1),
  sme: smeRuleSchema,
  clocks: clocksSchema,
  signOff: signOffSchema.default(DEFAULT_SIGN_OFF),
  scoring: z.strictObject({ areas: z.array(scoreAreaSchema).min(1) }).optional(),
  certificate: certificateSchema.optional(),
  questionnaire: z.strictObject({ sections: z.array(sectionSchema).min(1) }),
  readiness: z.array(readinessItemSchema).min(1),
  riskCatalogue: z.array(riskEntrySchema).default([]),
});
export type ProgrammeDefinition = z.infer<typeof programmeDefinitionSchema>;
/** The file as written (defaults not yet applied). */
export type ProgrammeDefinitionInput = z.input<typeof programmeDefinitionSchema>;
