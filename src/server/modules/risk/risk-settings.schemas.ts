import { z } from 'zod';
import { selectionPolicySchema } from '../../../risk-engine/policy/index';
import { localizedTextSchema, ruleSchema } from '../../../risk-engine/rules/index';

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
  status: z.enum(['active', 'suspended', 'revoked', 'expired']),
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
