import { z } from 'zod';
import { API_SCOPES, OPERATOR_RIGHTS, ROLES, type ApiScope } from '../../platform/request-context';

export const roleSchema = z.enum(ROLES);
export const operatorRightSchema = z.enum(OPERATOR_RIGHTS);
/** A partner agency's code, e.g. SPS (the same format the risk rules use). */
export const agencyCodeSchema = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9_-]{1,31}$/, 'agency code: 2–32 capitals, digits, "_" or "-", e.g. SPS');
export const languageSchema = z.enum(['en', 'ru']);
export const apiScopeSchema = z.enum(Object.keys(API_SCOPES) as [ApiScope, ...ApiScope[]]);

export const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    roles: z.array(roleSchema),
    language: languageSchema,
    officeId: z.uuid().nullable(),
    operatorId: z.uuid().nullable(),
    operatorRights: z.array(operatorRightSchema),
    agency: z.string().nullable(),
    disabled: z.boolean(),
    totpEnabled: z.boolean(),
    createdAt: z.string(),
    lastLoginAt: z.string().nullable(),
  })
  .meta({ id: 'User' });

export const meSchema = userSchema
  .extend({
    operator: z
      .object({ id: z.uuid(), legalName: z.string(), taxpayerId: z.string(), country: z.string() })
      .nullable(),
    actingFor: z.array(
      z.object({
        operatorId: z.uuid(),
        legalName: z.string(),
        rights: z.array(operatorRightSchema),
        validUntil: z.string(),
      }),
    ),
    secondFactorPending: z.boolean(),
  })
  .meta({ id: 'Me' });

export const loginBodySchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
  otp: z.string().trim().max(10).optional(),
});

export const sessionResponseSchema = z.object({ user: meSchema, csrfToken: z.string() });
export const meResponseSchema = z.object({ user: meSchema });
export const totpEnrolmentResponseSchema = z.object({ secret: z.string(), otpauthUri: z.string() });

export const updateMeBodySchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  language: languageSchema.optional(),
});

export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});

export const otpBodySchema = z.object({ otp: z.string().trim().min(1).max(10) });

export const createUserBodySchema = z.object({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(1024),
  roles: z.array(roleSchema).min(1),
  officeId: z.uuid().nullable().optional(),
  operatorId: z.uuid().nullable().optional(),
  operatorRights: z.array(operatorRightSchema).optional(),
  language: languageSchema.optional(),
  agency: agencyCodeSchema.nullable().optional(),
});

export const updateUserBodySchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  roles: z.array(roleSchema).min(1).optional(),
  officeId: z.uuid().nullable().optional(),
  operatorId: z.uuid().nullable().optional(),
  agency: agencyCodeSchema.nullable().optional(),
  disabled: z.boolean().optional(),
});

export const listUsersQuerySchema = z.object({
  q: z.string().max(200).optional(),
  role: roleSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const userResponseSchema = z.object({ user: userSchema });
export const userListResponseSchema = z.object({ items: z.array(userSchema), total: z.number() });

export const validatorSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  officeId: z.uuid().nullable(),
});
export const validatorListResponseSchema = z.object({ items: z.array(validatorSchema) });

export const apiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(apiScopeSchema),
    createdAt: z.string(),
    createdBy: z.object({ id: z.uuid(), email: z.string() }).nullable(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiKey' });

export const issueApiKeyBodySchema = z.object({
  name: z.string().trim().min(1).max(200),
  scopes: z.array(apiScopeSchema).min(1),
  expiresAt: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
});

export const apiScopeListResponseSchema = z.object({
  items: z.array(z.object({ id: apiScopeSchema, description: z.string() })),
});
export const apiKeyListResponseSchema = z.object({ items: z.array(apiKeySchema) });
export const apiKeyResponseSchema = z.object({ apiKey: apiKeySchema });
export const issuedApiKeyResponseSchema = z.object({ apiKey: apiKeySchema, secret: z.string() });
