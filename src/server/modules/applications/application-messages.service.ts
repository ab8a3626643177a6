import type { Db } from '../../platform/database';
import type { RequestContext } from '../../platform/request-context';
import { fullAuditView } from '../audit/audit.presenters';
import type { AuditService } from '../audit/audit.service';
import type { ApplicationAccessService } from './application-access.service';
import type { ApplicationIntakeService } from './application-intake.service';
import { ApplicationsRepository } from './applications.repository';

/** The conversation on a case (messages between the applicant and customs) and its history. */
export class ApplicationMessagesService {
  private readonly repository = new ApplicationsRepository();

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly access: ApplicationAccessService,
    private readonly intake: ApplicationIntakeService,
  ) {}

  /**
   * The case's history from the audit trail: who did what and when. Customs see every event with its details; the
   * applicant sees the lifecycle and the steps it takes part in, without details (customs' internal work — findings,
   * risk map, consultations, sign-off notes — stays internal).
   */
  async timeline(context: RequestContext, id: string) {
    const access = await this.access.authorize(context, id, 'view');
    const isCustoms = access.side === 'customs';
    const events = await this.audit.listForEntity('application', id);
    // The applicant's form is the one rule the audit API applies too (applicant-audit-view.ts).
    const view = isCustoms ? fullAuditView : await this.audit.operatorView(access.application.operator_id);
    return events
      .filter((event) => event.action !== 'application.answer_saved')
      .flatMap((event) => view(event) ?? [])
      .reverse();
  }

  async postMessage(context: RequestContext, id: string, body: string) {
    const access = await this.access.authorize(context, id, 'view');
    if (access.side === 'operator') await this.access.authorize(context, id, 'prepare');
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
        await this.intake.notifyApplicant(trx, context.now, access.application, 'application.message', {});
      }
      return message;
    });
  }
}
