import { z } from 'zod';
import type { Declaration, Reason } from '../../../risk-engine/index';
import { agencyCodeSchema } from '../../../risk-engine/rules/index';
import type { FieldError } from '../../platform/errors';
import { CHANNELS } from '../../../vocabulary';

/**
 * A declaration as a single window sends it (the engine's `Declaration` contract, WCO Data Model level). Codes
 * are short strings; numbers must be finite and non-negative, so a malformed value is a named 400, never a NaN
 * that poisons the calibration window.
 */
const code = (max = 35) => z.string().trim().min(1).max(max);
const country = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code, e.g. KZ');
const amount = z.number().finite().min(0).max(1e15);

/** The optional codes of a declaration's header: the customs procedure, the payment and the transport. */
const HEADER_CODES = ['processType', 'importType', 'importUse', 'paymentType', 'transportMode'] as const;
/** The parties a declaration may name besides the importer. */
const OTHER_PARTIES = ['seller', 'declarant', 'carrier'] as const;
/** The countries a goods item may name, and its quantities besides the value. */
const ITEM_COUNTRIES = ['originCountry', 'departureCountry'] as const;
const ITEM_QUANTITIES = ['netMassKg', 'quantity'] as const;
/** What an inspection result says in words, when given. */
const INSPECTION_TEXTS = ['notes', 'officer', 'agency'] as const;

/** The same kind of field under each of `keys`, one schema each (`field` makes it). */
function fieldsOf<K extends string, S extends z.ZodType>(keys: readonly K[], field: () => S) {
  return Object.fromEntries(keys.map((key) => [key, field()])) as Record<K, S>;
}

const partySchema = z.strictObject({
  scheme: z.enum(['tin', 'eori', 'aeo', 'other']),
  id: code(64),
  country: country.optional(),
  name: z.string().trim().min(1).max(300).optional(),
});

const goodsItemSchema = z.strictObject({
  hsCode: z.string().regex(/^\d{6,10}$/, 'HS code: 6 to 10 digits'),
  description: z.string().max(1000).optional(),
  ...fieldsOf(ITEM_COUNTRIES, () => country.optional()),
  customsValue: amount,
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 currency code, e.g. KZT'),
  ...fieldsOf(ITEM_QUANTITIES, () => amount.optional()),
  dutyRate: z.number().finite().min(0).max(1000).optional(),
  taxType: code().optional(),
  preferenceClaimed: z.boolean().optional(),
  originIndicator: code().optional(),
  permits: z.array(code(100)).max(50).optional(),
});

export const declarationSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'declaration id: 1–64 letters, digits, ".", "_", "-"'),
  date: z.iso.date(),
  office: code(32),
  ...fieldsOf(HEADER_CODES, () => code().optional()),
  importer: partySchema,
  ...fieldsOf(OTHER_PARTIES, () => partySchema.optional()),
  items: z.array(goodsItemSchema).min(1).max(999),
}) satisfies z.ZodType<Declaration>;

export const MAX_BATCH = 1000;

const batchSchema = z.strictObject({
  declarations: z
    .array(declarationSchema)
    .min(1, 'at least 1 declaration')
    .max(MAX_BATCH, `at most ${MAX_BATCH} declarations`),
});

/** One declaration, or `{ declarations: [...] }` with up to 1 000: the documented shape of the body. */
export const ingestBodySchema = z.union([batchSchema, declarationSchema]);
export type IngestBody = z.infer<typeof ingestBodySchema>;

export type ParsedIngestBody =
  { success: true; declarations: Declaration[]; isBatch: boolean } | { success: false; fields: FieldError[] };

/**
 * Validates a body (HTTP or stream) as the shape it was meant to be: a batch when it has a `declarations` key,
 * else one declaration. Errors then name that shape's fields (`date`, `importer.scheme`,
 * `declarations.3.items`, `declarations: at most 1000 declarations`) where the union would only say that neither
 * alternative matched. Paths are relative to the body.
 */
