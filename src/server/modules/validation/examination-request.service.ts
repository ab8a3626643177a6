import type { Db, Trx } from '../../platform/database';
import { conflict, notFound, validationError } from '../../platform/errors';
import { systemContext, type RequestContext } from '../../platform/request-context';
import type { UploadedFile } from '../../platform/uploads';
import {
  computeDeadline,
  type CalendarOptions,
  type LocalisedText,
  type ProgrammeDefinition,
  today,
  DAY_MS,
} from '../../../programme-core';
import {
  ACTIVE_STATES,
  DECISION_CLOCK_STATES,
  EXAMINATION_STATES,
  type ApplicationState,
} from '../../../vocabulary/application-lifecycle';
import { assertState } from '../applications/case-guards';
import type { ApplicationRow } from '../applications/applications.service';
import { requireUserId } from '../../platform/access-control';
import { pauseClock, resumeClock } from './case-clock.engine';
import { CaseService, type ValidationDeps } from './case-service';
import { ExaminationRequestRepository, type ExaminationRequestRow } from './examination-request.repository';
import type { ReportService } from './report.service';

export interface InformationRequestView {
  row: ExaminationRequestRow;
  questions: Array<{ id: string; title: LocalisedText | null }>;
  evidence: Array<{ id: string; fileName: string | null }>;
  /** Still open although its reply date has passed (the scheduler lapses it on its next run). */
  isOverdue: boolean;
}

function reminderKey(requestId: string): string {
  return `examination-request:${requestId}`;
}

function questionTitles(definition: ProgrammeDefinition): Map<string, LocalisedText> {
  return new Map(
    definition.questionnaire.sections.flatMap((section) =>
      section.questions.map((question) => [question.id, question.title] as const),
    ),
  );
}

/** What a reply or a lapse did to the decision clock, for the audit. */
function clockSummary(resumed: ApplicationRow | null) {
  return { isClockResumed: resumed !== null, decisionDue: resumed?.decision_due ?? null };
}

/**
 * Requests for information during the examination (accepted, desk review, on-site visit): customs ask the
 * applicant for more on some answers, the case keeps its state and, if the programme says so, the decision clock
 * stands still until the reply or the reply date.
 */
export class ExaminationRequestService extends CaseService {
  private readonly requests = new ExaminationRequestRepository();

  constructor(
    deps: ValidationDeps,
    private readonly reports: ReportService,
  ) {
    super(deps);
  }

  async create(
    context: RequestContext,
    id: string,
    input: { message: string; questionIds?: string[] | undefined; dueDate?: string | undefined },
  ): Promise<InformationRequestView> {
    const access = await this.authorizeCustomsIn(context, id, EXAMINATION_STATES, 'Requesting information');
    const { definition } = await this.programme.getVersion(access.application.programme_version_id);
    const titles = questionTitles(definition);
    const questionIds = [...new Set(input.questionIds ?? [])];
    const unknown = (input.questionIds ?? []).flatMap((questionId, index) =>
      titles.has(questionId)
        ? []
        : [{ path: `questionIds[${index}]`, message: `No question ${questionId} in the case's programme.` }],
    );
    if (unknown.length) throw validationError(unknown);
    const calendar = await this.applications.calendar(definition);
    const day = today(context.now);
    const dueDate =
      input.dueDate ?? computeDeadline(day, definition.clocks.requestForInformationReplyDays, calendar);
    if (dueDate <= day) {
      throw validationError([{ path: 'dueDate', message: 'Give the applicant a reply date after today.' }]);
    }
    await this.assertNoneOpen(this.db, id);
    const operator = await this.organisations.getOperatorRow(access.application.operator_id);
    const userId = requireUserId(context);

    return this.db.transaction().execute(async (trx) => {
      // The case's row lock: two officers asking at once cannot both open a request.
      const current = await this.applications.lockRow(trx, id);
      if (!current) throw notFound('Application');
      await this.assertNoneOpen(trx, id);
      assertState(current, EXAMINATION_STATES, 'Requesting information');
      const row = await this.requests.insert(trx, {
        application_id: id,
        question_ids: questionIds,
        message: input.message,
        due_date: dueDate,
        requested_by: userId,
        requested_at: context.now,
      });
      const pause = definition.clocks.pauseWhileInformationRequested ? pauseClock(current, context.now) : {};
      if (Object.keys(pause).length) await this.applications.updateClock(trx, id, pause);
      await this.reports.storeLetters(trx, context, current, 'information_request', {
        reference: current.reference,
        operatorName: operator.legal_name,
        message: input.message,
        questions: questionIds.length
          ? questionIds.map((questionId) => `${questionId}: ${titles.get(questionId)?.en ?? ''}`).join('\n')
          : '—',
        dueDate,
      });
      await this.applications.notifyApplicant(trx, context.now, current, 'validation.information_requested', {
        dueDate,
        message: input.message,
      });
      await this.notifier.remindApplicant(trx, current, {
        key: reminderKey(row.id),
        title: `Reply to the request for information on ${current.reference}`,
        dueDate,
        daysBefore: 3,
      });
      await this.recordEvent(trx, context, current, 'validation.information_requested', {
        requestId: row.id,
        questionIds,
        dueDate,
        isClockPaused: Object.keys(pause).length > 0,
      });
      return this.describe(row, titles, new Map(), context.now);
    });
  }

