import type { Trx } from '../../platform/database';
import { DAY_MS } from '../../../programme-core';
import type { ApplicationRow } from '../applications/applications.service';
import type { Recipients, NotificationsService } from '../notifications/notifications.service';
import type { OrganisationsService } from '../organisations/organisations.service';

/**
 * Who hears of a case's event besides the applicant (that is `applications.notifyApplicant`): its officers (the
 * assigned validator, or the office's managers when none is assigned), the managers of its office or of another one
 * (headquarters signing a level of the report), named users, or everyone with a role.
 */
export type CaseAudience = 'case_officers' | 'office_managers' | { managersOf: string | null } | Recipients;

/**
 * Tells people of a case's events, each notice linking to the case; and reminds the applicant's users of a date on
 * the case they must meet.
 */
export class CaseNotifier {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Nobody is told when the audience is a list of users that turns out empty. */
  async notify(
    trx: Trx,
    now: Date,
    application: ApplicationRow,
    audience: CaseAudience,
    event: string,
    params: Record<string, string> = {},
  ): Promise<void> {
    const recipients = await this.recipientsOf(trx, application, audience);
    if (recipients.userIds?.length === 0) return;
    await this.notifications.notify(trx, now, {
      recipients,
      event,
      params: { reference: application.reference, ...params },
      link: `/applications/${application.id}`,
      entityType: 'application',
      entityId: application.id,
    });
  }

  private async recipientsOf(
    trx: Trx,
    application: ApplicationRow,
    audience: CaseAudience,
  ): Promise<Recipients> {
    if (audience === 'case_officers' && application.assigned_validator_id) {
      return { userIds: [application.assigned_validator_id] };
    }
    if (audience === 'case_officers' || audience === 'office_managers') {
      return { userIds: await this.organisations.officeManagers(trx, application.office_id) };
    }
    if ('managersOf' in audience) {
      return { userIds: await this.organisations.officeManagers(trx, audience.managersOf) };
    }
    return audience;
  }

  /**
   * Reminds the applicant's users, `daysBefore` days ahead, of a date they must meet on the case (17:00 UTC that
   * day); scheduling the same key again moves the reminder.
   */
  async remindApplicant(
    trx: Trx,
    application: ApplicationRow,
    reminder: { key: string; title: string; dueDate: string; daysBefore: number },
  ): Promise<void> {
    await this.notifications.scheduleReminder(trx, {
      key: reminder.key,
      title: reminder.title,
      entityType: 'application',
      entityId: application.id,
      dueAt: new Date(`${reminder.dueDate}T17:00:00Z`),
      remindBeforeMs: reminder.daysBefore * DAY_MS,
      recipients: await this.organisations.operatorUserIds(trx, application.operator_id),
      link: `/applications/${application.id}`,
    });
  }

  /** Where notices to headquarters go: an appeal, an escalated consultation, a signature due there. */
  async headquartersOfficeId(): Promise<string | null> {
    const offices = await this.organisations.listOffices();
    return offices.find((office) => office.kind === 'headquarters')?.id ?? null;
  }
}
