import type { Trx } from '../../platform/database';
import { conflict, forbidden, notFound, validationError } from '../../platform/errors';
import type { RequestContext } from '../../platform/request-context';
import { addDuration, computeDeadline, today } from '../../../programme-core';
import type { ApplicationState } from '../../../vocabulary/application-lifecycle';
import { precheck } from '../applications/case-guards';
import type { ApplicationAccess, ApplicationRow } from '../applications/applications.service';
import { requireRole, requireUserId } from '../../platform/access-control';
import { isWithin } from './case-clock.engine';
import { CaseService, type ValidationDeps } from './case-service';
import type { DeskReviewService } from './desk-review.service';
import { EXAMINATION_EVENTS, caseParticipants, checkFourEyes, fourEyesError } from './four-eyes';
import { DEFAULT_APPEAL_ROUTE } from './letter-templates';
import type { ReportService } from './report.service';
import {
  DECIDING_ROLES,
  callerActions,
  canSignLevel,
  canSignReferral,
  signOffProgress,
  type Caller,
} from './sign-off.engine';

export interface GrantInput {
  tier?: string | undefined;
  overrideReason?: string | undefined;
  grounds?: string | undefined;
  siteIds?: string[] | undefined;
}

/** Sign-off, the right to be heard, the decision (grant or reject) and the authorisation a grant creates. */
export class DecisionService extends CaseService {
  constructor(
    deps: ValidationDeps,
    private readonly deskReview: DeskReviewService,
    private readonly reports: ReportService,
  ) {
    super(deps);
  }

  /**
   * The case's current report, its approvals and everyone who took part in the case: who examined it (from the
   * case's audit trail, which keeps every act, also those later overwritten or removed), who approved a report and
   * who decided. Every four-eyes check (sign-off, decision, appeal review, the workspace's actions) reads this list.
   */
  async officers(application: ApplicationRow) {
    const [reports, signOffs, decisions, notices, events] = await Promise.all([
      this.repository.listReports(this.db, application.id),
      this.repository.listSignOffs(this.db, application.id),
      this.repository.listDecisions(this.db, application.id),
      this.repository.listNotices(this.db, application.id),
      this.audit.listActs('application', application.id, Object.keys(EXAMINATION_EVENTS)),
    ]);
    const current = reports[0];
    return {
      report: current,
      approvals: signOffs.filter((s) => s.outcome === 'approved' && s.report_id === current?.id),
      participants: caseParticipants({
        assignedValidatorId: application.assigned_validator_id,
        events,
        signOffs,
        decisions,
        notices,
      }),
    };
  }

  private async caller(context: RequestContext): Promise<Caller> {
    const principal = context.principal;
    return {
      userId: requireUserId(context),
      roles: principal?.kind === 'user' ? principal.roles : [],
      isHeadquarters: await this.applications.isHeadquarters(context),
    };
  }

  /** The programme's sign-off levels for the current report: who signed which, and which is next. */
  async signOffStatus(application: ApplicationRow) {
    const [{ definition }, officers] = await Promise.all([
      this.programme.getVersion(application.programme_version_id),
      this.officers(application),
    ]);
    return { officers, ...signOffProgress(definition.signOff.levels, officers.approvals) };
  }

  /** What the workspace offers this caller: the lifecycle actions their role, office and four eyes allow now. */
  async workspaceActions(context: RequestContext, application: ApplicationRow) {
    const [status, caller] = await Promise.all([this.signOffStatus(application), this.caller(context)]);
    const actions = callerActions(application.status as ApplicationState, caller, {
      levels: status.levels.map((p) => p.level),
      next: status.next,
      participants: status.officers.participants,
      currentReportId: status.officers.report?.id ?? null,
    });
    return { actions, signOff: { levels: status.levels, next: status.next } };
  }

  async requestSignOff(context: RequestContext, id: string) {
    const access = await this.authorizeCustomsFor(context, id, 'submit_for_sign_off');
    return this.db.transaction().execute(async (trx) => {
      const updated = await this.applications.transition(trx, context, access, 'submit_for_sign_off');
      await this.notifier.notify(
        trx,
        context.now,
        updated,
        'office_managers',
        'validation.sign_off_requested',
      );
      return updated;
    });
  }

