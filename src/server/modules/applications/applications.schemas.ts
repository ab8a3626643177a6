import { z } from 'zod';
import { OPERATOR_ROLES, VARIANTS, variantSchema } from '../../../programme-core';
import { APPLICATION_ACTIONS, APPLICATION_STATES } from '../../../vocabulary/application-lifecycle';
import { SITE_KINDS } from '../../../vocabulary';

// ---- Requests ------------------------------------------------------------------------------------------------

export const registrationBody = z.object({
  legalName: z.string().trim().min(2).max(300),
  taxpayerId: z.string().trim().min(3).max(50),
  country: z.string().regex(/^[A-Za-z]{2}$/, 'Use an ISO 3166-1 alpha-2 country code.'),
  address: z.string().trim().min(5).max(500),
  roles: z.array(z.enum(OPERATOR_ROLES)).min(1),
  employees: z.number().int().min(0).max(10_000_000),
  annualTurnover: z.number().min(0).max(1e15),
  user: z.object({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(320),
    password: z.string().min(1).max(1024),
    language: z.enum(['en', 'ru']).optional(),
  }),
});

export const createApplicationBody = z.object({
  authorisationType: z.string().min(1).max(80),
  variant: variantSchema.optional(),
  operatorId: z.uuid().optional(),
});

/** `status` is a comma-separated list of states. */
export const listApplicationsQuery = z.object({ status: z.string().max(200).optional() });

export const answerParams = z.object({ id: z.uuid(), questionId: z.string().min(1).max(80) });
/** The question's own rules (answer-validation) check the answer; the route only needs an object. */
export const answerBody = z.record(z.string(), z.unknown());

export const evidenceParams = z.object({ id: z.uuid(), evidenceId: z.uuid() });

export const siteBody = z.object({
  kind: z.enum(SITE_KINDS),
  name: z.string().trim().min(1).max(200),
  address: z.string().trim().min(3).max(500),
  activities: z.string().max(2000).optional(),
  licence: z.string().max(200).optional(),
});

export const siteParams = z.object({ id: z.uuid(), siteId: z.uuid() });

export const acceptanceBody = z.object({
  outcome: z.enum(['accepted', 'information_requested', 'not_accepted']),
  reason: z.string().max(5000).optional(),
});

export const replyBody = z.object({
  body: z.string().trim().min(1).max(10_000),
  evidenceIds: z.array(z.uuid()).max(50).optional(),
});

export const withdrawBody = z.object({ reason: z.string().max(2000).optional() }).optional();

export const assignmentBody = z.object({ validatorId: z.uuid().nullable() });

export const messageBody = z.object({ body: z.string().trim().min(1).max(10_000) });

// ---- Responses -----------------------------------------------------------------------------------------------

/** Wire dates: timestamps as ISO date-times, calendar days (deadlines) as YYYY-MM-DD. */
const dateTime = z.string();
const day = z.string();

/** One application, as every route that answers with the case's state sends it. */
export const applicationSchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    status: z.enum(APPLICATION_STATES),
    operatorId: z.uuid(),
    /** The operator's legal name in lists; null where the case carries `operator` instead. */
    operatorName: z.string().nullable(),
    programmeVersionId: z.string(),
    authorisationType: z.string(),
    variant: z.enum(VARIANTS),
    isSme: z.boolean(),
    officeId: z.string().nullable(),
    assignedValidatorId: z.string().nullable(),
    version: z.number().int(),
    createdAt: dateTime,
    submittedAt: dateTime.nullable(),
    acceptanceDue: day.nullable(),
    acceptedAt: dateTime.nullable(),
    decisionDue: day.nullable(),
    informationDue: day.nullable(),
    pausedSince: day.nullable(),
    pausedDays: z.number().int(),
    closedAt: dateTime.nullable(),
    closingReason: z.string().nullable(),
  })
  .meta({ id: 'Application' });

export const applicationListSchema = z.object({ items: z.array(applicationSchema) });

export const evidenceSchema = z
  .object({
    id: z.uuid(),
    fileName: z.string(),
    mediaType: z.string(),
    size: z.number().int(),
    /** SHA-256 of the content, hex. */
    checksum: z.string(),
    uploadedAt: dateTime,
  })
  .meta({ id: 'ApplicationEvidence' });

