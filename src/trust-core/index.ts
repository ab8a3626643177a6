// Public API of the trust core: certificate issuing, status lists, transparency log and offline verification.
// Pure functions and small classes with no database or HTTP; the server and the CLI import from here only.

export { TrustCoreError, type TrustCoreErrorCode } from './trust-core-error';
export {
  ALLOWED_SIGNING_ALGORITHMS,
  createLocalSigner,
  didFromKid,
  signCompactJws,
  type Signer,
  type SigningAlgorithm,
} from './credential-signer';
export {
  activeKeyFor,
  generateSigningKey,
  rotateKeys,
  toPublicJwk,
  type GeneratedSigningKey,
  type KeyStatus,
  type PublishedKey,
} from './signing-keys';
export {
  buildDidDocument,
  buildJwks,
  TrustList,
  trustListJsonSchema,
  type Jwks,
  type PublishedJwk,
  type TrustedKey,
  type TrustListJson,
} from './trust-list';
export {
  EAEU_CERTIFICATE_NUMBER_PATTERN,
  formatCertificateNumber,
  type CertificateNumberParts,
} from './certificate-number';
export {
  buildCredential,
  buildStatusEntry,
  CREDENTIAL_JWS_TYP,
  issueCredential,
  VC_CONTEXT_V2,
  type AeoCertificateClaims,
  type AeoCertificateCredential,
  type BitstringStatusListEntry,
  type CoveredSite,
  type StatusPurpose,
} from './credential-issuer';
export {
  allocateStatusIndex,
  BitstringStatusList,
  DEFAULT_STATUS_LIST_VALIDITY_MS,
  issueStatusListCredential,
  STATUS_LIST_MIN_ENTRIES,
  type StatusListCredential,
} from './status-list';
export { StatusListSet, type RejectedStatusList, type VerifiedStatusList } from './status-list-set';
export {
  emptyRootHash,
  hashChildren,
  hashLeaf,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
} from './merkle-proof';
export { InMemoryMerkleTreeStore, MerkleLog, type MerkleTreeStore } from './merkle-log';
export {
  createLogEntry,
  credentialHash,
  encodeLogEntry,
  issuanceLogEntryFor,
  type LogEntry,
  type LogEntryKind,
} from './log-entry';
export {
  CHECKPOINT_JWS_TYP,
  signCheckpoint,
  signLogCheckpoint,
  verifyCheckpoint,
  type Checkpoint,
  type CheckpointVerification,
} from './log-checkpoint';
export {
  AUDIT_CHECKPOINT_JWS_TYP,
  auditCheckpointLogEntry,
  encodeAuditCheckpointLogEntry,
  signAuditCheckpoint,
  verifyAuditCheckpoint,
  type AuditCheckpoint,
  type AuditCheckpointLogEntry,
  type AuditCheckpointVerification,
} from './audit-checkpoint';
export {
  describeVerifiedScope,
  summariseCredential,
  verifyCredential,
  type CredentialSummary,
  type VerifiedScope,
  type LogInclusion,
  type LogProof,
  type StatusCheck,
  type SubjectSummary,
  type VerificationDetails,
  type VerificationResult,
  type VerificationStatus,
  type VerifyCredentialOptions,
} from './credential-verifier';
export {
  buildLogProof,
  buildVerificationBundle,
  parseVerificationBundle,
  VERIFICATION_BUNDLE_FORMAT,
  verificationBundleSchema,
  verifyBundle,
  type VerificationBundle,
} from './verification-bundle';
export {
  decodeQrPayload,
  encodeQrPayload,
  encodeQrReference,
  matchesQrReference,
  QR_EMBEDDED_PREFIX,
  QR_MAX_EMBEDDED_CHARS,
  QR_REFERENCE_PREFIX,
  type QrPayload,
} from './qr-payload';
export { base45Decode, base45Encode } from './base45';
export { bytesToHex, hexToBytes } from './byte-encoding';
