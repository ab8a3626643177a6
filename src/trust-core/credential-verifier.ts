import { z } from 'zod';
import { hexToBytes } from './byte-encoding';
import { CREDENTIAL_JWS_TYP, VC_CONTEXT_V2, type StatusPurpose } from './credential-issuer';
import { verifyTrustedJws } from './jws-verifier';
import { verifyCheckpoint } from './log-checkpoint';
import { encodeLogEntry, issuanceLogEntryFor } from './log-entry';
import { hashLeaf, verifyInclusion } from './merkle-proof';
import { StatusListSet } from './status-list-set';
import type { KeyStatus } from './signing-keys';
import type { TrustList } from './trust-list';
import type { VerificationResultCode } from '../vocabulary/domain-values';

export type VerificationStatus = VerificationResultCode;

export interface StatusCheck {
  purpose: StatusPurpose;
  statusListCredential: string;
  index: number;
  outcome: 'clear' | 'set' | 'stale' | 'missing' | 'rejected' | 'out-of-range';
  listValidUntil?: string;
}

export type LogInclusion =
  | { checked: false }
  | {
      checked: true;
      verified: boolean;
      leafIndex: number;
      treeSize: number;
      origin?: string;
      checkpointTimestamp?: string;
      message?: string;
    };

export interface SubjectSummary {
  operatorId: string;
  operatorIdScheme: string;
  legalName: string;
  authorisationType: string;
  tier?: string;
  siteCount: number;
}

export interface VerificationDetails {
  checkedAt: string;
  issuer?: string;
  kid?: string;
  keyStatus?: KeyStatus;
  certificateId?: string;
  certificateNumber?: string;
  subject?: SubjectSummary;
  validFrom?: string;
  validUntil?: string;
  statusChecks: StatusCheck[];
  logInclusion: LogInclusion;
}

export interface VerificationResult {
  status: VerificationStatus;
  /** Machine-readable cause, e.g. ALG_NOT_ALLOWED, BAD_SIGNATURE, STATUS_LIST_EXPIRED. */
  reason: string;
  message: string;
  details: VerificationDetails;
}

/** An inclusion proof of the certificate's issuance entry, as carried in a verification bundle. */
export interface LogProof {
  leafIndex: number;
  treeSize: number;
  /** Hex SHA-256 node hashes, leaf side first. */
  auditPath: string[];
  /** Signed checkpoint (checkpoint+jwt) whose root the path leads to. */
  checkpoint: string;
}

export interface VerifyCredentialOptions {
  trustList: TrustList;
  /** Status list credentials as JWS, or a StatusListSet prepared once for many verifications. */
  statusLists: readonly string[] | StatusListSet;
  /** Injected clock; verification never reads the system time itself. */
  now: Date;
  logProof?: LogProof;
}

const isoDate = z.iso.datetime({ offset: true });

const statusEntrySchema = z.object({
  type: z.literal('BitstringStatusListEntry'),
  statusPurpose: z.enum(['suspension', 'revocation']),
  statusListIndex: z.string().regex(/^(0|[1-9][0-9]{0,9})$/),
  statusListCredential: z.string().min(1),
});

const credentialSchema = z.object({
  '@context': z
    .array(z.string())
    .refine((value) => value[0] === VC_CONTEXT_V2, 'first @context must be VC v2'),
  id: z.string().min(1),
  type: z
    .array(z.string())
    .refine((value) => value.includes('VerifiableCredential') && value.includes('AEOCertificate')),
  issuer: z.string().startsWith('did:'),
  validFrom: isoDate,
  validUntil: isoDate,
  credentialSubject: z.object({
    operatorId: z.string().min(1),
    operatorIdScheme: z.string().min(1),
    legalName: z.string().min(1),
    authorisationType: z.string().min(1),
    tier: z.string().optional(),
    certificateNumber: z.string().min(1),
    sites: z.array(z.unknown()),
  }),
  credentialStatus: z
    .array(statusEntrySchema)
    .refine(
      (entries) => entries.some((entry) => entry.statusPurpose === 'revocation'),
      'a certificate must be revocable',
    ),
  iss: z.string().optional(),
  nbf: z.number().optional(),
  exp: z.number().optional(),
});

/**
 * Verifies an AEO certificate offline and answers exactly one status. Order: header vetting and trust-list key
 * lookup (no cryptography before both pass), signature, credential shape, log inclusion (when a proof is given),
 * validity window, then status lists. Nothing is fetched: keys come from `trustList` only, status from
 * `statusLists` only.
 */