  /**
   * A signature on the current report. With several levels (the programme's `signOff.levels`) an approval below the
   * last records that level and keeps the case awaiting sign-off; the last level's approval (or headquarters' on a
   * referred case) makes it ready for decision. Returning or referring works at any level.
   */
  async signOff(
    context: RequestContext,
    id: string,
    input: { outcome: 'approved' | 'returned' | 'referred'; note?: string | undefined },
  ) {
    const access = await this.applications.authorizeCustoms(context, id);
    const application = access.application;
    const isSigning =
      application.status === 'awaiting_sign_off' || application.status === 'referred_to_headquarters';
    const status = await this.signOffStatus(application);
    const isIntermediate =
      input.outcome === 'approved' &&
      application.status === 'awaiting_sign_off' &&
      status.next !== null &&
      status.next.number < status.levels.length;
    const action =
      input.outcome === 'approved'
        ? 'sign_off'
        : input.outcome === 'returned'
          ? 'return_for_rework'
          : 'refer_to_headquarters';
    precheck(application, action, 'customs');
    const caller = await this.caller(context);
    const levels = status.levels.map((p) => p.level);
    if (application.status === 'referred_to_headquarters') {
      if (!canSignReferral(levels, caller))
        throw forbidden('The case was referred to headquarters; an officer there signs it off.');
    } else if (isSigning) {
      if (!status.next || !canSignLevel(status.next.level, caller)) {
        const level = status.next?.level;
        throw forbidden(
          `This signature (${level?.title.en ?? 'sign-off'}) needs the role ${level?.roles.join(' or ') ?? 'aeo_manager'}` +
            `${level?.headquarters ? ' at headquarters' : ''}.`,
        );
      }
    } else {
      requireRole(context, DECIDING_ROLES, 'An AEO manager returns a case ready for decision.');
    }
    if (input.outcome !== 'approved' && !input.note?.trim()) {
      throw validationError([{ path: 'note', message: 'Say why the report is returned or referred.' }]);
    }
    const userId = caller.userId;
    const officers = status.officers;
    if (!officers.report) throw conflict('No report has been issued for this case.');
    // Outside sign-off (a case ready for decision returned for rework) the manager acts in the decider's place.
    const refusal = checkFourEyes(
      isSigning ? 'sign' : 'decide',
      userId,
      officers.participants,
      officers.report.id,
    );
    if (refusal) throw fourEyesError(refusal);
    const level =
      application.status === 'referred_to_headquarters' ? status.levels.length : (status.next?.number ?? 1);
    // Who is told that the next level awaits its signature (read before the transaction: one PGlite connection).
    const nextOfficeId =
      isIntermediate && status.levels[level]!.level.headquarters
        ? await this.notifier.headquartersOfficeId()
        : application.office_id;
    return this.db.transaction().execute(async (trx) => {
      await this.repository.insertSignOff(trx, {
        application_id: id,
        report_id: officers.report!.id,
        outcome: input.outcome,
        level,
        note: input.note?.trim() ?? '',
        signed_by: userId,
        signed_at: context.now,
      });
      if (isIntermediate) {
        await this.recordEvent(trx, context, application, 'validation.sign_off_level_approved', {
          reportId: officers.report!.id,
          level,
          levelId: status.next!.level.id,
          note: input.note ?? null,
        });
        await this.notifier.notify(
          trx,
          context.now,
          application,
          { managersOf: nextOfficeId },
          'validation.sign_off_requested',
        );
        return application;
      }
      const updated = await this.applications.transition(trx, context, access, action, () => ({}), {
        reportId: officers.report!.id,
        level,
        note: input.note ?? null,
      });
      await this.notifier.notify(
        trx,
        context.now,
        updated,
        'case_officers',
        `validation.sign_off_${input.outcome}`,
        { note: input.note ?? '' },
      );
      if (input.outcome === 'approved') {
        await this.notifier.notify(
          trx,
          context.now,
          updated,
          'office_managers',
          'validation.ready_for_decision',
        );
      }
      return updated;
    });
  }

