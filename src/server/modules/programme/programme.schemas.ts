import { z } from 'zod';
import { isoDateSchema } from '../../platform/http';
import {
  authorisationTypeSchema,
  localisedTextSchema,
  programmeDefinitionSchema,
  sectionSchema,
  variantSchema,
} from '../../../programme-core/programme-definition.schemas';

export const programmeQuerySchema = z.object({ variant: variantSchema.optional() });
export const programmeVersionParamsSchema = z.object({ versionId: z.uuid() });

/**
 * The published programme (a TFA 7.7 duty): the definition as loaded, its authorisation types as `types`, and the
 * questionnaire of one variant. Built from the definition's own schemas, so a field added there is published too.
 */
export const programmeSchema = programmeDefinitionSchema
  .omit({ authorisationTypes: true, questionnaire: true })
  .extend({
    versionId: z.uuid(),
    types: z.array(authorisationTypeSchema),
    // One variant's questionnaire may have fewer sections than the definition requires of a whole one.
    questionnaire: z.object({ sections: z.array(sectionSchema) }),
  })
  .meta({ id: 'Programme' });
export type ProgrammeDto = z.infer<typeof programmeSchema>;

export const readinessBodySchema = z.object({ answers: z.record(z.string(), z.boolean()) });

const readinessStatusSchema = z.enum(['ready', 'partly', 'missing']);

export const readinessReportSchema = z
  .object({
    status: readinessStatusSchema,
    criteria: z.array(
      z.object({
        criterionId: z.string(),
        title: localisedTextSchema,
        status: readinessStatusSchema,
        yes: z.number(),
        total: z.number(),
        toPrepare: z.array(
          z.object({ itemId: z.string(), question: localisedTextSchema, advice: localisedTextSchema }),
        ),
      }),
    ),
  })
  .meta({ id: 'ReadinessReport' });

export const programmeVersionSchema = z
  .object({
    id: z.uuid(),
    programmeId: z.string(),
    version: z.string(),
    isActive: z.boolean(),
    loadedAt: z.string(),
  })
  .meta({ id: 'ProgrammeVersion' });
export type ProgrammeVersionDto = z.infer<typeof programmeVersionSchema>;

export const programmeVersionListResponseSchema = z.object({ items: z.array(programmeVersionSchema) });

/** A definition is validated by the service (to answer with every issue at once), not by the route. */
export const loadProgrammeVersionBodySchema = z.record(z.string(), z.unknown());

export const loadedProgrammeVersionSchema = z.object({
  id: z.uuid(),
  programmeId: z.string(),
  version: z.string(),
});
export type LoadedProgrammeVersionDto = z.infer<typeof loadedProgrammeVersionSchema>;

export const holidaySchema = z.object({ day: z.string(), name: z.string() }).meta({ id: 'Holiday' });
export const holidayListResponseSchema = z.object({ items: z.array(holidaySchema) });

export const holidayParamsSchema = z.object({ day: isoDateSchema });
export const holidayBodySchema = z.object({ name: z.string().trim().min(1).max(200) });
