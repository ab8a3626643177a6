import type { DelegationRight } from '../../../vocabulary/roles';
import type { Generated } from 'kysely';
import type { DateString, NullableTimestamp, Numeric, Timestamp } from '../../platform/column-types';

export interface OfficeTable {
  id: Generated<string>;
  code: string;
  name: string;
  kind: 'headquarters' | 'local';
  parent_id: string | null;
  regions: string[];
  created_at: Timestamp;
}

/** What an operator is registered as: held by the operator and, until it is confirmed, by its registration. */
interface OperatorParticularsColumns {
  legal_name: string;
  taxpayer_id: string;
  country: string;
  address: string;
  roles: string[];
  employees: number | null;
  annual_turnover: Numeric | null;
}

export interface OperatorTable extends OperatorParticularsColumns {
  id: Generated<string>;
  created_at: Timestamp;
}

export interface InvitationTable {
  id: Generated<string>;
  token_hash: string;
  operator_id: string;
  email: string;
  name: string;
  rights: string[];
  invited_by: string;
  created_at: Timestamp;
  expires_at: Date;
  accepted_at: NullableTimestamp;
  accepted_user_id: string | null;
}

export interface OperatorRegistrationTable extends OperatorParticularsColumns {
  id: Generated<string>;
  token_hash: string;
  email: string;
  user_name: string;
  language: string;
  password_hash: string | null;
  created_at: Timestamp;
  expires_at: Date;
  confirmed_at: NullableTimestamp;
  operator_id: string | null;
}

export interface DelegationTable {
  id: Generated<string>;
  principal_operator_id: string;
  delegate_operator_id: string;
  rights: DelegationRight[];
  valid_from: DateString;
  valid_until: DateString;
  created_by: string;
  created_at: Timestamp;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
}

export interface ChangeNotificationTable {
  id: Generated<string>;
  operator_id: string;
  kind: string;
  description: string;
  effective_date: DateString;
  status: Generated<'submitted' | 'acknowledged'>;
  submitted_by: string;
  submitted_at: Timestamp;
  acknowledged_by: string | null;
  acknowledged_at: NullableTimestamp;
}

/** The tables the organisations module owns; the platform composes every module's into the Database interface. */
export interface OrganisationsTables {
  office: OfficeTable;
  operator: OperatorTable;
  invitation: InvitationTable;
  operator_registration: OperatorRegistrationTable;
  delegation: DelegationTable;
  change_notification: ChangeNotificationTable;
}
