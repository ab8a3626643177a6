import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../../platform/crypto';
import { PG_UNIQUE_VIOLATION, databaseErrorCode, type Db, type Trx } from '../../platform/database';
import { AppError, conflict, forbidden, notFound, validationError } from '../../platform/errors';
import { hasRole, type OperatorRight, type RequestContext } from '../../platform/request-context';
import type { UploadedFile } from '../../platform/uploads';
import { fullAuditView } from '../audit/audit-event-view';
import type { AuditService } from '../audit/audit.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { OrganisationsService } from '../organisations/organisations.service';
import {
  completeness,
  computeDeadline,
  isSme,
  validateAnswer,
  type AnswerMap,
  type AnswerRecord,
  type OperatorRole,
  type ProgrammeDefinition,
  type Question,
  type Variant,
} from '../programme';
import type { ProgrammeService } from '../programme/programme.service';
import {
  APPLICATION_STATES,
  transitionApplication,
  EDITABLE_STATES,
  type ActorSide,
  type ApplicationAction,
  type ApplicationState,
} from './application-lifecycle';
import {
  ApplicationsRepository,
  type ApplicationFilter,
  type ApplicationRow,
} from './applications.repository';
import {
  CASE_ROLES,
  caseListScope,
  customsReachOfCase,
  isHeadquartersCaller,
  type CaseListScope,
  type CaseTeam,
  type CustomsCaller,
} from './case-scope';

/** Until the validation module registers its query, nobody besides the office and the assignee is on a case. */
const NO_TEAM: CaseTeam = {
  reviewerIds: () => Promise.resolve([]),
  reviewedCaseIds: () => Promise.resolve([]),
};
const CUSTOMS_VISIBLE_STATES = APPLICATION_STATES.filter((state) => state !== 'draft');
/** Evidence is checked by its bytes, never by its name. */
const EVIDENCE_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg']);
const DAY_MS = 86_400_000;
function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function findQuestion(definition: ProgrammeDefinition, questionId: string): Question | undefined {
  for (const section of definition.questionnaire.sections) {
    const question = section.questions.find((candidate) => candidate.id === questionId);
    if (question) return question;
  }
  return undefined;
}

export interface ApplicationAccess {
  application: ApplicationRow;
  side: ActorSide;
  onBehalfOfOperatorId: string | null;
}

/**
 * What the validation module adds to intake, without this module depending on it: the bar on reapplying after a
 * revocation or a rejection, and the official letters of intake decisions (wired by the validation service).
 */
export interface IntakeHooks {
  reapplicationBar(
    operatorId: string,
    authorisationType: string,
    now: Date,
  ): Promise<{ barredUntil: string; cause: 'revocation' | 'rejection' } | null>;
  intakeLetter(
    trx: Trx,
    context: RequestContext,
    application: ApplicationRow,
    kind: 'acceptance' | 'information_request',
    params: Record<string, string>,
  ): Promise<void>;
}