  /** Both sides read the case's requests, newest first; the applicant sees its own case only (404 otherwise). */
  async list(context: RequestContext, id: string): Promise<InformationRequestView[]> {
    const access = await this.applications.authorizeEitherSide(context, id);
    const [rows, { definition }, evidence] = await Promise.all([
      this.requests.list(this.db, id),
      this.programme.getVersion(access.application.programme_version_id),
      this.applications.listEvidenceRows(id),
    ]);
    const titles = questionTitles(definition);
    const fileNames = new Map(evidence.map((item) => [item.id, item.file_name]));
    return rows.map((row) => this.describe(row, titles, fileNames, context.now));
  }

  /** The applicant answers, on or before the reply date; the clock runs again and the officers are told. */
  async reply(
    context: RequestContext,
    id: string,
    requestId: string,
    input: { text: string; evidenceIds?: string[] | undefined },
  ): Promise<InformationRequestView> {
    const access = await this.applications.authorizeApplicant(context, id);
    const request = await this.requests.find(this.db, id, requestId);
    if (!request) throw notFound('Request for information');
    this.assertOpen(request, context.now);
    assertState(access.application, ACTIVE_STATES, 'Replying to a request for information');
    const evidence = await this.applications.listEvidenceRows(id);
    const fileNames = new Map(evidence.map((item) => [item.id, item.file_name]));
    const unknown = (input.evidenceIds ?? []).flatMap((evidenceId, index) =>
      fileNames.has(evidenceId)
        ? []
        : [{ path: `evidenceIds[${index}]`, message: 'No such evidence in this application.' }],
    );
    if (unknown.length) throw validationError(unknown);
    const evidenceIds = [...new Set(input.evidenceIds ?? [])];
    const { definition } = await this.programme.getVersion(access.application.programme_version_id);
    const calendar = await this.applications.calendar(definition);

    return this.db.transaction().execute(async (trx) => {
      const locked = await this.requests.find(trx, id, requestId, { forUpdate: true });
      if (!locked) throw notFound('Request for information');
      this.assertOpen(locked, context.now);
      const row = await this.requests.update(trx, requestId, {
        status: 'answered',
        reply_text: input.text,
        evidence_ids: evidenceIds,
        replied_by: requireUserId(context),
        replied_at: context.now,
      });
      const current = await this.applications.findRow(id, trx);
      if (!current) throw notFound('Application');
      const resumed = await this.resumeClock(trx, current, definition, calendar, context.now);
      await this.notifications.cancelReminder(trx, reminderKey(requestId));
      await this.recordForOfficers(trx, context, current, {
        action: 'validation.information_replied',
        summary: { requestId, evidenceIds, ...clockSummary(resumed) },
        onBehalfOfOperatorId: access.onBehalfOfOperatorId,
        event: 'validation.information_received',
        params: { dueDate: row.due_date },
      });
      return this.describe(row, questionTitles(definition), fileNames, context.now);
    });
  }

  /** A file for the reply, kept with the application's evidence; only while the request is open. */
  async uploadEvidence(context: RequestContext, id: string, requestId: string, file: UploadedFile) {
    const access = await this.applications.authorizeApplicant(context, id, 'prepare');
    const request = await this.requests.find(this.db, id, requestId);
    if (!request) throw notFound('Request for information');
    this.assertOpen(request, context.now);
    assertState(access.application, ACTIVE_STATES, 'Uploading evidence');
    return this.db.transaction().execute(async (trx) => {
      const locked = await this.requests.find(trx, id, requestId, { forUpdate: true });
      if (!locked) throw notFound('Request for information');
      this.assertOpen(locked, context.now);
      return this.applications.storeEvidence(
        trx,
        context,
        access.application,
        access.onBehalfOfOperatorId,
        file,
      );
    });
  }

