import type { Generated } from 'kysely';
import type { DateString, Json, Timestamp } from '../../platform/column-types';

/**
 * Tables of the authorisations module (created by migrations 0004-validation and 0005-trust); merged into the
 * Database interface.
 */

export type AuthorisationStatus = 'active' | 'suspended' | 'revoked';
/** What may happen to an authorisation after grant. */
export type AuthorisationAction = 'suspend' | 'reinstate' | 'revoke';

export interface AuthorisationSite {
  id: string;
  kind: string;
  name: string;
  address: string;
}

export interface AuthorisationTable {
  id: Generated<string>;
  operator_id: string;
  application_id: string;
  decision_id: string;
  programme_version_id: string;
  authorisation_type: string;
  tier: string;
  site_ids: string[];
  sites: Json<AuthorisationSite[]>;
  effective_date: DateString;
  status: Generated<AuthorisationStatus>;
  /** Set on revocation: no new application of this type before this date. */
  barred_until: Generated<DateString | null>;
  granted_by: string;
  granted_at: Timestamp;
}

/**
 * The authorisation's status history: one row per suspension, reinstatement or revocation, naming the certificate
 * and the transparency-log leaf (trust) that evidence it.
 */
export interface AuthorisationStatusChangeTable {
  id: Generated<string>;
  authorisation_id: string;
  certificate_id: string;
  action: AuthorisationAction;
  from_status: string;
  to_status: string;
  reason: string;
  remediation_deadline: DateString | null;
  leaf_index: number;
  changed_by: string | null;
  changed_at: Date;
}

export interface AuthorisationsTables {
  authorisation: AuthorisationTable;
  authorisation_status_change: AuthorisationStatusChangeTable;
}
