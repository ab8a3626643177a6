import { z } from 'zod';

export const statusChangeBodySchema = z.strictObject({
  action: z.enum(['suspend', 'reinstate', 'revoke']),
  reason: z.string().trim().min(1).max(4000),
  remediationDeadline: z.iso.date().optional(),
});

export const statusPurposeParamsSchema = z.object({ purpose: z.enum(['suspension', 'revocation']) });

export const inclusionQuerySchema = z.object({
  leaf: z.coerce.number().int().min(0),
  treeSize: z.coerce.number().int().min(1).optional(),
});

export const consistencyQuerySchema = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1).optional(),
});

export const logEntriesQuerySchema = z.object({
  from: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** JSON form of POST /api/v1/verify; a PDF is sent as the body itself (Content-Type: application/pdf). */
export const verifyBodySchema = z.strictObject({
  credential: z.string().trim().min(1).max(100_000),
});

export const verificationResultSchema = z.enum([
  'VALID',
  'SUSPENDED',
  'REVOKED',
  'EXPIRED',
  'NOT_YET_VALID',
  'INVALID_SIGNATURE',
  'UNKNOWN_ISSUER',
  'STATUS_STALE',
]);

/** What the verified credential says; the page or screen that shows it must say the same. */
export const credentialSummarySchema = z.object({
  holder: z.object({ legalName: z.string(), operatorId: z.string(), operatorIdScheme: z.string() }),
  authorisationType: z.string(),
  tier: z.string().nullable(),
  certificateNumber: z.string().nullable(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
});

export const verifyResponseSchema = z.object({
  result: verificationResultSchema,
  reason: z.string(),
  message: z.string(),
  /** Only a credential is verified: for a PDF, the one embedded in it (`embedded_credential`), not the page. */
  verifiedScope: z.enum(['credential', 'embedded_credential']),
  credential: credentialSummarySchema.nullable(),
  scopeNotice: z.string(),
  details: z.record(z.string(), z.unknown()),
});

export const registerQuerySchema = z.object({
  q: z.string().trim().min(1).max(200).optional(),
  type: z.string().trim().min(1).max(80).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  status: z.enum(['active', 'suspended', 'revoked']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const operatorParamsSchema = z.object({ operatorId: z.uuid() });

export const consentBodySchema = z.strictObject({ isPublished: z.boolean() });
