import { z } from 'zod';
import { isoDateSchema } from '../../platform/http';
import { APPLICATION_ACTIONS, APPLICATION_STATES } from '../../../vocabulary/application-lifecycle';
import { FINDING_VALUES } from './desk-review.engine';
import { CHECKLIST_RESULTS, CONTROL_EFFECTIVENESS } from '../../../vocabulary';

const text = (max: number) => z.string().trim().min(1).max(max);
const scale = z.number().int().min(1).max(5);
const effectiveness = z.enum(CONTROL_EFFECTIVENESS);

/** A list response, `{ items: [...] }`. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

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
  result: z.enum(CHECKLIST_RESULTS),
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

// Responses. Dates are 'YYYY-MM-DD' strings, timestamps ISO strings.

const localisedText = z.object({ en: z.string(), ru: z.string() });
const findingValue = z.enum(FINDING_VALUES);
const criterionFinding = z.enum(['satisfied', 'partly_satisfied', 'not_satisfied', 'not_assessed']);
const riskLevel = z.enum(['low', 'medium', 'high', 'very_high']);

export const caseClockSchema = z
  .object({
    decisionDue: z.string().nullable(),
    pausedSince: z.string().nullable(),
    pausedDays: z.number(),
    isPaused: z.boolean(),
    /** Negative once overdue; null without a deadline. */
    daysLeft: z.number().nullable(),
    isOverdue: z.boolean(),
    extension: z
      .object({ days: z.number(), reason: z.string(), previousDue: z.string(), newDue: z.string() })
      .nullable(),
  })
  .meta({ id: 'CaseClock' });

export const caseSchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    status: z.enum(APPLICATION_STATES),
    operatorId: z.uuid(),
    operatorName: z.string().nullable(),
    authorisationType: z.string(),
    officeId: z.uuid().nullable(),
    assignedValidatorId: z.uuid().nullable(),
    decisionDue: z.string().nullable(),
    pausedSince: z.string().nullable(),
    pausedDays: z.number(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'ValidationCaseState' });

export const caseListSchema = listOf(
  caseSchema.extend({ clock: caseClockSchema }).meta({ id: 'ValidationCase' }),
);