  /**
   * Scheduler tick: open requests past their reply date lapse and the clock runs again, one transaction each,
   * audited as the system. Returns how many lapsed.
   */
  async lapseOverdue(now: Date): Promise<number> {
    const context = systemContext(now, 'scheduler');
    let lapsed = 0;
    for (const candidate of await this.requests.listOverdue(this.db, today(now), 200)) {
      // The case's programme and its holidays are read before the transaction: PGlite has one connection.
      const found = await this.applications.findRow(candidate.application_id);
      if (!found) continue;
      const { definition } = await this.programme.getVersion(found.programme_version_id);
      const calendar = await this.applications.calendar(definition);
      // The applicant's period ended with the reply date, however late the scheduler runs.
      const periodEnd = new Date(
        Math.min(now.getTime(), Date.parse(`${candidate.due_date}T00:00:00Z`) + DAY_MS),
      );
      const isLapsed = await this.db.transaction().execute(async (trx) => {
        const row = await this.requests.find(trx, candidate.application_id, candidate.id, {
          forUpdate: true,
        });
        if (row?.status !== 'open') return false;
        await this.requests.update(trx, row.id, { status: 'lapsed' });
        const application = await this.applications.findRow(row.application_id, trx);
        if (!application) return true;
        const resumed = await this.resumeClock(trx, application, definition, calendar, periodEnd);
        await this.notifications.cancelReminder(trx, reminderKey(row.id));
        await this.recordForOfficers(trx, context, application, {
          action: 'validation.information_request_lapsed',
          summary: { requestId: row.id, dueDate: row.due_date, ...clockSummary(resumed) },
          event: 'validation.information_lapsed',
          params: { dueDate: row.due_date },
        });
        return true;
      });
      if (isLapsed) lapsed += 1;
    }
    return lapsed;
  }

  /**
   * Restarts the clock the request stopped. Only in a state where the clock runs against customs: in the improvement
   * plan or the right to be heard the pause belongs to that period, which resumes it itself.
   */
  private async resumeClock(
    trx: Trx,
    application: ApplicationRow,
    definition: ProgrammeDefinition,
    calendar: CalendarOptions,
    at: Date,
  ): Promise<ApplicationRow | null> {
    if (
      !definition.clocks.pauseWhileInformationRequested ||
      application.paused_since === null ||
      !DECISION_CLOCK_STATES.includes(application.status as ApplicationState)
    ) {
      return null;
    }
    const updated = await this.applications.updateClock(
      trx,
      application.id,
      resumeClock(application, at, calendar),
    );
    await this.applications.scheduleDecisionReminder(trx, updated);
    return updated;
  }

  private async assertNoneOpen(executor: Db | Trx, id: string) {
    const open = await this.requests.findOpen(executor, id);
    if (open) {
      throw conflict(`A request for information is already open (reply due on ${open.due_date}).`, {
        reason: 'information_request_open',
        requestId: open.id,
        dueDate: open.due_date,
      });
    }
  }

  private assertOpen(request: ExaminationRequestRow, now: Date): void {
    if (request.status === 'answered') {
      throw conflict('This request for information has already been answered.', {
        reason: 'request_answered',
      });
    }
    if (request.status === 'lapsed' || today(now) > request.due_date) {
      throw conflict(`The reply to this request was due on ${request.due_date}.`, {
        reason: 'reply_out_of_time',
        dueDate: request.due_date,
      });
    }
  }

  private describe(
    row: ExaminationRequestRow,
    titles: Map<string, LocalisedText>,
    fileNames: Map<string, string>,
    now: Date,
  ): InformationRequestView {
    return {
      row,
      questions: row.question_ids.map((questionId) => ({
        id: questionId,
        title: titles.get(questionId) ?? null,
      })),
      evidence: row.evidence_ids.map((evidenceId) => ({
        id: evidenceId,
        fileName: fileNames.get(evidenceId) ?? null,
      })),
      isOverdue: row.status === 'open' && today(now) > row.due_date,
    };
  }
}