  /**
   * Notice of intended rejection: the reasons, and the period in which the applicant may reply. It announces the
   * decision the office intends to take, so it is the decider's act and four eyes apply as to the rejection.
   */
  async notifyIntendedRejection(context: RequestContext, id: string, input: { reasons: string }) {
    const access = await this.authorizeCustomsFor(context, id, 'notify_intended_rejection');
    await this.assertDecider(context, access.application);
    const data = await this.caseData.read(access.application);
    const calendar = await this.applications.calendar(data.definition);
    const replyDue = computeDeadline(today(context.now), data.definition.clocks.rightToBeHeardDays, calendar);
    return this.db.transaction().execute(async (trx) => {
      const notice = await this.repository.insertNotice(trx, {
        application_id: id,
        reasons: input.reasons,
        reply_due: replyDue,
        issued_by: requireUserId(context),
        issued_at: context.now,
      });
      // The applicant's period to be heard does not run against customs.
      const updated = await this.transitionPausingClock(trx, context, access, 'notify_intended_rejection', {
        noticeId: notice.id,
        replyDue,
      });
      await this.reports.storeLetters(trx, context, updated, 'intended_rejection', {
        reference: updated.reference,
        operatorName: data.operatorName,
        reasons: input.reasons,
        replyDue,
      });
      await this.applications.notifyApplicant(trx, context.now, updated, 'validation.intended_rejection', {
        dueDate: replyDue,
        reason: input.reasons,
      });
      await this.notifier.remindApplicant(trx, updated, {
        key: `application:${id}:hearing`,
        title: `Reply to the notice of intended rejection on ${updated.reference}`,
        dueDate: replyDue,
        daysBefore: 3,
      });
      return { application: updated, notice };
    });
  }

  async answerNotice(context: RequestContext, id: string, input: { reply: string }) {
    const access = await this.applications.authorizeApplicant(context, id);
    precheck(access.application, 'answer_notice', 'operator');
    const notice = (await this.repository.listNotices(this.db, id))[0];
    if (!notice) throw notFound('Notice');
    if (!isWithin(notice.reply_due, context.now)) {
      throw conflict(`The period to reply ended on ${notice.reply_due}.`, {
        reason: 'reply_out_of_time',
        replyDue: notice.reply_due,
      });
    }
    const calendar = await this.calendarOf(access.application);
    return this.db.transaction().execute(async (trx) => {
      await this.repository.updateNotice(trx, notice.id, {
        reply_text: input.reply,
        replied_by: requireUserId(context),
        replied_at: context.now,
      });
      const updated = await this.transitionResumingClock(trx, context, access, 'answer_notice', calendar, {
        noticeId: notice.id,
      });
      await this.notifications.cancelReminder(trx, `application:${id}:hearing`);
      await this.notifier.notify(trx, context.now, updated, 'office_managers', 'validation.notice_answered');
      return updated;
    });
  }

  private async assertDecider(context: RequestContext, application: ApplicationRow) {
    requireRole(context, DECIDING_ROLES, 'Only an AEO manager decides on an application.');
    const { participants } = await this.officers(application);
    const refusal = checkFourEyes('decide', requireUserId(context), participants);
    if (refusal) throw fourEyesError(refusal);
  }

  async grant(context: RequestContext, id: string, input: GrantInput) {
    const access = await this.authorizeCustomsFor(context, id, 'grant');
    await this.assertDecider(context, access.application);
    const prepared = await this.prepareGrant(context, access.application, input);
    return this.db
      .transaction()
      .execute((trx) => this.grantInTransaction(trx, context, access, 'grant', prepared, null));
  }