export class ApplicationsService {
  private readonly repository = new ApplicationsRepository();
  private hooks: IntakeHooks | null = null;
  private team: CaseTeam = NO_TEAM;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly programme: ProgrammeService,
    private readonly organisations: OrganisationsService,
    private readonly notifications: NotificationsService,
  ) {}

  useIntakeHooks(hooks: IntakeHooks): void {
    this.hooks = hooks;
  }

  /** The validation module says who it puts on a case (review split), for the office and assignment scope. */
  useCaseTeam(team: CaseTeam): void {
    this.team = team;
  }

  /** 409 while a revocation's or a rejection's bar runs (the programme's clocks say how long). */
  private async assertNotBarred(operatorId: string, authorisationType: string, now: Date): Promise<void> {
    const bar = await this.hooks?.reapplicationBar(operatorId, authorisationType, now);
    if (!bar) return;
    const cause =
      bar.cause === 'revocation' ? 'its authorisation was revoked' : 'its application was rejected';
    throw conflict(
      `The operator may not apply again for ${authorisationType} before ${bar.barredUntil}: ${cause}.`,
      { reason: 'reapplication_barred', barredUntil: bar.barredUntil, cause: bar.cause },
    );
  }

  /**
   * Customs see the cases in their scope (headquarters, the case's office, its assigned officer, a review-split
   * member); an operator's users and representatives only theirs; everyone else, a risk analyst or an agency officer
   * included, gets 404 as for a missing id.
   */
  async authorize(context: RequestContext, id: string, right: OperatorRight): Promise<ApplicationAccess> {
    const application = await this.repository.find(this.db, id);
    if (!application) throw notFound('Application');
    if (hasRole(context.principal, ...CASE_ROLES)) {
      const access = await this.reachAsCustoms(context, application);
      if (right !== 'view') throw forbidden('Customs users cannot act for the applicant.');
      return access;
    }
    try {
      const access = await this.organisations.authorizeOperator(context, application.operator_id, right);
      return { application, side: 'operator', onBehalfOfOperatorId: access.onBehalfOfOperatorId };
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') throw notFound('Application');
      throw error;
    }
  }

  /** For the validation module, which has already authorised the caller for the case. */
  findRow(id: string, executor?: Trx): Promise<ApplicationRow | undefined> {
    return this.repository.find(executor ?? this.db, id);
  }

  /** The case's row, locked for the caller's transaction (one writer at a time per case). */
  lockRow(trx: Trx, id: string): Promise<ApplicationRow | undefined> {
    return this.repository.findForUpdate(trx, id);
  }

  /** For the validation module, which has already authorised the caller for the case. */
  listAnswerRecords(id: string) {
    return this.repository.listAnswers(this.db, id);
  }

  /** For the validation module, which has already authorised the caller for the case. */
  listSiteRows(id: string, executor?: Trx) {
    return this.repository.listSites(executor ?? this.db, id);
  }

  /** Moves the decision clock (extension) inside the caller's transaction; the caller audits it. */
  updateClock(
    trx: Trx,
    id: string,
    values: Pick<Partial<ApplicationRow>, 'decision_due' | 'paused_since' | 'paused_days'>,
  ) {
    return this.repository.update(trx, id, values);
  }

  async create(
    context: RequestContext,
    input: { authorisationType: string; variant?: Variant | undefined; operatorId?: string | undefined },
  ) {
    const principal = context.principal;
    const operatorId = input.operatorId ?? (principal?.kind === 'user' ? principal.operatorId : null);
    if (!operatorId) throw validationError([{ path: 'operatorId', message: 'Say which operator applies.' }]);
    const access = await this.organisations.authorizeOperator(context, operatorId, 'prepare');
    const operator = await this.organisations.getOperatorRow(operatorId);
    const programme = await this.programme.getActive();
    const definition = programme.definition;
    if (!definition.authorisationTypes.some((type) => type.id === input.authorisationType)) {
      throw validationError([
        {
          path: 'authorisationType',
          message: `Unknown authorisation type; this programme has ${definition.authorisationTypes.map((t) => t.id).join(', ')}.`,
        },
      ]);
    }
    const active = await this.repository.findActive(this.db, operatorId, input.authorisationType);
    if (active) {
      throw conflict(
        `The operator already has an active application for this type (${active.reference}, ${active.status}).`,
        {
          applicationId: active.id,
        },
      );
    }
    await this.assertNotBarred(operatorId, input.authorisationType, context.now);
    const sme = isSme(definition, {
      employees: operator.employees,
      annualTurnover: operator.annual_turnover === null ? null : Number(operator.annual_turnover),
    });
    const variant: Variant = input.variant ?? (sme ? 'sme' : 'standard');
    const officeId = await this.organisations.routeToOffice(operator.address);
    const userId = principal?.kind === 'user' ? principal.userId : '';
    try {
      return await this.db.transaction().execute(async (trx) => {
        const row = await this.repository.insert(trx, {
          reference: `AEO-${context.now.getUTCFullYear()}-${randomBytes(3).toString('hex').toUpperCase()}`,
          operator_id: operatorId,
          programme_version_id: programme.id,
          authorisation_type: input.authorisationType,
          variant,
          is_sme: sme,
          status: 'draft',
          office_id: officeId,
          created_by: userId,
        });
        await this.audit.record(trx, context, {
          action: 'application.created',
          entityType: 'application',
          entityId: row.id,
          operatorId,
          onBehalfOfOperatorId: access.onBehalfOfOperatorId,
          summary: {
            reference: row.reference,
            authorisationType: row.authorisation_type,
            variant,
            isSme: sme,
          },
        });
        return row;
      });
    } catch (error) {
      if (databaseErrorCode(error) === PG_UNIQUE_VIOLATION) {
        throw conflict('The operator already has an active application for this type.');
      }
      throw error;
    }
  }

  async list(context: RequestContext, filter: { status?: string[] | undefined; limit?: number }) {
    const reader = await this.readerFilter(context);
    if (!reader) return [];
    const statuses = reader.statuses
      ? (filter.status ?? reader.statuses).filter((status) => reader.statuses?.includes(status))
      : filter.status;
    if (statuses?.length === 0) return [];
    return this.repository.list(this.db, { ...reader, statuses, limit: filter.limit ?? 200 });
  }

  /**
   * What the caller may list, as `authorize` decides by id: customs the submitted cases in their scope
   * (headquarters all of them), an operator's users and representatives their operators' cases; null for nobody.
   */
  private async readerFilter(context: RequestContext): Promise<Omit<ApplicationFilter, 'limit'> | null> {
    const principal = context.principal;
    if (hasRole(principal, ...CASE_ROLES)) {
      return { statuses: [...CUSTOMS_VISIBLE_STATES], reachableBy: await this.customsListScope(context) };
    }
    if (principal?.kind !== 'user' || !principal.operatorId) return null;
    const membership = await this.organisations.describeMembership(principal.operatorId, context.now);
    return { operatorIds: [principal.operatorId, ...membership.actingFor.map((grant) => grant.operatorId)] };
  }

  /** The case as its reader may see it, with answers, completeness, evidence, scope and messages. */
  async getCase(context: RequestContext, id: string) {
    const { application } = await this.authorize(context, id, 'view');
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
    const { application, onBehalfOfOperatorId } = await this.authorize(context, id, 'prepare');
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
    const { application, onBehalfOfOperatorId } = await this.authorize(context, id, 'prepare');
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

  /** The case's history from the audit trail: who did what and when (on both sides). */
  /**
   * The case's history from the audit trail: who did what and when. Customs see every event with its details; the
   * applicant sees the lifecycle and the steps it takes part in, without details (customs' internal work — findings,
   * risk map, consultations, sign-off notes — stays internal).
   */
  async timeline(context: RequestContext, id: string) {
    const access = await this.authorize(context, id, 'view');
    const isCustoms = access.side === 'customs';
    const events = await this.audit.listForEntity('application', id);
    // The applicant's form is the one rule the audit API applies too (applicant-audit-view.ts).
    const view = isCustoms ? fullAuditView : await this.audit.operatorView(access.application.operator_id);
    return events
      .filter((event) => event.action !== 'application.answer_saved')
      .flatMap((event) => view(event) ?? [])
      .map((event) => ({
        at: event.occurredAt,
        action: event.action,
        actor: event.actor.label,
        onBehalfOfOperatorId: event.onBehalfOfOperatorId,
        summary: event.summary,
      }))
      .reverse();
  }

  async getEvidenceContent(context: RequestContext, id: string, evidenceId: string) {
    await this.authorize(context, id, 'view');
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
    const { application, onBehalfOfOperatorId } = await this.authorize(context, id, 'prepare');
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
    const { application, onBehalfOfOperatorId } = await this.authorize(context, id, 'prepare');
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

  /**
   * Applies one lifecycle action under a row lock, with its audit event, inside the caller's transaction. The
   * validation module drives the examination, decision and appeal states through it.
   */
  async transition(
    trx: Trx,
    context: RequestContext,
    access: ApplicationAccess,
    action: ApplicationAction,
    changes: (to: ApplicationState, row: ApplicationRow) => Partial<ApplicationRow>,
    summary: Record<string, unknown> = {},
  ): Promise<ApplicationRow> {
    const current = await this.repository.findForUpdate(trx, access.application.id);
    if (!current) throw notFound('Application');
    const result = transitionApplication(current.status as ApplicationState, action, access.side);
    if (!result.ok) {
      if (result.reason === 'not_allowed_for_actor')
        throw forbidden('You cannot take this action on the application.');
      throw conflict(`An application that is ${current.status} cannot be given the action ${action}.`);
    }
    const updated = await this.repository.update(trx, current.id, {
      ...changes(result.to, current),
      status: result.to,
      version: current.version + 1,
    });
    await this.audit.record(trx, context, {
      action: `application.${action}`,
      entityType: 'application',
      entityId: current.id,
      operatorId: current.operator_id,
      onBehalfOfOperatorId: access.onBehalfOfOperatorId,
      summary: { from: current.status, to: result.to, ...summary },
    });
    return updated;
  }

  /** The programme's day count with its holidays and the administration's. */
  async calendar(definition: ProgrammeDefinition) {
    const holidays = [...definition.clocks.holidays, ...(await this.programme.listHolidays())];
    return { calendar: definition.clocks.dayCount, holidays };
  }

  async submit(context: RequestContext, id: string) {
    const access = await this.authorize(context, id, 'submit');
    const caseData = await this.getCase(context, id);
    if (!caseData.completeness.isComplete) {
      throw new AppError('unprocessable', 'Some required questions are not answered yet.', {
        missing: caseData.completeness.missing.map((item) => item.questionId),
        missingQuestions: caseData.completeness.missing,
      });
    }
    await this.assertNotBarred(
      access.application.operator_id,
      access.application.authorisation_type,
      context.now,
    );
    const definition = caseData.definition;
    const acceptanceDue = computeDeadline(
      today(context.now),
      definition.clocks.daysToAccept,
      await this.calendar(definition),
    );
    return this.db.transaction().execute(async (trx) => {
      const updated = await this.transition(trx, context, access, 'submit', () => ({
        submitted_at: context.now,
        acceptance_due: acceptanceDue,
      }));
      await this.notifications.notify(trx, context.now, {
        recipients: { role: 'aeo_manager', officeId: updated.office_id },
        event: 'application.submitted',
        params: {
          reference: updated.reference,
          operatorName: caseData.operator.legal_name,
          dueDate: acceptanceDue,
        },
        link: `/applications/${id}`,
        entityType: 'application',
        entityId: id,
      });
      const managers = await this.organisations.officeManagers(trx, updated.office_id);
      await this.notifications.scheduleReminder(trx, {
        key: `application:${id}:acceptance`,
        title: `Acceptance of ${updated.reference}`,
        entityType: 'application',
        entityId: id,
        dueAt: new Date(`${acceptanceDue}T17:00:00Z`),
        remindBeforeMs: 3 * DAY_MS,
        recipients: managers,
        escalateAfterMs: DAY_MS,
        escalationRole: 'aeo_manager',
        link: `/applications/${id}`,
      });
      return updated;
    });
  }

  async decideAcceptance(
    context: RequestContext,
    id: string,
    input: { outcome: 'accepted' | 'information_requested' | 'not_accepted'; reason?: string | undefined },
  ) {
    const access = await this.authorizeCustoms(context, id);
    if (input.outcome !== 'accepted' && !input.reason?.trim()) {
      throw validationError([{ path: 'reason', message: 'Give the reason the applicant will read.' }]);
    }
    const { definition } = await this.programme.getVersion(access.application.programme_version_id);
    const calendar = await this.calendar(definition);
    const now = today(context.now);
    const action: ApplicationAction =
      input.outcome === 'accepted'
        ? 'accept'
        : input.outcome === 'not_accepted'
          ? 'not_accept'
          : 'request_information';
    const informationDue =
      action === 'request_information'
        ? computeDeadline(now, definition.clocks.requestForInformationReplyDays, calendar)
        : null;
    return this.db.transaction().execute(async (trx) => {
      const updated = await this.transition(
        trx,
        context,
        access,
        action,
        () =>
          action === 'accept'
            ? {
                accepted_at: context.now,
                decision_due: computeDeadline(now, definition.clocks.daysToDecide, calendar),
              }
            : action === 'not_accept'
              ? { closed_at: context.now, closing_reason: input.reason ?? null }
              : { information_due: informationDue, paused_since: now },
        { reason: input.reason ?? null },
      );
      if (action === 'request_information') {
        await this.repository.insertMessage(trx, {
          application_id: id,
          author_user_id: context.principal?.kind === 'user' ? context.principal.userId : null,
          author_side: 'customs',
          kind: 'information_request',
          body: input.reason ?? '',
          due_date: informationDue,
          created_at: context.now,
        });
      }
      if (action === 'accept') {
        const office = updated.office_id
          ? await this.organisations.findOfficeById(updated.office_id, trx)
          : null;
        await this.hooks?.intakeLetter(trx, context, updated, 'acceptance', {
          authorisationType: updated.authorisation_type,
          decisionDue: updated.decision_due ?? '',
          office: office?.name ?? '',
        });
      } else if (action === 'request_information') {
        await this.hooks?.intakeLetter(trx, context, updated, 'information_request', {
          message: input.reason ?? '',
          questions: '—',
          dueDate: informationDue ?? '',
        });
      }
      await this.notifications.cancelReminder(trx, `application:${id}:acceptance`);
      await this.notifyApplicant(trx, context.now, updated, `application.${input.outcome}`, {
        reason: input.reason ?? '',
        dueDate: informationDue ?? updated.decision_due ?? '',
      });
      if (informationDue) {
        const recipients = (await this.organisations.operatorUserIds(trx, updated.operator_id)).filter(
          Boolean,
        );
        await this.notifications.scheduleReminder(trx, {
          key: `application:${id}:information`,
          title: `Reply to the request for information on ${updated.reference}`,
          entityType: 'application',
          entityId: id,
          dueAt: new Date(`${informationDue}T17:00:00Z`),
          remindBeforeMs: 3 * DAY_MS,
          recipients,
          escalateAfterMs: DAY_MS,
          escalationRole: 'aeo_manager',
          escalationOfficeId: updated.office_id,
          link: `/applications/${id}`,
        });
      }
      return updated;
    });
  }

  /** The applicant answers a request for information; the clock paused since the request runs again. */
  async reply(
    context: RequestContext,
    id: string,
    input: { body: string; evidenceIds?: string[] | undefined },
  ) {
    const access = await this.authorize(context, id, 'submit');
    const pausedSince = access.application.paused_since;
    const pausedDays = pausedSince
      ? Math.max(0, Math.round((Date.parse(today(context.now)) - Date.parse(pausedSince)) / DAY_MS))
      : 0;
    return this.db.transaction().execute(async (trx) => {
      const updated = await this.transition(trx, context, access, 'reply', (_to, row) => ({
        paused_since: null,
        paused_days: row.paused_days + pausedDays,
        information_due: null,
        decision_due: row.decision_due
          ? new Date(Date.parse(row.decision_due) + pausedDays * DAY_MS).toISOString().slice(0, 10)
          : row.decision_due,
      }));
      await this.repository.insertMessage(trx, {
        application_id: id,
        author_user_id: context.principal?.kind === 'user' ? context.principal.userId : null,
        author_side: 'operator',
        kind: 'reply',
        body: input.body,
        due_date: null,
        evidence_ids: input.evidenceIds ?? [],
        created_at: context.now,
      });
      await this.notifications.cancelReminder(trx, `application:${id}:information`);
      await this.notifications.notify(trx, context.now, {
        recipients: { role: 'aeo_manager', officeId: updated.office_id },
        event: 'application.replied',
        params: { reference: updated.reference },
        link: `/applications/${id}`,
        entityType: 'application',
        entityId: id,
      });
      return updated;
    });
  }

  async withdraw(context: RequestContext, id: string, reason: string | undefined) {
    const access = await this.authorize(context, id, 'submit');
    return this.db.transaction().execute(async (trx) => {
      const updated = await this.transition(
        trx,
        context,
        access,
        'withdraw',
        () => ({ closed_at: context.now, closing_reason: reason ?? null }),
        {
          reason: reason ?? null,
        },
      );
      for (const key of ['acceptance', 'information'])
        await this.notifications.cancelReminder(trx, `application:${id}:${key}`);
      return updated;
    });
  }

  /** A request for information left unanswered past its deadline closes the case as expired. */
  async expire(context: RequestContext, id: string) {
    const access = await this.authorizeCustoms(context, id);
    if (access.application.information_due && access.application.information_due >= today(context.now)) {
      throw conflict(
        `The reply is due on ${access.application.information_due}; the case cannot expire before.`,
      );
    }
    return this.db.transaction().execute(async (trx) => {
      const updated = await this.transition(trx, context, access, 'expire', () => ({
        closed_at: context.now,
        closing_reason: 'expired',
      }));
      await this.notifyApplicant(trx, context.now, updated, 'application.expired', {});
      return updated;
    });
  }

  /**
   * The decision deadline as a reminder: the assigned validator two weeks before it, the office's AEO managers once it
   * has passed. Rescheduled when the deadline moves (extension, new examination); cancelled by the decision.
   */
  async scheduleDecisionReminder(trx: Trx, application: ApplicationRow): Promise<void> {
    if (!application.assigned_validator_id || !application.decision_due) return;
    await this.notifications.scheduleReminder(trx, {
      key: `application:${application.id}:decision`,
      title: `Decision on ${application.reference}`,
      entityType: 'application',
      entityId: application.id,
      dueAt: new Date(`${application.decision_due}T17:00:00Z`),
      remindBeforeMs: 14 * DAY_MS,
      recipients: [application.assigned_validator_id],
      escalateAfterMs: DAY_MS,
      escalationRole: 'aeo_manager',
      ...(application.office_id ? { escalationOfficeId: application.office_id } : {}),
      link: `/applications/${application.id}/validation`,
    });
  }

  async cancelDecisionReminder(trx: Trx, id: string): Promise<void> {
    await this.notifications.cancelReminder(trx, `application:${id}:decision`);
  }

  async assign(context: RequestContext, id: string, validatorId: string | null) {
    const access = await this.authorizeCustoms(context, id);
    if (!hasRole(context.principal, 'aeo_manager', 'admin'))
      throw forbidden('Only AEO managers assign cases.');
    if (validatorId && !(await this.organisations.activeValidatorIds()).includes(validatorId)) {
      throw validationError([{ path: 'validatorId', message: 'Choose an active validator.' }]);
    }
    return this.db.transaction().execute(async (trx) => {
      const updated = await this.repository.update(trx, id, { assigned_validator_id: validatorId });
      await this.audit.record(trx, context, {
        action: 'application.assigned',
        entityType: 'application',
        entityId: id,
        operatorId: access.application.operator_id,
        summary: { validatorId },
      });
      if (validatorId) {
        await this.notifications.notify(trx, context.now, {
          recipients: { userIds: [validatorId] },
          event: 'application.assigned',
          params: { reference: updated.reference },
          link: `/applications/${id}`,
          entityType: 'application',
          entityId: id,
        });
        await this.scheduleDecisionReminder(trx, updated);
      }
      return updated;
    });
  }

  async postMessage(context: RequestContext, id: string, body: string) {
    const access = await this.authorize(context, id, 'view');
    if (access.side === 'operator') await this.authorize(context, id, 'prepare');
    return this.db.transaction().execute(async (trx) => {
      const message = await this.repository.insertMessage(trx, {
        application_id: id,
        author_user_id: context.principal?.kind === 'user' ? context.principal.userId : null,
        author_side: access.side,
        kind: 'message',
        body,
        due_date: null,
        created_at: context.now,
      });
      await this.audit.record(trx, context, {
        action: 'application.message_posted',
        entityType: 'application',
        entityId: id,
        operatorId: access.application.operator_id,
        onBehalfOfOperatorId: access.onBehalfOfOperatorId,
        summary: { messageId: message.id, side: access.side },
      });
      if (access.side === 'customs') {
        await this.notifyApplicant(trx, context.now, access.application, 'application.message', {});
      }
      return message;
    });
  }

  /** Customs in the case's scope only; the applicant gets 403 on its own case, everyone else 404. */
  async authorizeCustoms(context: RequestContext, id: string): Promise<ApplicationAccess> {
    if (!hasRole(context.principal, ...CASE_ROLES)) {
      // 404 for a case the caller cannot see; 403 for its own case.
      await this.authorize(context, id, 'view');
      throw forbidden('Only customs can take this decision.');
    }
    const application = await this.repository.find(this.db, id);
    if (!application) throw notFound('Application');
    return this.reachAsCustoms(context, application);
  }

  /**
   * A record a case begets (its authorisation, a consultation) is reachable by whoever reaches the case, and answers
   * 404 under its own name otherwise, exactly as a missing one.
   */
  async authorizeRecord(
    context: RequestContext,
    applicationId: string,
    record: string,
    side: 'either' | 'customs' = 'either',
  ): Promise<ApplicationAccess> {
    try {
      return side === 'customs'
        ? await this.authorizeCustoms(context, applicationId)
        : await this.authorize(context, applicationId, 'view');
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') throw notFound(record);
      throw error;
    }
  }

  /**
   * The cases a customs caller may list, as a filter (`isReachableBy`); undefined for headquarters, which sees every
   * case. Every list of cases for customs uses it, so a listed case always opens by id.
   */
  async customsListScope(context: RequestContext): Promise<CaseListScope | undefined> {
    const caller = await this.customsCaller(context);
    if (!caller) throw new AppError('unauthenticated', 'Sign in to continue.');
    if (isHeadquartersCaller(caller)) return undefined;
    return caseListScope(caller, await this.team.reviewedCaseIds(caller.userId));
  }

  /** Whether the caller is headquarters (case-scope.ts): an admin, or a user of the headquarters office. */
  async isHeadquarters(context: RequestContext): Promise<boolean> {
    const caller = await this.customsCaller(context);
    return caller !== null && isHeadquartersCaller(caller);
  }

  /** The scope rule (case-scope.ts) applied to one submitted case; a draft is the applicant's own work. */
  private async reachAsCustoms(
    context: RequestContext,
    application: ApplicationRow,
  ): Promise<ApplicationAccess> {
    const caller = await this.customsCaller(context);
    if (!caller || application.status === 'draft') throw notFound('Application');
    const facts = {
      officeId: application.office_id,
      assignedValidatorId: application.assigned_validator_id,
      reviewerIds: [] as string[],
    };
    // The review split is asked only when office and assignment do not already answer.
    const reach =
      customsReachOfCase(caller, facts) ??
      customsReachOfCase(caller, {
        ...facts,
        reviewerIds: await this.team.reviewerIds(application.id),
      });
    if (!reach) throw notFound('Application');
    return { application, side: 'customs', onBehalfOfOperatorId: null };
  }

  private async customsCaller(context: RequestContext): Promise<CustomsCaller | null> {
    const principal = context.principal;
    if (principal?.kind !== 'user') return null;
    const office = principal.officeId
      ? await this.organisations.findOfficeById(principal.officeId)
      : undefined;
    return {
      userId: principal.userId,
      roles: principal.roles,
      officeId: principal.officeId,
      isAtHeadquarters: office?.kind === 'headquarters',
    };
  }

  async notifyApplicant(
    trx: Trx,
    now: Date,
    application: ApplicationRow,
    event: string,
    params: Record<string, string>,
  ) {
    const recipients = await this.organisations.operatorUserIds(trx, application.operator_id);
    await this.notifications.notify(trx, now, {
      recipients: { userIds: recipients },
      event,
      params: { reference: application.reference, ...params },
      link: `/applications/${application.id}`,
      entityType: 'application',
      entityId: application.id,
    });
  }
}

function answerForm(answer: AnswerRecord): string {
  if ('notApplicable' in answer) return 'not_applicable';
  if ('alreadyProvided' in answer) return 'already_provided';
  return 'value';
}

export type { AnswerMap };
