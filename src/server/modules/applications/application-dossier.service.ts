import { sha256Hex } from '../../platform/crypto';
import type { Db, Trx } from '../../platform/database';
import { conflict, notFound, validationError } from '../../platform/errors';
import type { RequestContext } from '../../platform/request-context';
import type { UploadedFile } from '../../platform/uploads';
import type { AuditService } from '../audit/audit.service';
import type { OrganisationsService } from '../organisations/organisations.service';
import {
  completeness,
  validateAnswer,
  type AnswerRecord,
  type OperatorRole,
  type ProgrammeDefinition,
  type Question,
  type Variant,
  today,
} from '../../../programme-core';
import type { ProgrammeService } from '../programme/programme.service';
import { EDITABLE_STATES, type ApplicationState } from '../../../vocabulary/application-lifecycle';
import type { ApplicationAccessService } from './application-access.service';
import { ApplicationsRepository, type ApplicationRow } from './applications.repository';
import { caseActionsFor } from './case-actions';

/** Evidence is checked by its bytes, never by its name. */
/** The types evidence is stored in (its download route documents them too). */
export const EVIDENCE_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
const EVIDENCE_TYPES = new Set<string>(EVIDENCE_MEDIA_TYPES);

function findQuestion(definition: ProgrammeDefinition, questionId: string): Question | undefined {
  for (const section of definition.questionnaire.sections) {
    const question = section.questions.find((candidate) => candidate.id === questionId);
    if (question) return question;
  }
  return undefined;
}