  /**
   * What a grant needs, read before its transaction: the tier the programme's rules propose from the findings
   * (another one only with a written reason), the sites covered and the date the status takes effect.
   */
  async prepareGrant(context: RequestContext, application: ApplicationRow, input: GrantInput) {
    const { data, summary } = await this.deskReview.summarise(application);
    const type = data.definition.authorisationTypes.find((t) => t.id === application.authorisation_type)!;
    const proposed = summary.proposal.tier;
    const tier = input.tier ?? proposed;
    if (!tier) {
      throw validationError([
        {
          path: 'tier',
          message: 'The findings meet no tier of this type; name one and give the reason for overriding.',
        },
      ]);
    }
    if (!type.tiers.some((t) => t.id === tier)) {
      throw validationError([
        { path: 'tier', message: `Unknown tier; this type has ${type.tiers.map((t) => t.id).join(', ')}.` },
      ]);
    }
    if (tier !== proposed && !input.overrideReason?.trim()) {
      throw validationError([
        {
          path: 'overrideReason',
          message: `The findings propose ${proposed ?? 'no tier'}; give the reason for ${tier}.`,
        },
      ]);
    }
    const sites = await this.applications.listSiteRows(application.id);
    const covered = input.siteIds ? sites.filter((site) => input.siteIds!.includes(site.id)) : sites;
    const unknownSite = input.siteIds?.findIndex((siteId) => !sites.some((site) => site.id === siteId)) ?? -1;
    if (unknownSite >= 0)
      throw validationError([
        { path: `siteIds[${unknownSite}]`, message: 'No such site in this application.' },
      ]);
    const calendar = await this.applications.calendar(data.definition);
    const effectiveDate = computeDeadline(
      today(context.now),
      data.definition.clocks.daysUntilEffect,
      calendar,
    );
    return { input, operatorName: data.operatorName, tier, proposed, covered, effectiveDate };
  }

  /** The decision, the authorisation record and the letters, with the transition, in the caller's transaction. */
  async grantInTransaction(
    trx: Trx,
    context: RequestContext,
    access: ApplicationAccess,
    action: 'grant' | 'reverse',
    prepared: Awaited<ReturnType<DecisionService['prepareGrant']>>,
    appealId: string | null,
  ) {
    const application = access.application;
    const { input, tier, proposed, covered, effectiveDate } = prepared;
    const userId = requireUserId(context);
    // The case's row lock before the first insert: a parallel grant waits here and then finds the case decided
    // (409), instead of colliding on the authorisation's unique application (500).
    const locked = await this.applications.lockRow(trx, application.id);
    if (!locked) throw notFound('Application');
    precheck(locked, action, 'customs');
    await this.applications.cancelDecisionReminder(trx, application.id);
    const decision = await this.repository.insertDecision(trx, {
      application_id: application.id,
      outcome: 'granted',
      authorisation_type: application.authorisation_type,
      tier,
      proposed_tier: proposed,
      override_reason: tier !== proposed ? input.overrideReason!.trim() : null,
      grounds: input.grounds?.trim() ?? '',
      rules_relied_on: [],
      appeal_route: null,
      appeal_due: null,
      effective_date: effectiveDate,
      decided_by: userId,
      decided_at: context.now,
      appeal_id: appealId,
    });
    const authorisation = await this.authorisations.createInTransaction(trx, {
      operator_id: application.operator_id,
      application_id: application.id,
      decision_id: decision.id,
      programme_version_id: application.programme_version_id,
      authorisation_type: application.authorisation_type,
      tier,
      site_ids: covered.map((site) => site.id),
      sites: JSON.stringify(
        covered.map((site) => ({ id: site.id, kind: site.kind, name: site.name, address: site.address })),
      ),
      effective_date: effectiveDate,
      granted_by: userId,
      granted_at: context.now,
    });
    const updated = await this.applications.transition(
      trx,
      context,
      access,
      action,
      () => ({ closed_at: context.now, closing_reason: 'granted', paused_since: null }),
      {
        decisionId: decision.id,
        authorisationId: authorisation.id,
        tier,
        proposedTier: proposed,
        effectiveDate,
      },
    );
    await this.audit.record(trx, context, {
      action: 'authorisation.granted',
      entityType: 'authorisation',
      entityId: authorisation.id,
      operatorId: application.operator_id,
      summary: { applicationId: application.id, type: application.authorisation_type, tier, effectiveDate },
    });
    await this.reports.storeLetters(trx, context, updated, 'decision_granted', {
      reference: updated.reference,
      operatorName: prepared.operatorName,
      authorisationType: application.authorisation_type,
      tier,
      effectiveDate,
      sites: covered.map((site) => `${site.name}, ${site.address}`).join('; ') || '-',
      grounds: input.grounds?.trim() || '-',
      officer: context.principal?.kind === 'user' ? context.principal.name : '',
    });
    await this.applications.notifyApplicant(trx, context.now, updated, 'decision.granted', {
      tier,
      effectiveDate,
    });
    return { application: updated, decision, authorisation };
  }

