import { conflict, forbidden, notFound, validationError } from '../../platform/errors';
import type { RequestContext } from '../../platform/request-context';
import { computeDeadline, today } from '../../../programme-core';
import { precheck } from '../applications/case-guards';
import type { ApplicationRow } from '../applications/applications.service';
import { requireRole, requireUserId } from '../../platform/access-control';
import { isWithin } from './case-clock.engine';
import type { DecisionService } from './decision.service';
import { checkFourEyes, fourEyesError } from './four-eyes';
import { APPEAL_OUTCOME_TEXT } from './letter-templates';
import type { ReportService } from './report.service';
import { CaseService, type ValidationDeps } from './case-service';

/** The applicant's appeal to headquarters, and headquarters' review: uphold, reverse (grant) or send back. */
export class AppealService extends CaseService {
  constructor(
    deps: ValidationDeps,
    private readonly decisions: DecisionService,
    private readonly reports: ReportService,
  ) {
    super(deps);
  }

  async lodge(
    context: RequestContext,
    id: string,
    input: { grounds: string; body: string; evidenceIds?: string[] | undefined },
  ) {
    const access = await this.applications.authorizeApplicant(context, id);
    precheck(access.application, 'appeal', 'operator');
    const decision = (await this.repository.listDecisions(this.db, id))[0];
    if (!decision || decision.outcome !== 'rejected')
      throw conflict('There is no rejection to appeal against.');
    if (decision.appeal_due && !isWithin(decision.appeal_due, context.now)) {
      throw conflict(`The period to appeal ended on ${decision.appeal_due}.`, {
        reason: 'appeal_out_of_time',
        appealDue: decision.appeal_due,
      });
    }
    const headquarters = await this.notifier.headquartersOfficeId();
    return this.db.transaction().execute(async (trx) => {
      const appeal = await this.repository.insertAppeal(trx, {
        application_id: id,
        decision_id: decision.id,
        grounds: input.grounds,
        body: input.body,
        evidence_ids: input.evidenceIds ?? [],
        lodged_by: requireUserId(context),
        lodged_at: context.now,
      });
      const updated = await this.applications.transition(
        trx,
        context,
        access,
        'appeal',
        () => ({ closed_at: null }),
        { appealId: appeal.id },
      );
      await this.notifier.notify(
        trx,
        context.now,
        updated,
        { role: 'aeo_manager', officeId: headquarters },
        'appeal.lodged',
      );
      return { application: updated, appeal };
    });
  }

  async get(context: RequestContext, id: string) {
    await this.applications.authorizeEitherSide(context, id);
    const appeal = (await this.repository.listAppeals(this.db, id))[0];
    if (!appeal) throw notFound('Appeal');
    return appeal;
  }

  async review(
    context: RequestContext,
    id: string,
    input: {
      outcome: 'upheld' | 'reversed' | 'sent_back';
      note: string;
      tier?: string | undefined;
      overrideReason?: string | undefined;
    },
  ) {
    const access = await this.applications.authorizeCustoms(context, id);
    const action =
      input.outcome === 'upheld' ? 'uphold' : input.outcome === 'reversed' ? 'reverse' : 'send_back';
    precheck(access.application, action, 'customs');
    requireRole(context, ['aeo_manager', 'admin'], 'Appeals are reviewed by an AEO manager at headquarters.');
    if (!(await this.applications.isHeadquarters(context))) {
      throw forbidden('Appeals are reviewed by an AEO manager at headquarters.');
    }
    const appeal = (await this.repository.listAppeals(this.db, id))[0];
    if (!appeal || appeal.status !== 'lodged') throw notFound('Appeal');
    const userId = requireUserId(context);
    const { participants } = await this.decisions.officers(access.application);
    const refusal = checkFourEyes('review_appeal', userId, participants);
    if (refusal) throw fourEyesError(refusal);
    if (!input.note.trim())
      throw validationError([{ path: 'note', message: 'State the reasons of the review.' }]);
    const data = await this.caseData.read(access.application);
    const calendar = await this.applications.calendar(data.definition);
    const grant =
      input.outcome === 'reversed'
        ? await this.decisions.prepareGrant(context, access.application, {
            tier: input.tier,
            overrideReason: input.overrideReason,
            grounds: `On appeal: ${input.note}`,
          })
        : null;
    return this.db.transaction().execute(async (trx) => {
      const reviewed = await this.repository.updateAppeal(trx, appeal.id, {
        status: input.outcome,
        review_note: input.note,
        reviewed_by: userId,
        reviewed_at: context.now,
      });
      let application: ApplicationRow;
      let authorisationId: string | null = null;
      if (grant) {
        const granted = await this.decisions.grantInTransaction(
          trx,
          context,
          access,
          'reverse',
          grant,
          appeal.id,
        );
        application = granted.application;
        authorisationId = granted.authorisation.id;
      } else if (input.outcome === 'sent_back') {
        // A new examination, with a new decision clock.
        const decisionDue = computeDeadline(
          today(context.now),
          data.definition.clocks.daysToDecide,
          calendar,
        );
        application = await this.applications.transition(
          trx,
          context,
          access,
          'send_back',
          () => ({ closed_at: null, closing_reason: null, decision_due: decisionDue, paused_since: null }),
          { appealId: appeal.id, decisionDue },
        );
        await this.applications.scheduleDecisionReminder(trx, application);
      } else {
        application = await this.applications.transition(
          trx,
          context,
          access,
          'uphold',
          () => ({ closed_at: context.now }),
          { appealId: appeal.id },
        );
      }
      await this.reports.storeLetters(trx, context, application, 'appeal_decided', {
        reference: application.reference,
        operatorName: data.operatorName,
        outcome: `${APPEAL_OUTCOME_TEXT[input.outcome].en} / ${APPEAL_OUTCOME_TEXT[input.outcome].ru}`,
        note: input.note,
        officer: context.principal?.kind === 'user' ? context.principal.name : '',
      });
      await this.applications.notifyApplicant(trx, context.now, application, `appeal.${input.outcome}`, {
        reason: input.note,
      });
      if (input.outcome === 'sent_back') {
        await this.notifier.notify(trx, context.now, application, 'case_officers', 'appeal.sent_back', {
          reason: input.note,
        });
      }
      return { application, appeal: reviewed, authorisationId };
    });
  }
}
