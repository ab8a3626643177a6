import type { Db, Trx } from '../../platform/database';
import { notFound } from '../../platform/errors';
import { systemContext, type RequestContext } from '../../platform/request-context';
import type { AuditService } from '../audit/audit.service';
import type { UsersService } from '../accounts/users.service';
import { PermanentMailError, type Mailer } from './mailer';
import { renderTemplate, type Language } from './notification-templates';
import {
  presentNotification,
  presentOutboxEmail,
  type NotificationDto,
  type OutboxEmailDto,
} from './notifications.presenters';
import { NotificationsRepository } from './notifications.repository';

export interface Recipients {
  userIds?: string[];
  /** Every active user with this role (in this office, when given). */
  role?: string;
  officeId?: string | null;
}

export interface NotifyInput {
  recipients: Recipients;
  event: string;
  params: Record<string, string>;
  link?: string | null;
  entityType?: string | null;
  entityId?: string | null;
}

export interface ReminderInput {
  /** Stable key (e.g. `application:<id>:acceptance`): scheduling again moves the reminder, never doubles it. */
  key: string;
  title: string;
  entityType: string;
  entityId: string;
  dueAt: Date;
  /** Remind the recipients this long before the deadline. */
  remindBeforeMs: number;
  recipients: string[];
  /** Escalate this long after the deadline passes without the reminder being cancelled. */
  escalateAfterMs?: number;
  escalationRole?: string;
  escalationOfficeId?: string | null;
  link?: string;
}

const MAX_ATTEMPTS = 5;
/** A failed e-mail is retried after 5, 10, 20, 40 minutes (doubling, at most 6 hours), not at every tick. */
const RETRY_BASE_MS = 5 * 60_000;
const RETRY_MAX_DELAY_MS = 6 * 3_600_000;
/** A claimed e-mail is not claimed again for this long: longer than the mailer's timeouts allow one send to take. */
const SEND_LEASE_MS = 10 * 60_000;
const BATCH_SIZE = 50;
const BATCH_TIME_MS = 5 * 60_000;

function retryDelayMs(attempts: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** (attempts - 1), RETRY_MAX_DELAY_MS);
}

function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** One notification service for the whole platform: in-app inbox, e-mail, reminders and escalation. */
export class NotificationsService {
  private readonly repository = new NotificationsRepository();

  constructor(
    private readonly db: Db,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly mailer: Mailer | undefined,
    private readonly publicUrl: string,
  ) {}

  /** Writes each recipient's inbox entry and e-mail in its language, inside the caller's transaction. */
  async notify(trx: Trx, now: Date, input: NotifyInput): Promise<number> {
    const recipients = await this.users.recipients(
      {
        ...(input.recipients.userIds ? { userIds: input.recipients.userIds } : {}),
        ...(input.recipients.role
          ? { role: input.recipients.role, officeId: input.recipients.officeId ?? null }
          : {}),
      },
      trx,
    );
    for (const user of recipients) {
      if (user.disabled_at) continue;
      const message = renderTemplate(input.event, user.language, input.params);
      const notificationId = await this.repository.insertNotification(trx, {
        user_id: user.id,
        event: input.event,
        subject: message.subject,
        body: message.body,
        link: input.link ?? null,
        entity_type: input.entityType ?? null,
        entity_id: input.entityId ?? null,
        created_at: now,
      });
      const linkLine = input.link ? `\n\n${this.publicUrl}${input.link}` : '';
      await this.repository.insertEmail(trx, {
        to_address: user.email,
        subject: message.subject,
        body_text: message.body + linkLine,
        notification_id: notificationId,
        created_at: now,
      });
    }
    return recipients.length;
  }

  /** E-mail to someone who has no account yet (an invitation). */
  async sendEmail(
    trx: Trx,
    now: Date,
    input: { to: string; language: Language; event: string; params: Record<string, string> },
  ): Promise<void> {
    const message = renderTemplate(input.event, input.language, input.params);
    await this.repository.insertEmail(trx, {
      to_address: input.to,
      subject: message.subject,
      body_text: message.body,
      notification_id: null,
      created_at: now,
    });
  }

  async listInbox(
    userId: string,
    isUnreadOnly: boolean,
  ): Promise<{ items: NotificationDto[]; unread: number }> {
    const [items, unread] = await Promise.all([
      this.repository.listNotifications(this.db, userId, isUnreadOnly, 200),
      this.repository.countUnread(this.db, userId),
    ]);
    return {
      items: items.map(presentNotification),
      unread,
    };
  }

  async markRead(context: RequestContext, userId: string, id?: string): Promise<void> {
    if (id && !(await this.repository.notificationExists(this.db, userId, id)))
      throw notFound('Notification');
    await this.repository.markRead(this.db, userId, id, context.now);
  }

