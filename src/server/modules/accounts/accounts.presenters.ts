import type { z } from 'zod';
import type { OperatorRight, Role } from '../../platform/request-context';
import type { ApiKeyRow, UserRow } from './accounts.repository';
import type { apiKeySchema, meSchema, userSchema, validatorSchema } from './accounts.schemas';

export type UserDto = z.infer<typeof userSchema>;
export type ApiKeyDto = z.infer<typeof apiKeySchema>;
export type ValidatorDto = z.infer<typeof validatorSchema>;
export type MeDto = z.infer<typeof meSchema>;

export type UserIdentityRow = Pick<
  UserRow,
  'email' | 'name' | 'roles' | 'language' | 'office_id' | 'operator_id' | 'operator_rights' | 'agency'
>;

/** Who a user is and what they may do: the same fields in the API's user and in a signed-in principal. */
export function presentUserIdentity(row: UserIdentityRow) {
  return {
    email: row.email,
    name: row.name,
    roles: row.roles as Role[],
    language: row.language,
    officeId: row.office_id,
    operatorId: row.operator_id,
    operatorRights: row.operator_rights as OperatorRight[],
    agency: row.agency,
  };
}

export function presentUser(row: UserRow): UserDto {
  return {
    id: row.id,
    ...presentUserIdentity(row),
    disabled: row.disabled_at !== null,
    totpEnabled: row.totp_enabled_at !== null,
    createdAt: row.created_at.toISOString(),
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
  };
}

/** The signed-in user with the operator they belong to and the principals they may act for. */
export function presentMe(
  user: UserDto,
  membership: Pick<MeDto, 'operator' | 'actingFor'>,
  isSecondFactorPending: boolean,
): MeDto {
  return {
    ...user,
    operator: membership.operator,
    actingFor: membership.actingFor,
    secondFactorPending: isSecondFactorPending,
  };
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

export function presentValidator(row: UserRow): ValidatorDto {
  return { id: row.id, name: row.name, email: row.email, officeId: row.office_id };
}
