import type { Generated } from 'kysely';
import type { Timestamp, NullableTimestamp, Json } from '../../platform/column-types';
import type { AuthorisationAction } from '../authorisations/authorisations.tables';

/** Tables of the trust module (see migration 0005-trust); merged into the Database interface. */

export type StatusPurpose = 'suspension' | 'revocation';
export type LogEntryKind = 'issuance' | 'suspension' | 'reinstatement' | 'revocation';
/** A status change of an authorisation (its lifecycle lives in the authorisations module). */
export type StatusAction = AuthorisationAction;

export interface TrustStateTable {
  id: Generated<boolean>;
  next_sequence: Generated<number>;
}

export interface TrustSigningKeyTable {
  kid: string;
  alg: 'EdDSA' | 'ES256';
  public_jwk: Json<Record<string, string>>;
  status: 'active' | 'retired';
  private_key_source: 'file' | 'data_dir';
  created_at: Timestamp;
  retired_at: NullableTimestamp;
}

export interface CertificateTable {
  id: string;
  authorisation_id: string;
  operator_id: string;
  certificate_number: string;
  sequence: number;
  jws: string;
  credential_hash: string;
  kid: string;
  status_index: number;
  valid_from: Date;
  valid_until: Date;
  issued_at: Date;
  issuance_leaf_index: number;
}

export interface StatusListCredentialTable {
  purpose: StatusPurpose;
  list_url: string;
  jws: string;
  encoded_list: string;
  kid: string;
  valid_from: Date;
  valid_until: Date;
}

export interface TransparencyLogLeafTable {
  leaf_index: number;
  kind: LogEntryKind | 'audit_checkpoint';
  /** Null for an audit checkpoint, which names no certificate. */
  certificate_id: string | null;
  credential_hash: string | null;
  entry: string;
  leaf_hash: string;
  appended_at: Date;
}

export interface TransparencyLogCheckpointTable {
  tree_size: number;
  root_hash: string;
  jws: string;
  kid: string;
  signed_at: Date;
}

export interface RegisterConsentTable {
  operator_id: string;
  is_published: boolean;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface TrustTables {
  trust_state: TrustStateTable;
  trust_signing_key: TrustSigningKeyTable;
  certificate: CertificateTable;
  status_list_credential: StatusListCredentialTable;
  transparency_log_leaf: TransparencyLogLeafTable;
  transparency_log_checkpoint: TransparencyLogCheckpointTable;
  register_consent: RegisterConsentTable;
}
