import { z } from 'zod';
import { isoDateSchema } from '../../platform/http';
import { listOf } from './validation.schemas';
import { officeSchema } from '../organisations/organisations.schemas';
import { SITE_KINDS } from '../../../vocabulary';

export const CONSULTATION_REPLY_KINDS = [
  'no_objection',
  'objection',
  'infringement',
  'unlisted_branch',
] as const;

export const consultationSchema = z
  .object({
    id: z.uuid(),
    /** The office consulted, or null when a partner agency is (`agency` set instead). */
    officeId: z.uuid().nullable(),
    officeName: z.string().nullable(),
    agency: z.string().nullable(),
    /** The office's name or the agency's code. */
    addressee: z.string().nullable(),
    question: z.string(),
    dueDate: isoDateSchema,
    status: z.enum(['pending', 'replied', 'closed_silent']),
    replyKind: z.enum(CONSULTATION_REPLY_KINDS).nullable(),
    replyText: z.string().nullable(),
    repliedAt: z.iso.datetime().nullable(),
    /** The reply, or no objection once the deadline passed in silence (`isSilence`); pending before. */
    outcome: z.enum([...CONSULTATION_REPLY_KINDS, 'pending']),
    isSilence: z.boolean(),
  })
  .meta({ id: 'Consultation' });
export type ConsultationDto = z.output<typeof consultationSchema>;

export const consultationListSchema = listOf(consultationSchema);

/** A consultation as the consulted party reads it: the case in a few words, and what was asked of it. */
export const addressedConsultationSchema = consultationSchema
  .extend({
    applicationId: z.uuid(),
    applicationReference: z.string(),
    operatorName: z.string(),
    operatorTaxpayerId: z.string(),
    authorisationType: z.string(),
    askingOfficeName: z.string().nullable(),
    requestedAt: z.iso.datetime(),
  })
  .meta({ id: 'AddressedConsultation' });
export type AddressedConsultationDto = z.output<typeof addressedConsultationSchema>;

export const addressedConsultationListSchema = listOf(addressedConsultationSchema);

/** One of the case's declared sites, all the consulted party sees of the case file. */
export const consultationSiteSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(SITE_KINDS),
    name: z.string(),
    address: z.string(),
    activities: z.string(),
  })
  .meta({ id: 'ConsultationSite' });
export type ConsultationSiteDto = z.output<typeof consultationSiteSchema>;

export const addressedConsultationDetailSchema = addressedConsultationSchema.extend({
  sites: z.array(consultationSiteSchema),
  /** Whether the caller answers it (headquarters may read an escalated one without being its addressee). */
  canReply: z.boolean(),
});
export type AddressedConsultationDetailDto = z.output<typeof addressedConsultationDetailSchema>;

/** Who may be consulted: offices, and partner agencies with at least one active officer. */
export const consultationAddresseesSchema = z.object({
  offices: z.array(officeSchema.pick({ id: true, code: true, name: true, kind: true })),
  agencies: z.array(z.object({ code: z.string(), officers: z.number().int() })),
});
export type ConsultationAddresseesDto = z.output<typeof consultationAddresseesSchema>;
