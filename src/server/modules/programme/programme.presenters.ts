import type { ProgrammeDefinition, Variant } from '../../../programme-core/programme-definition.schemas';
import type { ProgrammeVersionRow } from './programme.repository';
import type { LoadedProgrammeVersionDto, ProgrammeDto, ProgrammeVersionDto } from './programme.schemas';

/** The published programme: types as `types`, and the questionnaire of one variant (all of it when none is named). */
export function presentProgramme(
  id: string,
  definition: ProgrammeDefinition,
  variant: Variant | undefined,
): ProgrammeDto {
  const { authorisationTypes, questionnaire, ...rest } = definition;
  return {
    ...rest,
    id: definition.id,
    versionId: id,
    types: authorisationTypes,
    questionnaire: {
      sections: questionnaire.sections
        .map((section) => ({
          ...section,
          questions: variant
            ? section.questions.filter((question) => question.variants.includes(variant))
            : section.questions,
        }))
        .filter((section) => section.questions.length > 0),
    },
  };
}

export function presentProgrammeVersion(
  row: Pick<ProgrammeVersionRow, 'id' | 'programme_id' | 'version' | 'is_active' | 'loaded_at'>,
): ProgrammeVersionDto {
  return {
    id: row.id,
    programmeId: row.programme_id,
    version: row.version,
    isActive: row.is_active,
    loadedAt: row.loaded_at.toISOString(),
  };
}

export function presentLoadedProgrammeVersion(
  id: string,
  definition: ProgrammeDefinition,
): LoadedProgrammeVersionDto {
  return { id, programmeId: definition.id, version: definition.version };
}