  async listOutbox(): Promise<OutboxEmailDto[]> {
    const rows = await this.repository.listOutbox(this.db, 500);
    return rows.map(presentOutboxEmail);
  }

  /** Sends due e-mail over SMTP; a failure is retried later with back-off, and after MAX_ATTEMPTS marked failed. */
  async dispatchOutbox(now: Date): Promise<{ sent: number; failed: number }> {
    if (!this.mailer) return { sent: 0, failed: 0 };
    let sent = 0;
    let failed = 0;
    const started = performance.now();
    const at = () => new Date(now.getTime() + (performance.now() - started));
    // One e-mail claimed per send, and no new claim once the batch has run for BATCH_TIME_MS: every claimed send
    // (at most about two minutes under the mailer's timeouts) then ends well within its lease.
    for (let index = 0; index < BATCH_SIZE && performance.now() - started < BATCH_TIME_MS; index += 1) {
      const claimedAt = at();
      const [email] = await this.repository.claimDueEmails(
        this.db,
        claimedAt,
        new Date(claimedAt.getTime() + SEND_LEASE_MS),
        1,
      );
      if (!email) break;
      const attempts = email.attempts + 1;
      try {
        await this.mailer.send({ to: email.to_address, subject: email.subject, text: email.body_text });
        await this.repository.updateEmail(this.db, email.id, {
          status: 'sent',
          attempts,
          sent_at: now,
          last_error: null,
        });
        sent += 1;
      } catch (error) {
        // A refusal the server calls final (5xx) is not retried; anything else is, up to MAX_ATTEMPTS.
        const status = attempts >= MAX_ATTEMPTS || error instanceof PermanentMailError ? 'failed' : 'queued';
        const message = error instanceof Error ? error.message : String(error);
        await this.repository.updateEmail(this.db, email.id, {
          status,
          attempts,
          last_error: message.slice(0, 500),
          // From the tick's time: at most BATCH_TIME_MS plus one send early, against waits of five minutes and more.
          next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)),
        });
        failed += 1;
      }
    }
    return { sent, failed };
  }

  async scheduleReminder(trx: Trx, input: ReminderInput): Promise<void> {
    const remindAt = new Date(input.dueAt.getTime() - input.remindBeforeMs);
    await this.repository.upsertReminder(trx, {
      key: input.key,
      event: 'deadline.reminder',
      entity_type: input.entityType,
      entity_id: input.entityId,
      due_at: input.dueAt,
      remind_at: remindAt,
      escalate_at:
        input.escalateAfterMs === undefined ? null : new Date(input.dueAt.getTime() + input.escalateAfterMs),
      recipient_user_ids: input.recipients,
      escalation_role: input.escalationRole ?? null,
      escalation_office_id: input.escalationOfficeId ?? null,
      params: JSON.stringify({ title: input.title, ...(input.link ? { link: input.link } : {}) }),
    });
  }

  /** The deadline was met (or no longer applies): no reminder or escalation will follow. */
  async cancelReminder(trx: Trx, key: string): Promise<void> {
    await this.repository.cancelReminder(trx, key);
  }

  async findReminder(key: string) {
    return this.repository.findReminder(this.db, key);
  }

  /** One scheduler tick: reminders that are due go to their recipients, overdue ones escalate. */
  async runDueReminders(now: Date): Promise<{ reminded: number; escalated: number }> {
    return this.db.transaction().execute(async (trx) => {
      let reminded = 0;
      let escalated = 0;
      const context = systemContext(now, 'scheduler');
      for (const reminder of await this.repository.lockDueReminders(trx, now, 200)) {
        const params = { ...reminder.params, dueDate: formatDate(reminder.due_at) };
        const link = reminder.params.link ?? null;
        const base = { params, link, entityType: reminder.entity_type, entityId: reminder.entity_id };
        const isEscalation = reminder.escalate_at !== null && reminder.escalate_at <= now;
        if (isEscalation) {
          await this.notify(trx, now, {
            ...base,
            event: 'deadline.escalated',
            recipients: reminder.escalation_role
              ? { role: reminder.escalation_role, officeId: reminder.escalation_office_id }
              : { userIds: reminder.recipient_user_ids },
          });
          await this.repository.updateReminder(trx, reminder.id, { status: 'escalated', escalated_at: now });
          escalated += 1;
        } else {
          await this.notify(trx, now, {
            ...base,
            event: 'deadline.reminder',
            recipients: { userIds: reminder.recipient_user_ids },
          });
          await this.repository.updateReminder(trx, reminder.id, { status: 'reminded', reminded_at: now });
          reminded += 1;
        }
        await this.audit.record(trx, context, {
          action: isEscalation ? 'reminder.escalated' : 'reminder.sent',
          entityType: reminder.entity_type,
          entityId: reminder.entity_id,
          summary: { key: reminder.key, dueAt: reminder.due_at },
        });
      }
      return { reminded, escalated };
    });
  }
}
