import type {
  AnswerMap,
  AnswerRecord,
  OperatorRole,
  ProgrammeDefinition,
  QuestionnaireContext,
  Variant,
} from '../../../programme-core';
import type { ApplicationRow, ApplicationsService } from '../applications/applications.service';
import type { OrganisationsService } from '../organisations/organisations.service';
import type { ProgrammeService } from '../programme/programme.service';

/** A case as the examination reads it: its programme version, the applicant's answers and who the applicant is. */
export interface CaseData {
  application: ApplicationRow;
  definition: ProgrammeDefinition;
  questionnaire: QuestionnaireContext;
  answers: AnswerMap;
  operatorName: string;
}

/** Reads a case's `CaseData`, for a caller already authorised for it. */
export class CaseDataReader {
  constructor(
    private readonly programme: ProgrammeService,
    private readonly organisations: OrganisationsService,
    private readonly applications: ApplicationsService,
  ) {}

  async read(application: ApplicationRow): Promise<CaseData> {
    const [{ definition }, answers, operator] = await Promise.all([
      this.programme.getVersion(application.programme_version_id),
      this.applications.listAnswerRecords(application.id),
      this.organisations.getOperatorRow(application.operator_id),
    ]);
    const answerMap: Record<string, AnswerRecord> = {};
    for (const row of answers) answerMap[row.question_id] = row.answer as unknown as AnswerRecord;
    return {
      application,
      definition,
      answers: answerMap,
      operatorName: operator.legal_name,
      questionnaire: {
        variant: application.variant as Variant,
        authorisationType: application.authorisation_type,
        operatorRoles: operator.roles as OperatorRole[],
        isSme: application.is_sme,
      },
    };
  }
}