export function parseIngestBody(body: unknown): ParsedIngestBody {
  const isBatch = typeof body === 'object' && body !== null && !Array.isArray(body) && 'declarations' in body;
  const parsed = isBatch ? batchSchema.safeParse(body) : declarationSchema.safeParse(body);
  if (!parsed.success) {
    return {
      success: false,
      fields: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    };
  }
  return {
    success: true,
    isBatch,
    declarations: 'declarations' in parsed.data ? parsed.data.declarations : [parsed.data],
  };
}

const localizedSchema = z.object({ en: z.string(), ru: z.string() });

export const decisionSchema = z
  .object({
    declarationId: z.string(),
    channel: z.enum(CHANNELS),
    score: z.number(),
    scores: z.object({ fraud: z.number(), critical: z.number(), revenue: z.number() }),
    strategy: z.string(),
    explorationMode: z.enum(['random', 'uncertain']).optional(),
    reasons: z.array(localizedSchema),
    ruleHits: z.array(
      z.object({
        ruleId: z.string(),
        ruleName: z.string(),
        profileId: z.string().optional(),
        agency: z.string().nullable(),
        itemIndex: z.number().optional(),
        hsCode: z.string().optional(),
        reason: localizedSchema,
      }),
    ),
    aeoFacilitation: z
      .object({
        partyId: z.string(),
        type: z.string(),
        tier: z.string(),
        source: z.enum(['national', 'mra']),
        partner: z.string().optional(),
        factor: z.number(),
        keptOutOfModelSelection: z.boolean(),
      })
      .nullable(),
    agenciesToNotify: z.array(z.string()),
    policyId: z.string(),
    modelVersion: z.number().nullable(),
    decidedAt: z.string(),
    /** True when this is the stored decision of an earlier identical submission. */
    replayed: z.boolean(),
  })
  .meta({ id: 'Decision' });
export type DecisionDto = z.infer<typeof decisionSchema>;

export const idempotencyHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, 'Idempotency-Key: 1–200 visible ASCII characters')
    .optional(),
});

const findingSchema = z.strictObject({
  agency: agencyCodeSchema,
  found: z.boolean(),
  critical: z.boolean().default(false),
  officer: z.string().trim().min(1).max(200),
  notes: z.string().max(4000).optional(),
});

/**
 * An inspection result. A single-agency inspection may give the outcome directly; a joint inspection lists each
 * agency's findings and the outcome follows from them (found by any agency = found).
 */
export const inspectionResultSchema = z
  .strictObject({
    found: z.boolean().optional(),
    critical: z.boolean().optional(),
    dutyRecovered: amount.optional(),
    notes: z.string().max(4000).optional(),
    officer: z.string().trim().min(1).max(200).optional(),
    agency: agencyCodeSchema.optional(),
    findings: z.array(findingSchema).max(20).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.findings === undefined || body.findings.length === 0) {
      if (body.found === undefined)
        ctx.addIssue({ code: 'custom', path: ['found'], message: 'say whether anything was found' });
      if (body.officer === undefined)
        ctx.addIssue({ code: 'custom', path: ['officer'], message: 'name the inspecting officer' });
      return;
    }
    const seen = new Set<string>();
    body.findings.forEach((finding, index) => {
      if (seen.has(finding.agency))
        ctx.addIssue({
          code: 'custom',
          path: ['findings', index, 'agency'],
          message: 'one finding per agency',
        });
      seen.add(finding.agency);
    });
    const anyFound = body.findings.some((f) => f.found);
    if (body.found !== undefined && body.found !== anyFound) {
      ctx.addIssue({
        code: 'custom',
        path: ['found'],
        message: 'found must agree with the agencies’ findings (found when any agency found something)',
      });
    }
    if (body.critical === true && !anyFound)
      ctx.addIssue({ code: 'custom', path: ['critical'], message: 'critical needs a finding' });
  });
export type InspectionResultInput = z.infer<typeof inspectionResultSchema>;

