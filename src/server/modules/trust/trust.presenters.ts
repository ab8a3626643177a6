import {
  VERIFICATION_BUNDLE_FORMAT,
  type Jwks,
  type LogProof,
  type TrustListJson,
} from '../../../trust-core';
import type { AuthorisationStatus } from '../authorisations/authorisation-lifecycle';
import type {
  AuthorisationForCertificate,
  CertificateRow,
  CheckpointRow,
  LogLeafRow,
  SigningKeyRow,
} from './trust.repository';
import type {
  CertificateBundleDto,
  DidDocumentDto,
  JwksDto,
  LogCheckpointDto,
  LogEntryDto,
  LogLeafDto,
  RegisterConsentDto,
  RegisterEntryDto,
  SigningJwkDto,
  SigningKeyDto,
} from './trust.schemas';

/** Keys this server made always carry crv and x (OKP and EC); a key without them is a bug, not a document. */
function presentJwk(jwk: Jwks['keys'][number]): SigningJwkDto {
  const { kty, crv, x } = jwk;
  if (kty === undefined || crv === undefined || x === undefined)
    throw new Error(`The published key ${jwk.kid} lacks kty, crv or x`);
  return { ...jwk, kty, crv, x };
}

export function presentJwks(jwks: Jwks): JwksDto {
  return { ...jwks, keys: jwks.keys.map(presentJwk) };
}

/** trust-core builds the document untyped; the response schema checks its shape on the way out. */
export function presentDidDocument(document: Record<string, unknown>): DidDocumentDto {
  return document as DidDocumentDto;
}

export function presentSigningKey(row: SigningKeyRow): SigningKeyDto {
  return {
    kid: row.kid,
    alg: row.alg,
    status: row.status,
    privateKeySource: row.private_key_source,
    createdAt: row.created_at.toISOString(),
    retiredAt: row.retired_at?.toISOString() ?? null,
  };
}

/** The certificate as a verification bundle: saved to a file, `openaeo verify FILE` checks it offline. */
export function presentCertificateBundle(
  authorisation: AuthorisationForCertificate,
  certificate: CertificateRow,
  evidence: { qrPayload: string; trustList: TrustListJson; statusLists: string[]; logProof: LogProof },
): CertificateBundleDto {
  return {
    format: VERIFICATION_BUNDLE_FORMAT,
    credential: certificate.jws,
    certificateId: certificate.id,
    certificateNumber: certificate.certificate_number,
    authorisationId: authorisation.id,
    status: authorisation.status,
    validFrom: certificate.valid_from.toISOString(),
    validUntil: certificate.valid_until.toISOString(),
    issuedAt: certificate.issued_at.toISOString(),
    kid: certificate.kid,
    credentialHash: certificate.credential_hash,
    qrPayload: evidence.qrPayload,
    trustList: evidence.trustList,
    statusLists: evidence.statusLists,
    logProof: evidence.logProof,
  };
}

export function presentLogCheckpoint(origin: string, row: CheckpointRow): LogCheckpointDto {
  return {
    origin,
    treeSize: row.tree_size,
    rootHash: row.root_hash,
    timestamp: row.signed_at.toISOString(),
    kid: row.kid,
    checkpoint: row.jws,
  };
}

/** A leaf's entry as stored (canonical JSON written by this module); its hash is over exactly this. */
export function parseLogEntry(row: LogLeafRow): LogEntryDto {
  return JSON.parse(row.entry) as LogEntryDto;
}

export function presentLogLeaf(row: LogLeafRow): LogLeafDto {
  return { leafIndex: row.leaf_index, leafHash: row.leaf_hash, entry: parseLogEntry(row) };
}

export function presentRegisterEntry(
  row: {
    legal_name: string;
    taxpayer_id: string;
    country: string;
    authorisation_type: string;
    tier: string;
    status: AuthorisationStatus;
    certificate_number: string;
    valid_from: Date;
    valid_until: Date;
  },
  now: Date,
): RegisterEntryDto {
  return {
    legalName: row.legal_name,
    operatorId: row.taxpayer_id,
    country: row.country,
    authorisationType: row.authorisation_type,
    tier: row.tier,
    certificateNumber: row.certificate_number,
    status: row.status === 'active' && row.valid_until.getTime() <= now.getTime() ? 'expired' : row.status,
    validFrom: row.valid_from.toISOString().slice(0, 10),
    validUntil: row.valid_until.toISOString().slice(0, 10),
  };
}

export function presentRegisterConsent(
  operatorId: string,
  row: { is_published: boolean; updated_at: Date } | undefined,
): RegisterConsentDto {
  return {
    operatorId,
    isPublished: row?.is_published ?? false,
    updatedAt: row?.updated_at.toISOString() ?? null,
  };
}