export async function verifyCredential(
  jws: string,
  options: VerifyCredentialOptions,
): Promise<VerificationResult> {
  const { trustList, now } = options;
  const details: VerificationDetails = {
    checkedAt: now.toISOString(),
    statusChecks: [],
    logInclusion: { checked: false },
  };
  const finish = (status: VerificationStatus, reason: string, message: string): VerificationResult => {
    // Claims are read before the issuer and log checks; unless the credential is authentic, none is shown (a holder
    // named by a token that fails would lend a forged page a name).
    if (status === 'INVALID_SIGNATURE' || status === 'UNKNOWN_ISSUER') withholdClaims(details);
    return { status, reason, message, details };
  };

  const token = jws.trim();
  const verified = await verifyTrustedJws(token, trustList, CREDENTIAL_JWS_TYP);
  if (!verified.ok) {
    if (verified.kid) details.kid = verified.kid;
    return finish(verified.code, verified.reason, verified.message);
  }
  details.kid = verified.key.kid;
  details.keyStatus = verified.key.status;

  const parsed = credentialSchema.safeParse(verified.payload);
  if (!parsed.success) {
    return finish(
      'INVALID_SIGNATURE',
      'MALFORMED_CREDENTIAL',
      `Not an AEO certificate: ${parsed.error.message}`,
    );
  }
  const credential = parsed.data;
  details.issuer = credential.issuer;
  details.certificateId = credential.id;
  details.certificateNumber = credential.credentialSubject.certificateNumber;
  const subject = credential.credentialSubject;
  details.subject = {
    operatorId: subject.operatorId,
    operatorIdScheme: subject.operatorIdScheme,
    legalName: subject.legalName,
    authorisationType: subject.authorisationType,
    siteCount: subject.sites.length,
  };
  if (subject.tier !== undefined) details.subject.tier = subject.tier;
  details.validFrom = credential.validFrom;
  details.validUntil = credential.validUntil;

  // A trusted key may only speak for its own DID: administration A's key cannot issue in B's name.
  if (
    credential.issuer !== verified.key.did ||
    (credential.iss !== undefined && credential.iss !== credential.issuer)
  ) {
    return finish(
      'UNKNOWN_ISSUER',
      'ISSUER_KEY_MISMATCH',
      `Issuer ${credential.issuer} is not the key's DID`,
    );
  }

  if (options.logProof) {
    const inclusion = await checkLogInclusion(token, options.logProof, trustList);
    details.logInclusion = inclusion;
    // A proof that is offered but fails means someone is showing a different log: fail closed.
    if (!inclusion.verified) {
      return finish(
        'INVALID_SIGNATURE',
        'LOG_PROOF_INVALID',
        inclusion.message ?? 'Log inclusion proof failed',
      );
    }
  }

  const nowMs = now.getTime();
  const notBefore = Math.max(Date.parse(credential.validFrom), (credential.nbf ?? -Infinity) * 1000);
  const notAfter = Math.min(Date.parse(credential.validUntil), (credential.exp ?? Infinity) * 1000);
  if (nowMs < notBefore)
    return finish('NOT_YET_VALID', 'NOT_YET_VALID', `Valid from ${credential.validFrom}`);
  if (nowMs >= notAfter) return finish('EXPIRED', 'EXPIRED', `Expired at ${credential.validUntil}`);

  const statusLists =
    options.statusLists instanceof StatusListSet
      ? options.statusLists
      : await StatusListSet.fromJws(options.statusLists, trustList);

  let revoked = false;
  let suspended = false;
  let stale: { reason: string; message: string } | undefined;
  let rejected: { code: 'INVALID_SIGNATURE' | 'UNKNOWN_ISSUER'; reason: string; message: string } | undefined;
  for (const entry of credential.credentialStatus) {
    const index = Number(entry.statusListIndex);
    const check: StatusCheck = {
      purpose: entry.statusPurpose,
      statusListCredential: entry.statusListCredential,
      index,
      outcome: 'missing',
    };
    details.statusChecks.push(check);
    const list = statusLists.find(entry.statusListCredential);
    if (!list) {
      const refusal = statusLists.findRejected(entry.statusListCredential);
      if (refusal) {
        check.outcome = 'rejected';
        rejected ??= {
          code: refusal.code,
          reason: `STATUS_LIST_${refusal.reason}`,
          message: refusal.message,
        };
      } else {
        stale ??= { reason: 'STATUS_LIST_MISSING', message: `No status list ${entry.statusListCredential}` };
      }
      continue;
    }
    check.listValidUntil = list.validUntil.toISOString();
    if (list.issuer !== credential.issuer) {
      check.outcome = 'rejected';
      rejected ??= {
        code: 'UNKNOWN_ISSUER',
        reason: 'STATUS_LIST_ISSUER_MISMATCH',
        message: `Status list ${list.id} is issued by ${list.issuer}`,
      };
      continue;
    }
    if (list.purpose !== entry.statusPurpose || index >= list.list.length) {
      check.outcome = 'out-of-range';
      stale ??= { reason: 'STATUS_ENTRY_MISMATCH', message: `Entry does not fit status list ${list.id}` };
      continue;
    }
    const isSet = list.list.get(index);
    const isFresh = nowMs >= list.validFrom.getTime() && nowMs < list.validUntil.getTime();
    // Revocation is irreversible, so a revoked bit is conclusive even in an out-of-date list; anything else read
    // from a stale list is not.
    if (isSet && entry.statusPurpose === 'revocation') {
      check.outcome = 'set';
      revoked = true;
    } else if (!isFresh) {
      check.outcome = 'stale';
      stale ??= {
        reason: 'STATUS_LIST_EXPIRED',
        message: `Status list ${list.id} is valid ${list.validFrom.toISOString()} to ${list.validUntil.toISOString()}`,
      };
    } else if (isSet) {
      check.outcome = 'set';
      suspended = true;
    } else {
      check.outcome = 'clear';
    }
  }

  if (revoked) return finish('REVOKED', 'REVOKED', 'The certificate has been revoked');
  if (rejected) return finish(rejected.code, rejected.reason, rejected.message);
  if (stale) return finish('STATUS_STALE', stale.reason, stale.message);
  if (suspended) return finish('SUSPENDED', 'SUSPENDED', 'The certificate is suspended');
  return finish('VALID', 'VALID', 'Signature, validity period and status checked');
}

