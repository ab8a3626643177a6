import { z } from 'zod';
import { bytesToHex } from './byte-encoding';
import { verifyCredential, type LogProof, type VerificationResult } from './credential-verifier';
import type { MerkleLog } from './merkle-log';
import { TrustCoreError } from './trust-core-error';
import { TrustList, trustListJsonSchema, type TrustListJson } from './trust-list';

export const VERIFICATION_BUNDLE_FORMAT = 'openaeo-verification-bundle/1';

/**
 * Everything needed to verify one certificate with no network: the JWS, the trust list (issuer DIDs + JWKS), the
 * current status lists and, optionally, an inclusion proof against a signed log checkpoint.
 */
export interface VerificationBundle {
  format: typeof VERIFICATION_BUNDLE_FORMAT;
  credential: string;
  trustList: TrustListJson;
  statusLists: string[];
  logProof?: LogProof;
  /** Verification time to use instead of the clock (ISO 8601); for reproducing a past decision. */
  now?: string;
}

const compactJws = z.string().regex(/^\s*[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\s*$/, 'compact JWS');

const logProofSchema = z.object({
  leafIndex: z.number().int().nonnegative(),
  treeSize: z.number().int().positive(),
  auditPath: z.array(z.string().regex(/^[0-9a-f]{64}$/)),
  checkpoint: compactJws,
});

export const verificationBundleSchema = z.object({
  // Optional on input so hand-written bundles work; always written by buildVerificationBundle.
  format: z.literal(VERIFICATION_BUNDLE_FORMAT).optional(),
  credential: compactJws,
  trustList: trustListJsonSchema,
  statusLists: z.array(compactJws),
  logProof: logProofSchema.optional(),
  now: z.iso.datetime({ offset: true }).optional(),
});

export function buildVerificationBundle(options: {
  credential: string;
  trustList: TrustList | TrustListJson;
  statusLists: readonly string[];
  logProof?: LogProof;
  now?: Date;
}): VerificationBundle {
  const trustList = options.trustList instanceof TrustList ? options.trustList.toJson() : options.trustList;
  const bundle: VerificationBundle = {
    format: VERIFICATION_BUNDLE_FORMAT,
    credential: options.credential,
    trustList,
    statusLists: [...options.statusLists],
  };
  if (options.logProof) bundle.logProof = options.logProof;
  if (options.now) bundle.now = options.now.toISOString();
  return bundle;
}

/** The inclusion proof of `leafIndex` in the tree a signed checkpoint commits to. */
export function buildLogProof(options: {
  log: MerkleLog;
  leafIndex: number;
  treeSize: number;
  checkpoint: string;
}): LogProof {
  return {
    leafIndex: options.leafIndex,
    treeSize: options.treeSize,
    auditPath: options.log.inclusionProof(options.leafIndex, options.treeSize).map(bytesToHex),
    checkpoint: options.checkpoint,
  };
}

export function parseVerificationBundle(json: unknown): VerificationBundle {
  const parsed = verificationBundleSchema.safeParse(json);
  if (!parsed.success) {
    throw new TrustCoreError('INVALID_ARGUMENT', `Invalid verification bundle: ${parsed.error.message}`);
  }
  const { format: _format, ...rest } = parsed.data;
  const bundle: VerificationBundle = { format: VERIFICATION_BUNDLE_FORMAT, ...rest };
  if (!rest.logProof) delete bundle.logProof;
  if (!rest.now) delete bundle.now;
  return bundle;
}

/** Clock precedence: explicit `now`, then the bundle's `now`, then the system clock. */
export async function verifyBundle(
  bundle: VerificationBundle,
  options: { now?: Date } = {},
): Promise<VerificationResult> {
  const now = options.now ?? (bundle.now ? new Date(bundle.now) : new Date());
  const verifyOptions = {
    trustList: TrustList.fromJson(bundle.trustList),
    statusLists: bundle.statusLists,
    now,
    ...(bundle.logProof ? { logProof: bundle.logProof } : {}),
  };
  return verifyCredential(bundle.credential, verifyOptions);
}
