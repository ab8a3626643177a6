import { z } from 'zod';
import { AUTHORISATION_STATUSES, STATUS_ACTIONS } from '../../../vocabulary';

const isoDateTime = z.iso.datetime();
const isoDate = z.iso.date();

export const authorisationStatusSchema = z.enum(AUTHORISATION_STATUSES);

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
    status: z.enum(AUTHORISATION_STATUSES),
    grantedAt: z.string(),
  })
  .meta({ id: 'Authorisation' });
export type AuthorisationDto = z.infer<typeof authorisationSchema>;
export const authorisationListSchema = z.object({ items: z.array(authorisationSchema) });

export const statusChangeBodySchema = z.strictObject({
  action: z.enum(STATUS_ACTIONS),
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
export type StatusChangeResultDto = z.infer<typeof statusChangeResultSchema>;

export const statusChangeSchema = z
  .object({
    action: z.enum(STATUS_ACTIONS),
    fromStatus: authorisationStatusSchema,
    toStatus: authorisationStatusSchema,
    reason: z.string(),
    remediationDeadline: isoDate.nullable(),
    leafIndex: z.number().int(),
    changedAt: isoDateTime,
  })
  .meta({ id: 'AuthorisationStatusChange' });
export type StatusChangeDto = z.infer<typeof statusChangeSchema>;

export const statusChangeListSchema = z.object({ items: z.array(statusChangeSchema) });