function withholdClaims(details: VerificationDetails): void {
  delete details.subject;
  delete details.certificateId;
  delete details.certificateNumber;
  delete details.validFrom;
  delete details.validUntil;
}

async function checkLogInclusion(
  jws: string,
  proof: LogProof,
  trustList: TrustList,
): Promise<Extract<LogInclusion, { checked: true }>> {
  const base = { checked: true as const, leafIndex: proof.leafIndex, treeSize: proof.treeSize };
  const checkpoint = await verifyCheckpoint(proof.checkpoint, trustList);
  if (!checkpoint.ok)
    return { ...base, verified: false, message: `Checkpoint rejected: ${checkpoint.message}` };
  const withCheckpoint = {
    ...base,
    origin: checkpoint.checkpoint.origin,
    checkpointTimestamp: checkpoint.checkpoint.timestamp,
  };
  if (checkpoint.checkpoint.treeSize !== proof.treeSize) {
    return { ...withCheckpoint, verified: false, message: 'Proof and checkpoint disagree on the tree size' };
  }
  let auditPath: Uint8Array[];
  try {
    auditPath = proof.auditPath.map(hexToBytes);
  } catch {
    return { ...withCheckpoint, verified: false, message: 'Audit path is not hex' };
  }
  const leafHash = hashLeaf(encodeLogEntry(issuanceLogEntryFor(jws)));
  const verified = verifyInclusion({
    leafHash,
    leafIndex: proof.leafIndex,
    treeSize: proof.treeSize,
    auditPath,
    rootHash: checkpoint.rootHash,
  });
  return verified
    ? { ...withCheckpoint, verified: true }
    : { ...withCheckpoint, verified: false, message: 'Issuance entry is not in the checkpointed tree' };
}

/**
 * What a verification covers: the signed credential, never the document that shows it. `embedded_credential` is a
 * credential taken from an uploaded PDF, whose printed page is not read at all.
 */
export type VerifiedScope = 'credential' | 'embedded_credential';

/** What the verified credential itself says: the reader compares it with the page or screen in front of them. */
export interface CredentialSummary {
  holder: { legalName: string; operatorId: string; operatorIdScheme: string };
  authorisationType: string;
  tier: string | null;
  certificateNumber: string | null;
  validFrom: string | null;
  validUntil: string | null;
}

/**
 * The credential's claims, or null when none could be trusted: the verifier leaves them out of `details` unless the
 * signature and the issuer check out (an INVALID_SIGNATURE or UNKNOWN_ISSUER result names no holder).
 */
export function summariseCredential(details: Partial<VerificationDetails>): CredentialSummary | null {
  const subject = details.subject;
  if (!subject) return null;
  return {
    holder: {
      legalName: subject.legalName,
      operatorId: subject.operatorId,
      operatorIdScheme: subject.operatorIdScheme,
    },
    authorisationType: subject.authorisationType,
    tier: subject.tier ?? null,
    certificateNumber: details.certificateNumber ?? null,
    validFrom: details.validFrom ?? null,
    validUntil: details.validUntil ?? null,
  };
}

/**
 * The scope of a verification in words, for the API and the CLI alike: a forged page can carry a genuine
 * credential, so the reader must check that the page names exactly what the credential says.
 */
export function describeVerifiedScope(scope: VerifiedScope, credential: CredentialSummary | null): string {
  if (!credential) {
    return scope === 'embedded_credential'
      ? 'No genuine credential was found in this PDF, so nothing its page says is confirmed.'
      : 'No genuine credential was found, so nothing a page showing it says is confirmed.';
  }
  const { holder } = credential;
  const day = (value: string | null) => value?.slice(0, 10) ?? '?';
  const claims =
    `holder ${holder.legalName} (${holder.operatorIdScheme} ${holder.operatorId}), ` +
    `${credential.authorisationType}${credential.tier ? ` tier ${credential.tier}` : ''}, ` +
    `valid ${day(credential.validFrom)} to ${day(credential.validUntil)}`;
  return scope === 'embedded_credential'
    ? `Only the credential embedded in this PDF was verified, not the printed page. The page is this certificate ` +
        `only if it shows exactly what the credential says: ${claims}.`
    : `Only the credential was verified. A page or screen showing it is this certificate only if it shows exactly ` +
        `what the credential says: ${claims}.`;
}
