import { conflict, forbidden, validationError } from '../../platform/errors';
import { hasRole, type RequestContext } from '../../platform/request-context';
import { computeDeadline, visibleQuestions, today } from '../../../programme-core';
import {
  ACTIVE_STATES,
  DECISION_CLOCK_STATES,
  EXAMINATION_STATES,
  type ApplicationState,
} from '../../../vocabulary/application-lifecycle';
import { assertState } from '../applications/case-guards';
import type { ApplicationRow } from '../applications/applications.service';
import { requireRole, requireUserId } from '../../platform/access-control';
import { describeClock } from './case-clock.engine';
import { CaseService } from './case-service';
import { summariseDeskReview } from './desk-review.engine';
import type { FindingValue, Visibility } from './validation.tables';

/** Before acceptance a case is the applications module's (intake); the validator's list holds the active rest. */
const INTAKE_STATES: readonly ApplicationState[] = ['draft', 'submitted', 'information_requested'];
const WORKSPACE_STATES = ACTIVE_STATES.filter((state) => !INTAKE_STATES.includes(state));

/** Desk review of every answer, its per-criterion summary, the review team, and the decision clock. */
export class DeskReviewService extends CaseService {
  /** The validator's list: cases under examination with their clocks, overdue first. */
  async listCases(context: RequestContext, filter: { assignedToMe: boolean }) {
    // The office and assignment scope, as every case opened by id (applications/case-scope.ts).
    const rows = await this.applications.listWorkspaceCases({
      statuses: WORKSPACE_STATES,
      validatorId: filter.assignedToMe ? requireUserId(context) : undefined,
      reachableBy: await this.applications.customsListScope(context),
    });
    return rows
      .map((row) => ({ application: row, clock: this.clock(row, context.now) }))
      .sort((a, b) => Number(b.clock.isOverdue) - Number(a.clock.isOverdue));
  }

  clock(application: ApplicationRow, now: Date, extension: Parameters<typeof describeClock>[3] = null) {
    return describeClock(
      application,
      now,
      DECISION_CLOCK_STATES.includes(application.status as ApplicationState),
      extension,
    );
  }

  async getClock(application: ApplicationRow, now: Date) {
    const extension = await this.repository.findExtension(this.db, application.id);
    return this.clock(
      application,
      now,
      extension
        ? {
            days: extension.days,
            reason: extension.reason,
            previousDue: extension.previous_due,
            newDue: extension.new_due,
          }
        : null,
    );
  }

  async start(context: RequestContext, id: string) {
    const access = await this.authorizeCustomsFor(context, id, 'start_review');
    return this.db.transaction().execute(async (trx) => {
      const updated = await this.applications.transition(trx, context, access, 'start_review');
      await this.applications.notifyApplicant(trx, context.now, updated, 'validation.review_started');
      return updated;
    });
  }

  async recordFinding(
    context: RequestContext,
    id: string,
    questionId: string,
    input: { finding: FindingValue; note?: string | undefined; visibility: Visibility },
  ) {
    const [row] = await this.recordFindings(context, id, [{ questionId, ...input }]);
    return row!;
  }

  /** Findings on several answers at once (one transaction, one audit event): a reviewer saving a section. */
  async recordFindings(
    context: RequestContext,
    id: string,
    items: Array<{
      questionId: string;
      finding: FindingValue;
      note?: string | undefined;
      visibility: Visibility;
    }>,
  ) {
    const access = await this.authorizeCustomsIn(context, id, EXAMINATION_STATES, 'Recording a finding');
    const data = await this.caseData.read(access.application);
    const questions = new Map(
      visibleQuestions(data.definition, { ...data.questionnaire, answers: data.answers }).map((q) => [
        q.id,
        q,
      ]),
    );
    const userId = requireUserId(context);
    const assignments = new Map(
      (await this.repository.listAssignments(this.db, id)).map((row) => [row.section_id, row.reviewer_id]),
    );
    const isLead =
      access.application.assigned_validator_id === userId ||
      hasRole(context.principal, 'aeo_manager', 'admin');
    const fields = items.flatMap((item, index) =>
      questions.has(item.questionId)
        ? []
        : [
            {
              path: items.length === 1 ? 'questionId' : `items[${index}].questionId`,
              message: `No question ${item.questionId} in this case.`,
            },
          ],
    );
    if (fields.length) throw validationError(fields);
    for (const item of items) {
      const reviewer = assignments.get(questions.get(item.questionId)!.sectionId);
      if (reviewer && reviewer !== userId && !isLead) {
        throw forbidden('This section of the review is assigned to another officer.');
      }
    }
    return this.db.transaction().execute(async (trx) => {
      await this.startReviewIfAccepted(trx, context, access);
      const rows = [];
      for (const item of items) {
        rows.push(
          await this.repository.upsertFinding(trx, {
            application_id: id,
            question_id: item.questionId,
            finding: item.finding,
            note: item.note?.trim() ?? '',
            visibility: item.visibility,
            reviewer_id: userId,
            updated_at: context.now,
          }),
        );
      }
      await this.recordEvent(trx, context, access.application, 'validation.finding_recorded', {
        findings: items.map((item) => ({
          questionId: item.questionId,
          finding: item.finding,
          visibility: item.visibility,
        })),
      });
      return rows;
    });
  }

