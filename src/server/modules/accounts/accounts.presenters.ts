import type { OperatorRight, Role } from '../../platform/request-context';
import type { ApiKeyRow, UserRow } from './accounts.repository';

export interface UserDto {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  language: 'en' | 'ru';
  officeId: string | null;
  operatorId: string | null;
  operatorRights: OperatorRight[];
  agency: string | null;
  disabled: boolean;
  totpEnabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export function presentUser(row: UserRow): UserDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles as Role[],
    language: row.language,
    officeId: row.office_id,
    operatorId: row.operator_id,
    operatorRights: row.operator_rights as OperatorRight[],
    agency: row.agency,
    disabled: row.disabled_at !== null,
    totpEnabled: row.totp_enabled_at !== null,
    createdAt: row.created_at.toISOString(),
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
  };
}

export interface ApiKeyDto {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  createdBy: { id: string; email: string } | null;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export function presentApiKey(row: ApiKeyRow & { created_by_email?: string | null }): ApiKeyDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by ? { id: row.created_by, email: row.created_by_email ?? '' } : null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}
