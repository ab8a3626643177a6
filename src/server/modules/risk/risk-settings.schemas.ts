import { z } from 'zod';
import { selectionPolicySchema } from '../../../risk-engine/policy/index';
import { localizedTextSchema, ruleSchema } from '../../../risk-engine/rules/index';
import { TRADER_STATUSES } from '../../../vocabulary';

const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'id: 1–64 letters, digits, ".", "_", "-"');

export const profileBodySchema = z.strictObject({
  id: idSchema,
  name: z.string().trim().min(1).max(200),
  description: localizedTextSchema,
});

export const profileUpdateSchema = profileBodySchema.omit({ id: true });

/** A rule as analysts send it: the engine's format; the owner comes from the profile it belongs to. */
export const ruleBodySchema = ruleSchema;
export type RuleBody = z.infer<typeof ruleBodySchema>;

export const ruleParamsSchema = z.object({ id: idSchema });
export const profileParamsSchema = z.object({ profileId: idSchema });

/** A budget: the engine's selection policy for one office (or '*' for every office without its own). */
export const officeParamsSchema = z.object({
  office: z.union([z.literal('*'), z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'office code')]),
});

export const policyBodySchema = z.preprocess(
  // The id and office follow from the path; a body without an id is fine.
  (value) =>
    typeof value === 'object' && value !== null && !('id' in value) ? { ...value, id: 'budget' } : value,
  selectionPolicySchema,
);
export type PolicyBody = z.output<typeof policyBodySchema>;

export const trustedTraderBodySchema = z.strictObject({
  status: z.enum(TRADER_STATUSES),
  authorisationType: z.string().trim().min(1).max(80),
  tier: z.string().trim().min(1).max(80),
  source: z.enum(['national', 'mra']),
  partner: z
    .string()
    .regex(/^[A-Z]{2}$/, 'partner administration as an ISO 3166-1 alpha-2 code, e.g. KR')
    .nullable()
    .optional(),
  legalName: z.string().trim().min(1).max(300).nullable().optional(),
  inspectionFactor: z.number().min(0).max(1).nullable().optional(),
  validUntil: z.iso.date().nullable().optional(),
});
export type TrustedTraderBody = z.infer<typeof trustedTraderBodySchema>;

export const partyParamsSchema = z.object({ partyId: z.string().trim().min(1).max(64) });

/** The CSV layout of a trusted-trader import, header names as written in the first line. */
export const TRUSTED_TRADER_COLUMNS = [
  'party_id',
  'status',
  'authorisation_type',
  'tier',
  'source',
  'partner',
  'legal_name',
  'inspection_factor',
  'valid_until',
] as const;

// ----- responses ------------------------------------------------------------------------------------------------

const localizedOutputSchema = z.object({ en: z.string(), ru: z.string() });

export const riskProfileSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: localizedOutputSchema,
    owner: z.enum(['customs', 'agency']),
    agency: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'RiskProfile' });
export type RiskProfileDto = z.infer<typeof riskProfileSchema>;

export const ruleHitStatisticsSchema = z.object({
  total: z.number().int(),
  last30Days: z.number().int(),
  /** The last day the rule hit, YYYY-MM-DD. */
  lastHit: z.string().nullable(),
});
export type RuleHitStatistics = z.infer<typeof ruleHitStatisticsSchema>;

/** A stored rule: the engine's format (stored rules passed it), its version for If-Match and its hits. */
export const storedRuleSchema = z
  .object({
    id: z.string(),
    profileId: z.string(),
    rule: ruleSchema,
    version: z.number().int(),
    updatedAt: z.string(),
    hits: ruleHitStatisticsSchema,
  })
  .meta({ id: 'StoredRule' });
export type StoredRuleDto = z.infer<typeof storedRuleSchema>;

export const riskProfileWithRulesSchema = riskProfileSchema
  .extend({ isEditable: z.boolean(), rules: z.array(storedRuleSchema) })
  .meta({ id: 'RiskProfileWithRules' });
export type RiskProfileWithRulesDto = z.infer<typeof riskProfileWithRulesSchema>;

export const riskProfileListSchema = z.object({ items: z.array(riskProfileWithRulesSchema) });

export const ruleHistoryEntrySchema = z.object({
  at: z.string(),
  action: z.string(),
  actor: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
});
export type RuleHistoryEntryDto = z.infer<typeof ruleHistoryEntrySchema>;

export const ruleHistorySchema = z.object({ items: z.array(ruleHistoryEntrySchema) });

export const budgetEntrySchema = z
  .object({
    office: z.string(),
    policy: selectionPolicySchema,
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'BudgetEntry' });
export type BudgetEntryDto = z.infer<typeof budgetEntrySchema>;

export const budgetListSchema = z.object({
  items: z.array(budgetEntrySchema),
  /** The built-in policy in force while no '*' budget is stored. */
  defaultPolicy: selectionPolicySchema.nullable(),
});
export type BudgetListDto = z.infer<typeof budgetListSchema>;

/** A budget as saved: the answer of PUT, without the time of the change. */
export const savedBudgetSchema = budgetEntrySchema.omit({ updatedAt: true }).meta({ id: 'SavedBudget' });
export type SavedBudgetDto = z.infer<typeof savedBudgetSchema>;

export const trustedTraderSchema = z
  .object({
    partyId: z.string(),
    status: z.enum(TRADER_STATUSES),
    authorisationType: z.string(),
    tier: z.string(),
    source: z.enum(['national', 'mra']),
    partner: z.string().nullable(),
    legalName: z.string().nullable(),
    inspectionFactor: z.number().nullable(),
    /** The factor the engine applies: the entry's own, else the programme's for the tier. */
    effectiveInspectionFactor: z.number(),
    validUntil: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'TrustedTrader' });
export type TrustedTraderDto = z.infer<typeof trustedTraderSchema>;

export const trustedTraderListSchema = z.object({ items: z.array(trustedTraderSchema) });

export const trustedTraderImportSchema = z.object({ imported: z.number().int() });