export const declarationListQuerySchema = z.object({
  channel: z.enum(CHANNELS).optional(),
  strategy: z.string().max(40).optional(),
  office: z.string().max(32).optional(),
  importer: z.string().max(64).optional(),
  ruleId: z.string().max(64).optional(),
  inspected: z.enum(['true', 'false']).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** Cursor: the last row's `receivedAt|id` from the previous page. */
  before: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type DeclarationListQuery = z.infer<typeof declarationListQuerySchema>;

// ----- responses ------------------------------------------------------------------------------------------------
// Plain shapes without the input's refinements: a stored declaration goes back out exactly as it was kept.

const channelOutputSchema = z.enum(CHANNELS);
export const declarationSourceSchema = z.enum(['api', 'csv', 'stream', 'demo']);

const partyViewSchema = z.object({
  scheme: z.enum(['tin', 'eori', 'aeo', 'other']),
  id: z.string(),
  country: z.string().optional(),
  name: z.string().optional(),
});

const goodsItemViewSchema = z.object({
  hsCode: z.string(),
  description: z.string().optional(),
  ...fieldsOf(ITEM_COUNTRIES, () => z.string().optional()),
  customsValue: z.number(),
  currency: z.string(),
  ...fieldsOf(ITEM_QUANTITIES, () => z.number().optional()),
  dutyRate: z.number().optional(),
  taxType: z.string().optional(),
  preferenceClaimed: z.boolean().optional(),
  originIndicator: z.string().optional(),
  permits: z.array(z.string()).optional(),
});

export const declarationViewSchema = z
  .object({
    id: z.string(),
    date: z.string(),
    office: z.string(),
    ...fieldsOf(HEADER_CODES, () => z.string().optional()),
    importer: partyViewSchema,
    ...fieldsOf(OTHER_PARTIES, () => partyViewSchema.optional()),
    items: z.array(goodsItemViewSchema),
  })
  .meta({ id: 'CustomsDeclaration' }) satisfies z.ZodType<Declaration>;

export const declarationListItemSchema = z.object({
  id: z.string(),
  office: z.string(),
  date: z.string(),
  importerId: z.string(),
  source: declarationSourceSchema,
  receivedAt: z.string(),
  channel: channelOutputSchema,
  strategy: z.string(),
  score: z.number(),
  fraudScore: z.number(),
  criticalScore: z.number(),
  modelVersion: z.number().nullable(),
  ruleIds: z.array(z.string()),
  isAeo: z.boolean(),
  inspection: z.object({ found: z.boolean() }).nullable(),
});
export type DeclarationListItemDto = z.infer<typeof declarationListItemSchema>;

export const declarationPageSchema = z
  .object({ items: z.array(declarationListItemSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'DeclarationPage' });
export type DeclarationPageDto = z.infer<typeof declarationPageSchema>;

const inspectionFindingViewSchema = z.object({
  agency: z.string(),
  found: z.boolean(),
  critical: z.boolean(),
  officer: z.string(),
  notes: z.string().nullable(),
});

export const inspectionViewSchema = z
  .object({
    found: z.boolean(),
    critical: z.boolean(),
    dutyRecovered: z.number().nullable(),
    ...fieldsOf(INSPECTION_TEXTS, () => z.string().nullable()),
    recordedAt: z.string(),
    version: z.number().int(),
    findings: z.array(inspectionFindingViewSchema),
  })
  .meta({ id: 'InspectionResult' });
export type InspectionDto = z.infer<typeof inspectionViewSchema>;

/** One reason of the model: a feature group's contribution to a head's score, in words. */
const modelReasonSchema = z.object({
  head: z.enum(['fraud', 'critical']),
  topic: z.string(),
  contribution: z.number(),
  effect: z.enum(['raises', 'lowers']),
  text: z.string(),
  features: z.array(z.string()),
}) satisfies z.ZodType<Reason>;

const reasonsByLanguageSchema = z.object({ en: z.array(modelReasonSchema), ru: z.array(modelReasonSchema) });

export const declarationDetailSchema = z
  .object({
    declaration: declarationViewSchema,
    source: declarationSourceSchema,
    submittedBy: z.string().nullable(),
    decision: decisionSchema,
    /** The stored model's reasons; null when no model scored the declaration or the model is gone. */
    explanation: z.object({ fraud: reasonsByLanguageSchema, critical: reasonsByLanguageSchema }).nullable(),
    inspection: inspectionViewSchema.nullable(),
  })
  .meta({ id: 'DeclarationDetail' });
export type DeclarationDetailDto = z.infer<typeof declarationDetailSchema>;
export type ExplanationDto = DeclarationDetailDto['explanation'];
