import { z } from 'zod';

const isoDateTime = z.iso.datetime();
const isoDate = z.iso.date();

export const authorisationStatusSchema = z.enum(['active', 'suspended', 'revoked']);

export const authorisationSchema = z
  .object({
    id: z.uuid(),
    operatorId: z.uuid(),
    operatorName: z.string().nullable(),
    applicationId: z.uuid(),
    applicationReference: z.string().nullable(),
    decisionId: z.uuid(),
    programmeVersionId: z.string(),
    authorisationType: z.string(),
    tier: z.string(),
    siteIds: z.array(z.string()),
    sites: z.array(z.object({ id: z.string(), kind: z.string(), name: z.string(), address: z.string() })),
    effectiveDate: z.string(),
    status: z.enum(['active', 'suspended', 'revoked']),
    grantedAt: z.string(),
  })
  .meta({ id: 'Authorisation' });
export const authorisationListSchema = z.object({ items: z.array(authorisationSchema) });

export const statusChangeBodySchema = z.strictObject({
  action: z.enum(['suspend', 'reinstate', 'revoke']),
  reason: z.string().trim().min(1).max(4000),
  remediationDeadline: z.iso.date().optional(),
});

export const statusChangeResultSchema = z
  .object({
    authorisationId: z.uuid(),
    status: authorisationStatusSchema,
    previousStatus: authorisationStatusSchema,
    certificateNumber: z.string(),
    leafIndex: z.number().int(),
    changedAt: isoDateTime,
  })
  .meta({ id: 'AuthorisationStatusChangeResult' });

export const statusChangeSchema = z
  .object({
    action: z.enum(['suspend', 'reinstate', 'revoke']),
    fromStatus: authorisationStatusSchema,
    toStatus: authorisationStatusSchema,
    reason: z.string(),
    remediationDeadline: isoDate.nullable(),
    leafIndex: z.number().int(),
    changedAt: isoDateTime,
  })
  .meta({ id: 'AuthorisationStatusChange' });

export const statusChangeListSchema = z.object({ items: z.array(statusChangeSchema) });
