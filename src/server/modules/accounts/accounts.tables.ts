import type { ApiScope } from '../../platform/request-context';
import type { Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../../platform/column-types';

export interface UserAccountTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string | null;
  roles: string[];
  language: 'en' | 'ru';
  office_id: string | null;
  operator_id: string | null;
  operator_rights: Generated<string[]>;
  disabled_at: NullableTimestamp;
  totp_secret: string | null;
  totp_enabled_at: NullableTimestamp;
  created_at: Timestamp;
  last_login_at: NullableTimestamp;
  password_changed_at: NullableTimestamp;
  /** Partner agency code of an agency_officer (e.g. SPS), null for everyone else. */
  agency: Generated<string | null>;
}

export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
  second_factor_pending: Generated<boolean>;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiKeyTable {
  id: Generated<string>;
  name: string;
  prefix: string;
  secret_hash: string;
  scopes: ApiScope[];
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
}

export interface LoginFailureTable {
  id: Generated<number>;
  key: string;
  occurred_at: Timestamp;
}

/** The tables the accounts module owns; the platform composes every module's into the Database interface. */
export interface AccountsTables {
  user_account: UserAccountTable;
  session: SessionTable;
  api_key: ApiKeyTable;
  login_failure: LoginFailureTable;
}