  /** The findings, the per-criterion summary, the scores and the tier the programme implies. */
  async summary(context: RequestContext, id: string) {
    const access = await this.applications.authorizeCustoms(context, id);
    return this.summarise(access.application);
  }

  async summarise(application: ApplicationRow) {
    const [data, findings] = await Promise.all([
      this.caseData.read(application),
      this.repository.listFindings(this.db, application.id),
    ]);
    const byQuestion = Object.fromEntries(findings.map((row) => [row.question_id, row]));
    return {
      data,
      findings,
      summary: summariseDeskReview(data.definition, data.questionnaire, data.answers, byQuestion),
    };
  }

  async assignSections(
    context: RequestContext,
    id: string,
    assignments: Array<{ sectionId: string; reviewerId: string }>,
  ) {
    const access = await this.applications.authorizeCustoms(context, id);
    const userId = requireUserId(context);
    if (
      !hasRole(context.principal, 'aeo_manager', 'admin') &&
      access.application.assigned_validator_id !== userId
    ) {
      throw forbidden('The case validator or an AEO manager splits the review.');
    }
    assertState(access.application, EXAMINATION_STATES, 'Splitting the review');
    const data = await this.caseData.read(access.application);
    const sections = new Set(data.definition.questionnaire.sections.map((section) => section.id));
    const validators = new Set(await this.organisations.activeValidatorIds());
    const fields = assignments.flatMap((assignment, index) => [
      ...(sections.has(assignment.sectionId)
        ? []
        : [{ path: `assignments[${index}].sectionId`, message: 'No such section in this programme.' }]),
      ...(validators.has(assignment.reviewerId)
        ? []
        : [{ path: `assignments[${index}].reviewerId`, message: 'Choose an active validator.' }]),
    ]);
    if (new Set(assignments.map((a) => a.sectionId)).size !== assignments.length) {
      fields.push({ path: 'assignments', message: 'Assign each section once.' });
    }
    if (fields.length) throw validationError(fields);
    return this.db.transaction().execute(async (trx) => {
      await this.repository.replaceAssignments(
        trx,
        id,
        assignments.map((a) => ({ section_id: a.sectionId, reviewer_id: a.reviewerId })),
        userId,
        context.now,
      );
      await this.recordEvent(trx, context, access.application, 'validation.review_split', {
        assignments,
      });
      const reviewers = [...new Set(assignments.map((a) => a.reviewerId))];
      await this.notifier.notify(
        trx,
        context.now,
        access.application,
        { userIds: reviewers },
        'application.assigned',
      );
      return this.repository.listAssignments(trx, id);
    });
  }

  /** The authority takes the programme's extension once, with a reason the applicant reads. */
  async extendDecision(context: RequestContext, id: string, reason: string) {
    const access = await this.applications.authorizeCustoms(context, id);
    requireRole(context, ['aeo_manager', 'admin'], 'Only an AEO manager extends the decision deadline.');
    const application = access.application;
    if (
      !DECISION_CLOCK_STATES.includes(application.status as ApplicationState) &&
      application.status !== 'improvement_plan' &&
      application.status !== 'right_to_be_heard'
    ) {
      throw conflict(
        `The decision deadline cannot be extended while the application is ${application.status}.`,
        { reason: 'wrong_state' },
      );
    }
    if (!application.decision_due) throw conflict('This case has no decision deadline to extend.');
    if (await this.repository.findExtension(this.db, id)) {
      throw conflict('The decision deadline has already been extended once.', { reason: 'already_extended' });
    }
    const { definition } = await this.programme.getVersion(application.programme_version_id);
    if (definition.clocks.extensionDays === 0) throw conflict('This programme allows no extension.');
    const calendar = await this.applications.calendar(definition);
    const newDue = computeDeadline(application.decision_due, definition.clocks.extensionDays, calendar);
    return this.db.transaction().execute(async (trx) => {
      await this.repository.insertExtension(trx, {
        application_id: id,
        days: definition.clocks.extensionDays,
        previous_due: application.decision_due!,
        new_due: newDue,
        reason,
        extended_by: requireUserId(context),
        extended_at: context.now,
      });
      const updated = await this.applications.updateClock(trx, id, { decision_due: newDue });
      await this.applications.scheduleDecisionReminder(trx, updated);
      await this.recordEvent(trx, context, application, 'validation.decision_extended', {
        previousDue: application.decision_due,
        newDue,
        reason,
      });
      await this.applications.notifyApplicant(trx, context.now, updated, 'validation.decision_extended', {
        dueDate: newDue,
        reason,
      });
      return updated;
    });
  }

  /** The case as the AEO office sees it: state, clock, next actions and where each part of the work stands. */
  async overview(context: RequestContext, id: string) {
    const access = await this.applications.authorizeCustoms(context, id);
    const application = access.application;
    const [review, clock, assignments] = await Promise.all([
      this.summarise(application),
      this.getClock(application, context.now),
      this.repository.listAssignments(this.db, id),
    ]);
    return {
      application,
      operatorName: review.data.operatorName,
      clock,
      today: today(context.now),
      assignments,
      findings: review.findings,
      summary: review.summary,
    };
  }
}
