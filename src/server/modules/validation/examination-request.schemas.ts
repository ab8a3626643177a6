import { z } from 'zod';
import { isoDateSchema } from '../../platform/http';
import { evidenceSchema } from '../applications/applications.schemas';
import { listOf } from './validation.schemas';

export const informationRequestBody = z.object({
  message: z.string().trim().min(1).max(10_000),
  questionIds: z.array(z.string().min(1).max(80)).max(200).optional(),
  /** Defaults to today plus the programme's reply period. */
  dueDate: isoDateSchema.optional(),
});
export const informationRequestParams = z.object({ id: z.uuid(), requestId: z.uuid() });
export const informationRequestReplyBody = z.object({
  text: z.string().trim().min(1).max(20_000),
  evidenceIds: z.array(z.uuid()).max(50).optional(),
});

/** A question's title in both languages, as the programme states it. */
const localisedTextSchema = z.object({ en: z.string(), ru: z.string() });

export const informationRequestSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['open', 'answered', 'lapsed']),
    message: z.string(),
    /** The questions asked about; `title` is null for one the programme no longer has. */
    questions: z.array(z.object({ id: z.string(), title: localisedTextSchema.nullable() })),
    dueDate: isoDateSchema,
    /** Still open although its reply date has passed (the scheduler lapses it on its next run). */
    isOverdue: z.boolean(),
    requestedAt: z.iso.datetime(),
    replyText: z.string().nullable(),
    /** `fileName` is null for a file no longer among the case's evidence. */
    evidence: z.array(z.object({ id: z.uuid(), fileName: z.string().nullable() })),
    repliedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'InformationRequest' });
export type InformationRequestDto = z.output<typeof informationRequestSchema>;

export const informationRequestListSchema = listOf(informationRequestSchema);

/** The evidence file stored for a reply; it joins the case's evidence. */
export const informationRequestEvidenceSchema = evidenceSchema.omit({ uploadedAt: true });