export const findingSchema = z
  .object({
    questionId: z.string(),
    finding: findingValue,
    note: z.string(),
    visibility: z.enum(['internal', 'shared']),
    reviewerId: z.uuid(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ReviewFinding' });
export const findingListSchema = listOf(findingSchema);

export const deskReviewSummarySchema = z
  .object({
    criteria: z.array(
      z.object({
        criterionId: z.string(),
        code: z.string().nullable(),
        questionIds: z.array(z.string()),
        counts: z.object({
          satisfactory: z.number(),
          needs_improvement: z.number(),
          unsatisfactory: z.number(),
          not_verified: z.number(),
          unreviewed: z.number(),
        }),
        finding: criterionFinding,
      }),
    ),
    /** Area scores 0–100 where the programme scores. */
    scores: z.record(z.string(), z.number()).nullable(),
    proposal: z.object({
      authorisationType: z.string(),
      tier: z.string().nullable(),
      satisfiedTiers: z.array(z.string()),
      unmet: z.array(
        z.object({
          tier: z.string(),
          criteria: z.array(z.string()),
          scores: z.array(z.object({ area: z.string(), min: z.number(), actual: z.number().nullable() })),
        }),
      ),
      alternatives: z.array(z.object({ authorisationType: z.string(), tier: z.string() })),
    }),
    reviewed: z.number(),
    total: z.number(),
    sections: z.array(z.object({ sectionId: z.string(), reviewed: z.number(), total: z.number() })),
  })
  .meta({ id: 'DeskReviewSummary' });

export const findingsSummarySchema = z.object({
  items: z.array(findingSchema),
  summary: deskReviewSummarySchema,
});

const assignmentSchema = z.object({ sectionId: z.string(), reviewerId: z.uuid() });
export const assignmentListSchema = listOf(assignmentSchema);

export const workspaceSchema = caseSchema
  .extend({
    operatorName: z.string(),
    clock: caseClockSchema,
    /** The lifecycle actions the caller may take now (role, office and four eyes applied). */
    allowedActions: z.array(z.enum(APPLICATION_ACTIONS)),
    signOff: z.object({
      levels: z.array(
        z.object({
          number: z.number(),
          id: z.string(),
          title: localisedText,
          roles: z.array(z.enum(['validator', 'aeo_manager'])),
          headquarters: z.boolean(),
          signedBy: z.uuid().nullable(),
          signedByName: z.string().nullable(),
          signedAt: z.string().nullable(),
        }),
      ),
      nextLevel: z.number().nullable(),
    }),
    assignments: z.array(assignmentSchema),
    findings: z.array(findingSchema),
    summary: deskReviewSummarySchema,
  })
  .meta({ id: 'ValidationWorkspace' });

export const complianceHistorySchema = z
  .object({
    since: z.string(),
    declarations: z.number(),
    controlled: z.number(),
    inspected: z.number(),
    found: z.number(),
    critical: z.number(),
    findingRate: z.number().nullable(),
    dutyRecovered: z.number(),
    firstDeclaration: z.string().nullable(),
    lastDeclaration: z.string().nullable(),
    latestFindings: z.array(
      z.object({
        declarationId: z.string(),
        date: z.string(),
        office: z.string(),
        critical: z.boolean(),
        dutyRecovered: z.number().nullable(),
        notes: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'ComplianceHistory' });

export const riskMeasureSchema = z
  .object({ id: z.uuid(), description: z.string(), dueDate: z.string(), status: z.enum(['open', 'done']) })
  .meta({ id: 'RiskMeasure' });

const riskRatingSchema = z
  .object({ likelihood: z.number(), impact: z.number(), score: z.number(), level: riskLevel })
  .meta({ id: 'RiskRating' });

export const riskMapEntrySchema = z
  .object({
    id: z.uuid(),
    catalogueId: z.string().nullable(),
    criterion: z.string(),
    title: z.string(),
    description: z.string(),
    likelihood: z.number(),
    impact: z.number(),
    controls: z.string(),
    controlEffectiveness: effectiveness,
    inherent: riskRatingSchema,
    residual: riskRatingSchema,
    measures: z.array(riskMeasureSchema),
  })
  .meta({ id: 'RiskMapEntry' });

export const riskMapSchema = z
  .object({
    items: z.array(riskMapEntrySchema),
    /** 5 × 5 cells, rows from likelihood 5 down to 1; each lists the entry ids before and after controls. */
    heatMap: z.array(
      z.array(
        z.object({
          likelihood: z.number(),
          impact: z.number(),
          level: riskLevel,
          inherent: z.array(z.uuid()),
          residual: z.array(z.uuid()),
        }),
      ),
    ),
    suggestions: z.array(
      z.object({
        catalogueId: z.string(),
        criterion: z.string(),
        title: localisedText,
        description: localisedText,
        typicalControls: z.array(localisedText),
        questionIds: z.array(z.string()),
        suggestedLikelihood: z.number(),
        suggestedImpact: z.number(),
      }),
    ),
  })
  .meta({ id: 'RiskMap' });

export const riskCreatedSchema = z.object({ id: z.uuid(), title: z.string(), criterion: z.string() });
export const riskUpdatedSchema = z.object({
  id: z.uuid(),
  likelihood: z.number(),
  impact: z.number(),
  controlEffectiveness: effectiveness,
});

export const visitSlotSchema = z
  .object({
    id: z.uuid(),
    startsAt: z.string(),
    endsAt: z.string(),
    status: z.enum(['proposed', 'chosen', 'discarded']),
    chosenAt: z.string().nullable(),
  })
  .meta({ id: 'VisitSlot' });
export const visitSlotListSchema = listOf(visitSlotSchema);

export const checklistPhotoSchema = z
  .object({
    id: z.uuid(),
    fileName: z.string(),
    mediaType: z.string(),
    size: z.number(),
    caption: z.string(),
    takenAt: z.string(),
  })
  .meta({ id: 'ChecklistPhoto' });

export const checklistItemSchema = z
  .object({
    id: z.uuid(),
    position: z.number(),
    source: z.enum(['risk', 'question']),
    sourceRef: z.string(),
    criterion: z.string(),
    title: z.string(),
    result: z.enum(CHECKLIST_RESULTS),
    observation: z.string(),
    observedAt: z.string().nullable(),
    /** The image itself is at …/photos/{photoId}. */
    photos: z.array(checklistPhotoSchema.omit({ mediaType: true })),
  })
  .meta({ id: 'ChecklistItem' });
export const checklistListSchema = listOf(checklistItemSchema);

export const visitSchema = z
  .object({
    slots: z.array(visitSlotSchema),
    /** Team, minutes and checklist: customs only. */
    team: z.array(z.uuid()).optional(),
    minutes: z.string().nullable().optional(),
    checklist: z.array(checklistItemSchema).optional(),
  })
  .meta({ id: 'Visit' });
export const visitTeamSchema = z.object({ team: z.array(z.uuid()) });
export const visitMinutesSchema = z.object({ minutes: z.string().nullable() });

const recommendation = z.enum(['grant', 'reject', 'improve']);
export const reportIssuedSchema = z.object({
  id: z.uuid(),
  number: z.number(),
  status: z.enum(APPLICATION_STATES),
});
export const reportSchema = z
  .object({
    id: z.uuid(),
    number: z.number(),
    issuedAt: z.string(),
    /** The internal version only. */
    recommendation: recommendation.optional(),
    /** The report as issued (title, criteria, scores, sections), stored as it was then. */
    content: z.record(z.string(), z.unknown()),
    comments: z.array(
      z.object({ id: z.uuid(), author: z.string(), body: z.string(), createdAt: z.string() }),
    ),
  })
  .meta({ id: 'ValidationReport' });
export const reportCommentCreatedSchema = z.object({ id: z.uuid(), createdAt: z.string() });

export const improvementMeasureSchema = z
  .object({
    id: z.uuid(),
    criterion: z.string().nullable(),
    description: z.string(),
    status: z.enum(['open', 'reported_done', 'verified', 'not_met']),
    operatorNote: z.string().nullable(),
    reportedAt: z.string().nullable(),
    verifiedAt: z.string().nullable(),
    verificationNote: z.string().nullable(),
  })
  .meta({ id: 'ImprovementMeasure' });

export const improvementPlanSchema = z
  .object({
    dueDate: z.string(),
    originalDue: z.string(),
    extensionReason: z.string().nullable(),
    extendedAt: z.string().nullable(),
    isOverdue: z.boolean(),
    measures: z.array(improvementMeasureSchema),
  })
  .meta({ id: 'ImprovementPlan' });
