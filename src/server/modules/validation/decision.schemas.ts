import { z } from 'zod';
import { isoDateSchema } from '../../platform/http';
import { authorisationSchema } from '../authorisations/authorisations.schemas';
import { caseSchema, listOf } from './validation.schemas';

/** The notice of intended rejection (the right to be heard) and the applicant's reply. */
export const rejectionNoticeSchema = z
  .object({
    id: z.uuid(),
    reasons: z.string(),
    replyDue: isoDateSchema,
    issuedAt: z.iso.datetime(),
    reply: z.string().nullable(),
    repliedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'RejectionNotice' });
export type RejectionNoticeDto = z.output<typeof rejectionNoticeSchema>;

export const caseDecisionSchema = z
  .object({
    id: z.uuid(),
    outcome: z.enum(['granted', 'rejected']),
    authorisationType: z.string().nullable(),
    tier: z.string().nullable(),
    /** The tier the findings supported; differs from `tier` when the officer overrode it (`overrideReason`). */
    proposedTier: z.string().nullable(),
    overrideReason: z.string().nullable(),
    grounds: z.string(),
    rulesReliedOn: z.array(z.string()),
    appealRoute: z.string().nullable(),
    appealDue: isoDateSchema.nullable(),
    effectiveDate: isoDateSchema.nullable(),
    /** No new application of this type before this date (a rejection, where the programme sets a bar). */
    barredUntil: isoDateSchema.nullable(),
    decidedBy: z.uuid(),
    decidedAt: z.iso.datetime(),
    /** Taken on appeal (headquarters reversed a rejection). */
    onAppeal: z.boolean(),
  })
  .meta({ id: 'CaseDecision' });
export type CaseDecisionDto = z.output<typeof caseDecisionSchema>;

export const caseAppealSchema = z
  .object({
    id: z.uuid(),
    decisionId: z.uuid(),
    grounds: z.string(),
    body: z.string(),
    status: z.enum(['lodged', 'upheld', 'reversed', 'sent_back']),
    lodgedAt: z.iso.datetime(),
    reviewNote: z.string().nullable(),
    reviewedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'CaseAppeal' });
export type CaseAppealDto = z.output<typeof caseAppealSchema>;

/** An official letter of the case; its bytes are at …/documents/{documentId}. */
export const caseDocumentSchema = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    language: z.enum(['en', 'ru']),
    title: z.string(),
    fileName: z.string(),
    mediaType: z.string(),
    /** SHA-256 of the file, hex. */
    checksum: z.string(),
    isShared: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'CaseDocument' });
export type CaseDocumentDto = z.output<typeof caseDocumentSchema>;

export const caseDocumentListSchema = listOf(caseDocumentSchema);

export const grantResultSchema = z.object({
  application: caseSchema,
  decision: caseDecisionSchema,
  authorisation: authorisationSchema,
});

export const rejectionResultSchema = z.object({ application: caseSchema, decision: caseDecisionSchema });

/** The decision, and the authorisation it granted (null for a rejection). */
export const decisionViewSchema = z.object({
  decision: caseDecisionSchema,
  authorisation: authorisationSchema.nullable(),
});

export const appealReviewResultSchema = z.object({
  application: caseSchema,
  appeal: caseAppealSchema,
  /** The authorisation granted on reversal; null otherwise. */
  authorisationId: z.uuid().nullable(),
});
