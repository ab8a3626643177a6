import { z } from 'zod';
import { trustListJsonSchema, VERIFICATION_BUNDLE_FORMAT } from '../../../trust-core';
import { AUTHORISATION_STATUSES, REGISTER_STATUSES, VERIFICATION_RESULTS } from '../../../vocabulary';
import { authorisationStatusSchema } from '../authorisations/authorisations.schemas';

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

export const verificationResultSchema = z.enum(VERIFICATION_RESULTS);

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
  status: z.enum(AUTHORISATION_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const operatorParamsSchema = z.object({ operatorId: z.uuid() });

export const consentBodySchema = z.strictObject({ isPublished: z.boolean() });

// ----- responses ------------------------------------------------------------------------------------------------

const isoDateTime = z.iso.datetime();
const isoDate = z.iso.date();
const hexHash = z.string().describe('Hex SHA-256');
const compactJws = z.string().describe('Compact JWS');

export const signingAlgorithmSchema = z.enum(['EdDSA', 'ES256']);
export const keyStatusSchema = z.enum(['active', 'retired']);

/** A public signing key as a JWK; a JWK is open-ended by standard, so members we do not list pass through. */
export const signingJwkSchema = z
  .object({
    kty: z.string(),
    crv: z.string(),
    x: z.string(),
    y: z.string().optional(),
    kid: z.string(),
    alg: signingAlgorithmSchema,
    use: z.literal('sig'),
    /** Ours, not the JWK standard's: retired keys stay published so what they signed still verifies. */
    status: keyStatusSchema,
  })
  .loose()
  .meta({ id: 'SigningJwk' });
export type SigningJwkDto = z.infer<typeof signingJwkSchema>;

export const jwksSchema = z
  .object({ keys: z.array(signingJwkSchema) })
  .loose()
  .meta({ id: 'Jwks' });
export type JwksDto = z.infer<typeof jwksSchema>;

/** did:web document (W3C DID Core): the fields we send; anything else in it passes through. */
export const didDocumentSchema = z
  .object({
    '@context': z.array(z.string()),
    id: z.string(),
    verificationMethod: z.array(
      z
        .object({
          id: z.string(),
          type: z.literal('JsonWebKey'),
          controller: z.string(),
          publicKeyJwk: z
            .object({ kty: z.string(), crv: z.string(), x: z.string(), y: z.string().optional() })
            .loose(),
        })
        .loose(),
    ),
    assertionMethod: z.array(z.string()),
  })
  .loose()
  .meta({ id: 'DidDocument' });
export type DidDocumentDto = z.infer<typeof didDocumentSchema>;

/** Exactly the format `openaeo verify --trust-list` and verification bundles read: one schema for both. */
export const trustListSchema = trustListJsonSchema.meta({ id: 'TrustList' });

export const signingKeySchema = z
  .object({
    kid: z.string(),
    alg: signingAlgorithmSchema,
    status: keyStatusSchema,
    privateKeySource: z.enum(['file', 'data_dir']),
    createdAt: isoDateTime,
    retiredAt: isoDateTime.nullable(),
  })
  .meta({ id: 'SigningKey' });
export type SigningKeyDto = z.infer<typeof signingKeySchema>;

export const signingKeyListSchema = z.object({ items: z.array(signingKeySchema) });

export const keyRotationSchema = z.object({ kid: z.string(), keys: z.array(signingKeySchema) });

export const logProofSchema = z
  .object({
    leafIndex: z.number().int(),
    treeSize: z.number().int(),
    /** Node hashes, leaf side first. */
    auditPath: z.array(hexHash),
    checkpoint: compactJws.describe('Signed checkpoint (checkpoint+jwt) the path leads to'),
  })
  .meta({ id: 'LogProof' });

/** GET /authorisations/{id}/certificate: the certificate and all an offline verifier needs (a verification bundle). */
export const certificateBundleSchema = z
  .object({
    format: z.literal(VERIFICATION_BUNDLE_FORMAT),
    credential: compactJws,
    certificateId: z.string(),
    certificateNumber: z.string(),
    authorisationId: z.uuid(),
    status: authorisationStatusSchema,
    validFrom: isoDateTime,
    validUntil: isoDateTime,
    issuedAt: isoDateTime,
    kid: z.string(),
    credentialHash: hexHash,
    /** The text of the certificate's QR code (AEO1…: the credential compressed, or a reference). */
    qrPayload: z.string(),
    trustList: trustListSchema,
    statusLists: z.array(compactJws),
    logProof: logProofSchema,
  })
  .meta({ id: 'CertificateBundle' });
export type CertificateBundleDto = z.infer<typeof certificateBundleSchema>;

/** A status list credential as sent: the compact JWS itself, not JSON. */
export const statusListResponse = {
  description: 'Bitstring status list credential, a compact JWS (vc+jwt).',
  content: { 'application/vc+jwt': { schema: compactJws } },
};

export const logCheckpointSchema = z
  .object({
    origin: z.string(),
    treeSize: z.number().int(),
    rootHash: hexHash,
    timestamp: isoDateTime,
    kid: z.string(),
    checkpoint: compactJws,
  })
  .meta({ id: 'LogCheckpoint' });
export type LogCheckpointDto = z.infer<typeof logCheckpointSchema>;

// A leaf's hash is over its entry as stored (canonical JSON): every member passes through, and members are listed
// in canonical (sorted) order because the serializer writes them in schema order.
const certificateLogEntrySchema = z
  .object({
    at: z.string(),
    certificateId: z.string(),
    credentialHash: hexHash,
    kind: z.enum(['issuance', 'suspension', 'reinstatement', 'revocation']),
  })
  .loose();

const auditCheckpointLogEntrySchema = z
  .object({
    at: z.string(),
    headHash: hexHash,
    kind: z.literal('audit_checkpoint'),
    origin: z.string(),
    size: z.number().int(),
  })
  .loose();

export const logEntrySchema = z
  .discriminatedUnion('kind', [certificateLogEntrySchema, auditCheckpointLogEntrySchema])
  .meta({ id: 'LogEntry' });
export type LogEntryDto = z.infer<typeof logEntrySchema>;

export const logLeafSchema = z
  .object({ leafIndex: z.number().int(), leafHash: hexHash, entry: logEntrySchema })
  .meta({ id: 'LogLeaf' });
export type LogLeafDto = z.infer<typeof logLeafSchema>;

export const logLeafListSchema = z.object({ items: z.array(logLeafSchema) });

export const inclusionProofSchema = z.object({
  leafIndex: z.number().int(),
  treeSize: z.number().int(),
  leafHash: hexHash,
  entry: logEntrySchema,
  auditPath: z.array(hexHash),
  checkpoint: compactJws,
});
export type InclusionProofDto = z.infer<typeof inclusionProofSchema>;

export const consistencyProofSchema = z.object({
  fromSize: z.number().int(),
  toSize: z.number().int(),
  proof: z.array(hexHash),
  fromCheckpoint: compactJws,
  toCheckpoint: compactJws,
});
export type ConsistencyProofDto = z.infer<typeof consistencyProofSchema>;

export const registerEntrySchema = z
  .object({
    legalName: z.string(),
    operatorId: z.string().describe("The holder's taxpayer id"),
    country: z.string(),
    authorisationType: z.string(),
    tier: z.string(),
    certificateNumber: z.string(),
    status: z.enum(REGISTER_STATUSES),
    validFrom: isoDate,
    validUntil: isoDate,
  })
  .meta({ id: 'RegisterEntry' });
export type RegisterEntryDto = z.infer<typeof registerEntrySchema>;

export const registerSearchResultSchema = z.object({
  total: z.number().int(),
  /** The search matched more than `total` (counts stop at a limit). */
  isTotalCapped: z.boolean(),
  items: z.array(registerEntrySchema),
});

export const registerConsentSchema = z
  .object({ operatorId: z.uuid(), isPublished: z.boolean(), updatedAt: isoDateTime.nullable() })
  .meta({ id: 'RegisterConsent' });
export type RegisterConsentDto = z.infer<typeof registerConsentSchema>;
