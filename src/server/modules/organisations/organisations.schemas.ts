import { DELEGATION_RIGHTS } from '../../../vocabulary/roles';
import { z } from 'zod';
import { isoDateSchema } from '../../platform/http';
import { languageSchema, operatorRightSchema, userSchema, type meSchema } from '../accounts/accounts.schemas';
import { OFFICE_KINDS } from '../../../vocabulary';

export const officeSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(OFFICE_KINDS),
    parentId: z.uuid().nullable(),
    regions: z.array(z.string()),
  })
  .meta({ id: 'Office' });
export type OfficeDto = z.infer<typeof officeSchema>;

export const officeBodySchema = z.object({
  code: z.string().trim().min(1).max(20),
  name: z.string().trim().min(1).max(200),
  kind: z.enum(OFFICE_KINDS),
  parentId: z.uuid().nullable().optional(),
  regions: z.array(z.string().trim().min(1).max(100)).max(200).default([]),
});

export const operatorSchema = z
  .object({
    id: z.uuid(),
    legalName: z.string(),
    taxpayerId: z.string(),
    country: z.string(),
    address: z.string(),
    roles: z.array(z.string()),
    employees: z.number().nullable(),
    annualTurnover: z.number().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Operator' });
export type OperatorDto = z.infer<typeof operatorSchema>;

/** The answer to a self-registration: the same whether or not the e-mail already has an account. */
export const registrationRequestedSchema = z.object({
  registration: z.object({
    status: z.literal('confirmation_sent'),
    email: z.string(),
    expiresAt: z.string(),
    isSme: z.boolean(),
  }),
});

export const registrationConfirmedSchema = z.object({
  operator: operatorSchema.extend({ isSme: z.boolean() }),
  user: userSchema,
});

export const delegationRightSchema = z.enum(DELEGATION_RIGHTS);

export const delegationSchema = z
  .object({
    id: z.uuid(),
    principal: z.object({ id: z.uuid(), legalName: z.string() }),
    delegate: z.object({ id: z.uuid(), legalName: z.string() }),
    rights: z.array(delegationRightSchema),
    validFrom: z.string(),
    validUntil: z.string(),
    revokedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Delegation' });
export type DelegationDto = z.infer<typeof delegationSchema>;

export const grantDelegationBodySchema = z.object({
  delegateTaxpayerId: z.string().trim().min(1).max(50),
  /** As registered: it must match the taxpayer id, so a grant never reveals who holds a taxpayer id. */
  delegateLegalName: z.string().trim().min(1).max(300),
  delegateCountry: z.string().regex(/^[A-Za-z]{2}$/, 'Use an ISO 3166-1 alpha-2 country code.'),
  rights: z.array(delegationRightSchema).min(1),
  validFrom: isoDateSchema,
  validUntil: isoDateSchema,
});

export const inviteBodySchema = z.object({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  rights: z.array(operatorRightSchema).min(1),
  language: languageSchema.optional(),
});

export const acceptInvitationBodySchema = z.object({
  name: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(1024),
});

export const operatorUserPatchSchema = z.object({
  rights: z.array(operatorRightSchema).min(1).optional(),
  disabled: z.boolean().optional(),
});

export const CHANGE_KINDS = [
  'legal_form',
  'ownership',
  'management',
  'address',
  'premises',
  'activities',
  'customs_contact',
  'insolvency',
  'other',
] as const;

export const changeNotificationBodySchema = z.object({
  kind: z.enum(CHANGE_KINDS),
  description: z.string().trim().min(1).max(5000),
  effectiveDate: isoDateSchema,
});

export const changeNotificationSchema = z
  .object({
    id: z.uuid(),
    operatorId: z.uuid(),
    kind: z.string(),
    description: z.string(),
    effectiveDate: z.string(),
    status: z.string(),
    submittedAt: z.string(),
    acknowledgedAt: z.string().nullable(),
  })
  .meta({ id: 'ChangeNotification' });
export type ChangeNotificationDto = z.infer<typeof changeNotificationSchema>;

export const officeListResponseSchema = z.object({ items: z.array(officeSchema) });
export const officeResponseSchema = z.object({ office: officeSchema });
export const operatorResponseSchema = z.object({ operator: operatorSchema });

export const operatorParamsSchema = z.object({ id: z.uuid(), userId: z.uuid() });
export const tokenParamsSchema = z.object({ token: z.string().min(20).max(100) });

export const operatorUserListResponseSchema = z.object({
  items: z.array(z.object({ user: userSchema, rights: z.array(operatorRightSchema) })),
});
export const operatorUserResponseSchema = z.object({ user: userSchema });

export const invitationResponseSchema = z.object({
  invitation: z.object({ id: z.uuid(), email: z.string(), expiresAt: z.string() }),
});

export const delegationListResponseSchema = z.object({
  granted: z.array(delegationSchema),
  received: z.array(delegationSchema),
});
export const delegationResponseSchema = z.object({ delegation: delegationSchema });

export const changeNotificationListResponseSchema = z.object({ items: z.array(changeNotificationSchema) });
export const changeNotificationResponseSchema = z.object({ changeNotification: changeNotificationSchema });

/** The part of /me the organisations module answers. */
export type MembershipDto = Pick<z.infer<typeof meSchema>, 'operator' | 'actingFor'>;