export const siteSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(SITE_KINDS),
    name: z.string(),
    address: z.string(),
    activities: z.string(),
    licence: z.string().nullable(),
  })
  .meta({ id: 'ApplicationSite' });

export const messageSchema = z
  .object({
    id: z.uuid(),
    side: z.enum(['operator', 'customs', 'system']),
    kind: z.enum(['information_request', 'reply', 'message']),
    body: z.string(),
    dueDate: day.nullable(),
    evidenceIds: z.array(z.string()).nullable(),
    createdAt: dateTime,
  })
  .meta({ id: 'ApplicationMessage' });

/** What posting a message answers: the message's id and time (a documented subset of the message). */
export const messageReceiptSchema = messageSchema.pick({ id: true, createdAt: true });

/** A stored answer: a value, or one of the two explained non-answers every question allows. */
export const answerRecordSchema = z.union([
  z.object({ notApplicable: z.literal(true), explanation: z.string() }),
  z.object({ alreadyProvided: z.literal(true), reference: z.string(), explanation: z.string() }),
  z.object({ value: z.unknown(), description: z.string().optional() }),
]);

/** The case's answers by question id, each with its version for If-Match. */
const storedAnswerSchema = z.union([
  z.object({ notApplicable: z.literal(true), explanation: z.string(), version: z.number().int() }),
  z.object({
    alreadyProvided: z.literal(true),
    reference: z.string(),
    explanation: z.string(),
    version: z.number().int(),
  }),
  z.object({ value: z.unknown(), description: z.string().optional(), version: z.number().int() }),
]);

export const savedAnswerSchema = z
  .object({
    questionId: z.string(),
    answer: answerRecordSchema,
    version: z.number().int(),
    updatedAt: dateTime,
  })
  .meta({ id: 'SavedAnswer' });

const localisedText = z.object({ en: z.string(), ru: z.string() });
const completenessCount = {
  visible: z.number().int(),
  required: z.number().int(),
  answered: z.number().int(),
};

export const completenessSchema = z
  .object({
    ...completenessCount,
    isComplete: z.boolean(),
    missing: z.array(z.object({ questionId: z.string(), sectionId: z.string(), title: localisedText })),
    bySection: z.array(z.object({ ...completenessCount, sectionId: z.string(), title: localisedText })),
    byCriterion: z.array(
      z.object({
        ...completenessCount,
        criterionId: z.string(),
        title: localisedText,
        evidencedBy: z.array(z.string()),
        isEvidenced: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'ApplicationCompleteness' });

/** The application with everything its reader works on, and what the caller may do with it next. */
export const applicationCaseSchema = applicationSchema
  .extend({
    operator: z.object({
      id: z.uuid(),
      legalName: z.string(),
      country: z.string(),
      roles: z.array(z.string()),
    }),
    answers: z.record(z.string(), storedAnswerSchema),
    evidence: z.array(evidenceSchema),
    sites: z.array(siteSchema),
    messages: z.array(messageSchema),
    completeness: completenessSchema,
    /**
     * The lifecycle actions the caller may take on the case now. Customs get the intake decisions here; the
     * examination's actions come with the validation workspace.
     */
    allowedActions: z.array(z.enum(APPLICATION_ACTIONS)),
  })
  .meta({ id: 'ApplicationCase' });

export const timelineEntrySchema = z
  .object({
    at: dateTime,
    action: z.string(),
    actor: z.string().nullable(),
    onBehalfOfOperatorId: z.string().nullable(),
    summary: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'ApplicationTimelineEntry' });

export const timelineSchema = z.object({ items: z.array(timelineEntrySchema) });

export type ApplicationView = z.output<typeof applicationSchema>;
export type ApplicationCaseView = z.output<typeof applicationCaseSchema>;
export type EvidenceView = z.output<typeof evidenceSchema>;
export type SiteView = z.output<typeof siteSchema>;
export type MessageView = z.output<typeof messageSchema>;
export type MessageReceiptView = z.output<typeof messageReceiptSchema>;
export type SavedAnswerView = z.output<typeof savedAnswerSchema>;
export type TimelineEntryView = z.output<typeof timelineEntrySchema>;
