import { z } from 'zod';
import { channelSchema } from '../policy/channel';
import { ruleFieldNames, ruleFields, type RuleField } from './rule-fields';

/**
 * The rule format. The server validates rules coming from the API against these schemas, so every refinement
 * reports the path of the offending field; the evaluator assumes rules have passed them.
 */

export const localizedTextSchema = z.object({
  en: z.string().min(1).max(2000),
  ru: z.string().min(1).max(2000),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

const isoDateSchema = z.iso.date();

export const agencyCodeSchema = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9_-]{1,31}$/, 'agency code: 2–32 capitals, digits, "_" or "-", e.g. SPS');

/** Who maintains a rule: customs itself or a partner government agency sharing the engine. */
export const ruleOwnerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('customs') }),
  z.object({ kind: z.literal('agency'), agency: agencyCodeSchema }),
]);
export type RuleOwner = z.infer<typeof ruleOwnerSchema>;

export const ruleFieldSchema = z.enum(ruleFieldNames);

const scalarSchema = z.union([z.string().min(1).max(200), z.number().finite(), z.boolean()]);
export type RuleScalar = z.infer<typeof scalarSchema>;

const hsDigitsSchema = z.string().regex(/^\d{2,10}$/, 'HS code prefix: 2 to 10 digits');

export type RuleCondition =
  | { kind: 'equals'; field: RuleField; value: RuleScalar }
  | { kind: 'in'; field: RuleField; values: RuleScalar[] }
  | { kind: 'hsPrefix'; prefixes: string[] }
  | { kind: 'hsRange'; from: string; to: string }
  | { kind: 'range'; field: RuleField; min?: number | undefined; max?: number | undefined }
  | { kind: 'missingPermit'; pattern?: string | undefined; document?: LocalizedText | undefined }
  | { kind: 'all'; conditions: RuleCondition[] }
  | { kind: 'any'; conditions: RuleCondition[] }
  | { kind: 'not'; condition: RuleCondition };

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source, 'iu');
    return true;
  } catch {
    return false;
  }
}

function scalarMatchesField(field: RuleField, value: RuleScalar): boolean {
  return typeof value === ruleFields[field].type;
}

const equalsConditionSchema = z
  .object({ kind: z.literal('equals'), field: ruleFieldSchema, value: scalarSchema })
  .superRefine((c, ctx) => {
    if (!scalarMatchesField(c.field, c.value)) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `${c.field} is a ${ruleFields[c.field].type}; got a ${typeof c.value}`,
      });
    }
  });

const inConditionSchema = z
  .object({
    kind: z.literal('in'),
    field: ruleFieldSchema,
    values: z.array(scalarSchema).min(1).max(100_000),
  })
  .superRefine((c, ctx) => {
    c.values.forEach((value, index) => {
      if (!scalarMatchesField(c.field, value)) {
        ctx.addIssue({
          code: 'custom',
          path: ['values', index],
          message: `${c.field} is a ${ruleFields[c.field].type}; got a ${typeof value}`,
        });
      }
    });
  });

const hsPrefixConditionSchema = z.object({
  kind: z.literal('hsPrefix'),
  prefixes: z.array(hsDigitsSchema).min(1).max(10_000),
});

const hsRangeConditionSchema = z
  .object({ kind: z.literal('hsRange'), from: hsDigitsSchema, to: hsDigitsSchema })
  .superRefine((c, ctx) => {
    if (c.from.length !== c.to.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'from and to must have the same number of digits',
      });
    } else if (c.from > c.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must not precede from' });
    }
  });

const rangeConditionSchema = z
  .object({
    kind: z.literal('range'),
    field: ruleFieldSchema,
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
  })
  .superRefine((c, ctx) => {
    if (ruleFields[c.field].type !== 'number') {
      ctx.addIssue({ code: 'custom', path: ['field'], message: `${c.field} is not numeric` });
    }
    if (c.min === undefined && c.max === undefined) {
      ctx.addIssue({ code: 'custom', path: ['min'], message: 'give min, max or both' });
    }
    if (c.min !== undefined && c.max !== undefined && c.min > c.max) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'max must not be below min' });
    }
  });

const missingPermitConditionSchema = z.object({
  kind: z.literal('missingPermit'),
  /** Case-insensitive regular expression a presented permit reference must match; any permit counts without it. */
  pattern: z
    .string()
    .min(1)
    // Short patterns keep a careless expression from becoming a slow one on every declaration.
    .max(200)
    .refine(isValidRegex, 'not a valid regular expression')
    .optional(),
  /** What the permit is called, for the sentence explaining the hit. */
  document: localizedTextSchema.optional(),
});

export const ruleConditionSchema: z.ZodType<RuleCondition> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    equalsConditionSchema,
    inConditionSchema,
    hsPrefixConditionSchema,
    hsRangeConditionSchema,
    rangeConditionSchema,
    missingPermitConditionSchema,
    z.object({ kind: z.literal('all'), conditions: z.array(ruleConditionSchema).min(1).max(1000) }),
    z.object({ kind: z.literal('any'), conditions: z.array(ruleConditionSchema).min(1).max(1000) }),
    z.object({ kind: z.literal('not'), condition: ruleConditionSchema }),
  ]),
);
// Recursive, so the OpenAPI document can only reference it: the id makes it a component.
z.globalRegistry.add(ruleConditionSchema, { id: 'RuleCondition' });

export const ruleActionSchema = z
  .object({
    /** The least intrusive channel the declaration may get; the model may still raise it. */
    minimumChannel: channelSchema.optional(),
    /** Added to the model's fraud probability (clamped to 0..1) before ranking. */
    scoreAdjustment: z.number().min(-1).max(1).optional(),
    /** Agency to tell about the hit (e.g. through the single window). */
    notifyAgency: agencyCodeSchema.optional(),
  })
  .refine(
    (a) => a.minimumChannel !== undefined || a.scoreAdjustment !== undefined || a.notifyAgency !== undefined,
    { message: 'an action needs a minimum channel, a score adjustment or an agency to notify' },
  );
export type RuleAction = z.infer<typeof ruleActionSchema>;

const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'id: 1–64 letters, digits, ".", "_", "-"');

export const ruleSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(200),
    description: localizedTextSchema,
    owner: ruleOwnerSchema,
    /** First day the rule applies (inclusive), YYYY-MM-DD. */
    validFrom: isoDateSchema.optional(),
    /** Last day the rule applies (inclusive), YYYY-MM-DD. */
    validTo: isoDateSchema.optional(),
    /** Switched-off rules stay in the profile (and its history) but never hit. */
    enabled: z.boolean().optional(),
    condition: ruleConditionSchema,
    action: ruleActionSchema,
  })
  .superRefine((r, ctx) => {
    if (r.validFrom !== undefined && r.validTo !== undefined && r.validFrom > r.validTo) {
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'validTo must not precede validFrom' });
    }
  });
export type Rule = z.infer<typeof ruleSchema>;

export const ruleProfileSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(200),
    description: localizedTextSchema,
    owner: ruleOwnerSchema,
    rules: z.array(ruleSchema).max(100_000),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.rules.forEach((rule, index) => {
      if (seen.has(rule.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'id'],
          message: `duplicate rule id ${rule.id}`,
        });
      }
      seen.add(rule.id);
    });
  });
export type RuleProfile = z.infer<typeof ruleProfileSchema>;