  async reject(
    context: RequestContext,
    id: string,
    input: { grounds: string; rulesReliedOn: string[]; appealRoute?: string | undefined },
  ) {
    const access = await this.applications.authorizeCustoms(context, id);
    const application = access.application;
    precheck(application, 'reject', 'customs');
    await this.assertDecider(context, application);
    const notice = (await this.repository.listNotices(this.db, id))[0];
    if (application.status === 'right_to_be_heard' && notice && isWithin(notice.reply_due, context.now)) {
      throw conflict(`The applicant may reply to the notice until ${notice.reply_due}; decide after that.`, {
        reason: 'hearing_period_running',
        replyDue: notice.reply_due,
      });
    }
    const data = await this.caseData.read(application);
    const calendar = await this.applications.calendar(data.definition);
    const appealDue = computeDeadline(today(context.now), data.definition.clocks.appealDays, calendar);
    const appealRoute = input.appealRoute?.trim() || DEFAULT_APPEAL_ROUTE.en;
    const bar = data.definition.clocks.reapplicationBarAfterRejection;
    const barredUntil = bar && bar.amount > 0 ? addDuration(today(context.now), bar) : null;
    return this.db.transaction().execute(async (trx) => {
      await this.applications.cancelDecisionReminder(trx, id);
      const decision = await this.repository.insertDecision(trx, {
        application_id: id,
        outcome: 'rejected',
        authorisation_type: application.authorisation_type,
        tier: null,
        proposed_tier: null,
        override_reason: null,
        grounds: input.grounds,
        rules_relied_on: input.rulesReliedOn,
        appeal_route: appealRoute,
        appeal_due: appealDue,
        effective_date: today(context.now),
        barred_until: barredUntil,
        decided_by: requireUserId(context),
        decided_at: context.now,
        appeal_id: null,
      });
      const updated = await this.applications.transition(
        trx,
        context,
        access,
        'reject',
        () => ({ closed_at: context.now, closing_reason: 'rejected', paused_since: null }),
        { decisionId: decision.id, appealDue, barredUntil },
      );
      await this.notifications.cancelReminder(trx, `application:${id}:hearing`);
      const officer = context.principal?.kind === 'user' ? context.principal.name : '';
      await this.reports.storeLetters(trx, context, updated, 'decision_rejected', {
        reference: updated.reference,
        operatorName: data.operatorName,
        grounds: input.grounds,
        rules: input.rulesReliedOn.join('; '),
        appealRoute: input.appealRoute?.trim() || '',
        appealDue,
        officer,
        barredUntil: barredUntil ?? '-',
      });
      await this.applications.notifyApplicant(trx, context.now, updated, 'decision.rejected', {
        dueDate: appealDue,
        reason: input.grounds,
      });
      return { application: updated, decision };
    });
  }

  async getDecision(context: RequestContext, id: string) {
    const access = await this.applications.authorizeEitherSide(context, id);
    const decision = (await this.repository.listDecisions(this.db, id))[0];
    if (!decision) throw notFound('Decision');
    const authorisation = await this.authorisations.findForApplication(this.db, id);
    return { application: access.application, decision, authorisation: authorisation ?? null };
  }

  async getHearing(context: RequestContext, id: string) {
    await this.applications.authorizeEitherSide(context, id);
    const notice = (await this.repository.listNotices(this.db, id))[0];
    if (!notice) throw notFound('Notice');
    return notice;
  }
}