/** What the applicant prepares: the case as read, its answers, evidence and sites, while it may still change. */
export class ApplicationDossierService {
  private readonly repository = new ApplicationsRepository();

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly programme: ProgrammeService,
    private readonly organisations: OrganisationsService,
    private readonly access: ApplicationAccessService,
  ) {}

  /**
   * The case as its reader may see it, with answers, completeness, evidence, scope and messages, and the lifecycle
   * actions the caller may take on it.
   */
  async getCase(context: RequestContext, id: string) {
    const access = await this.access.authorize(context, id, 'view');
    const [data, maySubmit] = await Promise.all([
      this.readCase(access.application),
      this.access.holdsRight(context, access, 'submit'),
    ]);
    const allowedActions = caseActionsFor(access.application, {
      side: access.side,
      maySubmit,
      today: today(context.now),
    });
    return { ...data, allowedActions };
  }

  /** The case's records and completeness, for a caller already authorised for it. */
  async readCase(application: ApplicationRow) {
    const id = application.id;
    const [programme, answers, evidence, sites, messages, operator] = await Promise.all([
      this.programme.getVersion(application.programme_version_id),
      this.repository.listAnswers(this.db, id),
      this.repository.listEvidence(this.db, id),
      this.repository.listSites(this.db, id),
      this.repository.listMessages(this.db, id),
      this.organisations.getOperatorRow(application.operator_id),
    ]);
    const answerMap: Record<string, AnswerRecord> = {};
    for (const answer of answers) answerMap[answer.question_id] = answer.answer as unknown as AnswerRecord;
    const summary = completeness(
      programme.definition,
      this.questionnaireContext(application, operator.roles),
      answerMap,
    );
    return {
      application,
      operator,
      answers,
      evidence,
      sites,
      messages,
      completeness: summary,
      definition: programme.definition,
    };
  }

  /** For the validation module, which has already authorised the caller for the case. */
  listAnswerRecords(id: string) {
    return this.repository.listAnswers(this.db, id);
  }

  /** For the validation module, which has already authorised the caller for the case. */
  listSiteRows(id: string, executor?: Trx) {
    return this.repository.listSites(executor ?? this.db, id);
  }

  private questionnaireContext(application: ApplicationRow, operatorRoles: string[]) {
    return {
      variant: application.variant as Variant,
      authorisationType: application.authorisation_type,
      operatorRoles: operatorRoles as OperatorRole[],
      isSme: application.is_sme,
    };
  }

  async saveAnswer(
    context: RequestContext,
    id: string,
    questionId: string,
    body: unknown,
    ifMatch: number | undefined,
  ) {
    const { application, onBehalfOfOperatorId } = await this.access.authorize(context, id, 'prepare');
    this.assertEditable(application);
    const { definition } = await this.programme.getVersion(application.programme_version_id);
    const question = findQuestion(definition, questionId);
    if (!question)
      throw validationError([{ path: 'questionId', message: `Unknown question ${questionId}.` }]);
    const validation = validateAnswer(question, body);
    if (!validation.ok)
      throw validationError(
        validation.fields.map((field) => ({ path: field.path || 'body', message: field.message })),
      );
    if (question.type === 'file' && 'value' in validation.normalised) {
      const known = new Set((await this.repository.listEvidence(this.db, id)).map((item) => item.id));
      const ids = validation.normalised.value as string[];
      const unknown = ids.findIndex((evidenceId) => !known.has(evidenceId));
      if (unknown >= 0)
        throw validationError([
          { path: `value[${unknown}]`, message: 'No such evidence in this application.' },
        ]);
    }
    const userId = context.principal?.kind === 'user' ? context.principal.userId : '';
    return this.db.transaction().execute(async (trx) => {
      // The case's row lock: an answer not stored yet has no row to lock, so two first saves (If-Match "0") would
      // both pass the check; a submission in between would find the case no longer editable.
      const locked = await this.repository.findForUpdate(trx, id);
      if (!locked) throw notFound('Application');
      this.assertEditable(locked);
      const current = await this.repository.findAnswer(trx, id, questionId);
      if (ifMatch !== undefined && (current?.version ?? 0) !== ifMatch) {
        throw conflict('The answer changed since you read it; reload it and try again.', {
          currentVersion: current?.version ?? 0,
          currentAnswer: current?.answer ?? null,
        });
      }
      const saved = await this.repository.upsertAnswer(trx, {
        application_id: id,
        question_id: questionId,
        answer: JSON.stringify(validation.normalised),
        updated_by: userId,
        updated_at: context.now,
      });
      await this.audit.record(trx, context, {
        action: 'application.answer_saved',
        entityType: 'application',
        entityId: id,
        operatorId: application.operator_id,
        onBehalfOfOperatorId,
        summary: { questionId, version: saved.version, form: answerForm(validation.normalised) },
      });
      return saved;
    });
  }

  async uploadEvidence(context: RequestContext, id: string, file: UploadedFile) {
    const { application, onBehalfOfOperatorId } = await this.access.authorize(context, id, 'prepare');
    this.assertEditable(application);
    return this.db
      .transaction()
      .execute((trx) => this.storeEvidence(trx, context, application, onBehalfOfOperatorId, file));
  }

  /**
   * Checks one evidence file by its type (sniffed from its bytes by `readUpload`), stores it and audits it inside the
   * caller's transaction. The caller has authorised the upload (an editable application, or an open request for
   * information during the examination).
   */
  async storeEvidence(
    trx: Trx,
    context: RequestContext,
    application: ApplicationRow,
    onBehalfOfOperatorId: string | null,
    file: UploadedFile,
  ) {
    const detected = file.detectedType;
    if (!detected || !EVIDENCE_TYPES.has(detected.mime)) {
      throw validationError([
        { path: 'file', message: 'Upload a PDF, PNG or JPEG document (the content, not the name, decides).' },
      ]);
    }
    const row = await this.repository.insertEvidence(trx, {
      application_id: application.id,
      file_name: file.fileName || 'evidence',
      media_type: detected.mime,
      size_bytes: file.content.length,
      sha256: sha256Hex(file.content),
      content: file.content,
      uploaded_by: context.principal?.kind === 'user' ? context.principal.userId : '',
    });
    await this.audit.record(trx, context, {
      action: 'application.evidence_uploaded',
      entityType: 'application',
      entityId: application.id,
      operatorId: application.operator_id,
      onBehalfOfOperatorId,
      summary: {
        evidenceId: row.id,
        fileName: row.file_name,
        mediaType: row.media_type,
        size: row.size_bytes,
        sha256: row.sha256,
      },
    });
    return row;
  }

  /** For the validation module, which has already authorised the caller for the case. */
  listEvidenceRows(id: string, executor?: Trx) {
    return this.repository.listEvidence(executor ?? this.db, id);
  }

  async getEvidenceContent(context: RequestContext, id: string, evidenceId: string) {
    await this.access.authorize(context, id, 'view');
    const row = await this.repository.findEvidenceContent(this.db, id, evidenceId);
    if (!row) throw notFound('Evidence');
    return row;
  }

  async addSite(
    context: RequestContext,
    id: string,
    input: {
      kind: 'head_office' | 'branch' | 'site';
      name: string;
      address: string;
      activities?: string | undefined;
      licence?: string | undefined;
    },
  ) {
    const { application, onBehalfOfOperatorId } = await this.access.authorize(context, id, 'prepare');
    this.assertEditable(application);
    return this.db.transaction().execute(async (trx) => {
      const row = await this.repository.insertSite(trx, {
        application_id: id,
        kind: input.kind,
        name: input.name,
        address: input.address,
        activities: input.activities ?? '',
        licence: input.licence ?? null,
      });
      await this.audit.record(trx, context, {
        action: 'application.site_added',
        entityType: 'application',
        entityId: id,
        operatorId: application.operator_id,
        onBehalfOfOperatorId,
        summary: { siteId: row.id, kind: row.kind, name: row.name },
      });
      return row;
    });
  }

  async removeSite(context: RequestContext, id: string, siteId: string) {
    const { application, onBehalfOfOperatorId } = await this.access.authorize(context, id, 'prepare');
    this.assertEditable(application);
    await this.db.transaction().execute(async (trx) => {
      if ((await this.repository.deleteSite(trx, id, siteId)) === 0) throw notFound('Site');
      await this.audit.record(trx, context, {
        action: 'application.site_removed',
        entityType: 'application',
        entityId: id,
        operatorId: application.operator_id,
        onBehalfOfOperatorId,
        summary: { siteId },
      });
    });
  }

  private assertEditable(application: ApplicationRow): void {
    if (!EDITABLE_STATES.includes(application.status as ApplicationState)) {
      throw conflict(`The application is ${application.status}; answers can no longer be changed.`);
    }
  }
}

function answerForm(answer: AnswerRecord): string {
  if ('notApplicable' in answer) return 'not_applicable';
  if ('alreadyProvided' in answer) return 'already_provided';
  return 'value';
}
