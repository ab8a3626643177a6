import { z } from 'zod';
import { isoDateSchema } from '../../platform/http';
import { FINDING_VALUES } from './desk-review.engine';

const text = (max: number) => z.string().trim().min(1).max(max);
const scale = z.number().int().min(1).max(5);
const effectiveness = z.enum(['none', 'weak', 'adequate', 'strong']);

export const caseParams = z.object({ id: z.uuid() });
export const findingParams = z.object({ id: z.uuid(), questionId: z.string().min(1).max(80) });
export const findingBody = z.object({
  finding: z.enum(FINDING_VALUES),
  note: z.string().max(10_000).optional(),
  visibility: z.enum(['internal', 'shared']),
});
export const findingsBody = z.object({
  items: z
    .array(findingBody.extend({ questionId: z.string().min(1).max(80) }))
    .min(1)
    .max(500),
});
export const assignmentsBody = z.object({
  assignments: z.array(z.object({ sectionId: z.string().min(1).max(80), reviewerId: z.uuid() })).max(100),
});
export const reasonBody = z.object({ reason: text(5000) });
export const casesQuery = z.object({ assigned: z.enum(['me', 'all']).optional() });

/** Offices and/or partner agencies (their codes, e.g. SPS); the service asks for at least one. */
export const consultationBody = z.object({
  officeIds: z.array(z.uuid()).max(50).optional(),
  agencies: z.array(z.string().trim().min(1).max(32)).max(50).optional(),
  question: text(5000),
  dueDate: isoDateSchema,
});
export const consultationParams = z.object({ id: z.uuid(), consultationId: z.uuid() });
export const consultationReplyBody = z.object({
  kind: z.enum(['no_objection', 'objection', 'infringement', 'unlisted_branch']),
  text: z.string().max(10_000).optional(),
});
export const consultationInboxQuery = z.object({ status: z.enum(['pending', 'all']).default('pending') });
export const consultationIdParams = z.object({ consultationId: z.uuid() });

export const riskBody = z.object({
  catalogueId: z.string().min(1).max(80).optional(),
  criterion: z.string().min(1).max(80).optional(),
  title: z.string().trim().min(1).max(300).optional(),
  description: z.string().max(5000).optional(),
  likelihood: scale,
  impact: scale,
  controls: z.string().max(5000).optional(),
  controlEffectiveness: effectiveness.optional(),
});
export const riskPatchBody = z.object({
  title: z.string().trim().min(1).max(300).optional(),
  description: z.string().max(5000).optional(),
  likelihood: scale.optional(),
  impact: scale.optional(),
  controls: z.string().max(5000).optional(),
  controlEffectiveness: effectiveness.optional(),
});
export const riskParams = z.object({ id: z.uuid(), riskId: z.uuid() });
export const riskMeasureBody = z.object({ description: text(2000), dueDate: isoDateSchema });

export const slotsBody = z.object({
  slots: z
    .array(z.object({ startsAt: z.iso.datetime(), endsAt: z.iso.datetime() }))
    .min(1)
    .max(10),
});
export const slotChoiceBody = z.object({ slotId: z.uuid() });
export const teamBody = z.object({ userIds: z.array(z.uuid()).min(1).max(20) });
export const minutesBody = z.object({ minutes: text(50_000) });
export const checklistParams = z.object({ id: z.uuid(), itemId: z.uuid() });
export const observationBody = z.object({
  result: z.enum(['not_checked', 'ok', 'issue', 'not_applicable']),
  observation: z.string().max(10_000).optional(),
});

export const reportBody = z.object({ recommendation: z.enum(['grant', 'reject', 'improve']) });
export const reportQuery = z.object({ version: z.enum(['internal', 'shared']).default('shared') });
export const commentBody = z.object({ body: text(10_000) });

export const planBody = z.object({
  dueDate: isoDateSchema,
  measures: z
    .array(z.object({ description: text(2000), criterion: z.string().min(1).max(80).optional() }))
    .min(1)
    .max(100),
});
export const planExtensionBody = z.object({ dueDate: isoDateSchema, reason: text(5000) });
export const measureParams = z.object({ id: z.uuid(), measureId: z.uuid() });
export const measureReportBody = z.object({ note: text(5000) });
export const measureVerificationBody = z.object({
  outcome: z.enum(['verified', 'not_met']),
  note: z.string().max(5000).optional(),
});

export const signOffBody = z.object({
  outcome: z.enum(['approved', 'returned', 'referred']),
  note: z.string().max(5000).optional(),
});
export const noticeBody = z.object({ reasons: text(10_000) });
export const noticeReplyBody = z.object({ reply: text(20_000) });
export const grantBody = z.object({
  tier: z.string().min(1).max(80).optional(),
  overrideReason: z.string().max(5000).optional(),
  grounds: z.string().max(10_000).optional(),
  siteIds: z.array(z.uuid()).max(200).optional(),
});
export const rejectBody = z.object({
  grounds: text(20_000),
  rulesReliedOn: z.array(text(500)).min(1).max(50),
  appealRoute: z.string().max(2000).optional(),
});
export const appealBody = z.object({
  grounds: text(5000),
  body: text(50_000),
  evidenceIds: z.array(z.uuid()).max(50).optional(),
});
export const appealReviewBody = z.object({
  outcome: z.enum(['upheld', 'reversed', 'sent_back']),
  note: text(20_000),
  tier: z.string().min(1).max(80).optional(),
  overrideReason: z.string().max(5000).optional(),
});
export const documentParams = z.object({ id: z.uuid(), documentId: z.uuid() });
