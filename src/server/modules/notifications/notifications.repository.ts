import type { Trx, Executor, NewRow, Row } from '../../platform/database';

export type ReminderRow = Row<'reminder'>;

/** The only place that queries notification, email_outbox and reminder. */
export class NotificationsRepository {
  async insertNotification(trx: Executor, values: NewRow<'notification'>): Promise<string> {
    const row = await trx.insertInto('notification').values(values).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  async insertEmail(
    trx: Executor,
    values: Omit<NewRow<'email_outbox'>, 'next_attempt_at'> & { created_at: Date },
  ): Promise<void> {
    // First try at the next tick; the clock is the caller's, not the database's, like created_at.
    await trx
      .insertInto('email_outbox')
      .values({ ...values, next_attempt_at: values.created_at })
      .execute();
  }

  listNotifications(db: Executor, userId: string, isUnreadOnly: boolean, limit: number) {
    let query = db
      .selectFrom('notification')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .limit(limit);
    if (isUnreadOnly) query = query.where('read_at', 'is', null);
    return query.execute();
  }

  async countUnread(db: Executor, userId: string): Promise<number> {
    const row = await db
      .selectFrom('notification')
      .select((eb) => eb.fn.countAll<number>().as('unread'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return row.unread;
  }

  async markRead(db: Executor, userId: string, id: string | undefined, now: Date): Promise<number> {
    let query = db
      .updateTable('notification')
      .set({ read_at: now })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null);
    if (id) query = query.where('id', '=', id);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async notificationExists(db: Executor, userId: string, id: string): Promise<boolean> {
    const row = await db
      .selectFrom('notification')
      .select('id')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  listOutbox(db: Executor, limit: number) {
    return db.selectFrom('email_outbox').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
  }

  /**
   * Claims queued e-mail whose next attempt is due (a failed attempt backs off): the claimed rows' next attempt moves
   * to `leaseUntil` in the same statement, and rows another dispatcher holds are skipped, so two overlapping ticks or
   * two servers never send the same e-mail twice. A dispatcher that dies mid-send leaves the row to be retried after
   * the lease. The locking select is a CTE: inside `IN (…)` PostgreSQL may run it more than once and overrun the limit.
   */
  async claimDueEmails(db: Executor, now: Date, leaseUntil: Date, limit: number) {
    const rows = await db
      .with('due', (qb) =>
        qb
          .selectFrom('email_outbox')
          .select('id')
          .where('status', '=', 'queued')
          .where('next_attempt_at', '<=', now)
          .orderBy('created_at')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      )
      .updateTable('email_outbox')
      .set({ next_attempt_at: leaseUntil })
      .where('id', 'in', (eb) => eb.selectFrom('due').select('due.id'))
      .returningAll()
      .execute();
    return rows.sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
  }

  async updateEmail(
    db: Executor,
    id: string,
    values: {
      status: 'queued' | 'sent' | 'failed';
      attempts: number;
      sent_at?: Date;
      last_error?: string | null;
      next_attempt_at?: Date;
    },
  ): Promise<void> {
    await db.updateTable('email_outbox').set(values).where('id', '=', id).execute();
  }

  async upsertReminder(
    trx: Executor,
    values: Omit<ReminderRow, 'id' | 'status' | 'reminded_at' | 'escalated_at' | 'created_at' | 'params'> & {
      params: string;
    },
  ): Promise<void> {
    await trx
      .insertInto('reminder')
      .values(values)
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          due_at: values.due_at,
          remind_at: values.remind_at,
          escalate_at: values.escalate_at,
          recipient_user_ids: values.recipient_user_ids,
          escalation_role: values.escalation_role,
          escalation_office_id: values.escalation_office_id,
          params: values.params,
          status: 'pending',
          reminded_at: null,
          escalated_at: null,
        }),
      )
      .execute();
  }

  async cancelReminder(trx: Executor, key: string): Promise<void> {
    await trx.updateTable('reminder').set({ status: 'cancelled' }).where('key', '=', key).execute();
  }

  findReminder(db: Executor, key: string) {
    return db.selectFrom('reminder').selectAll().where('key', '=', key).executeTakeFirst();
  }

  /** Locks due reminders so two scheduler ticks (or two API nodes) never send the same one twice. */
  lockDueReminders(trx: Trx, now: Date, limit: number) {
    return trx
      .selectFrom('reminder')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('remind_at', '<=', now)]),
          eb.and([eb('status', 'in', ['pending', 'reminded']), eb('escalate_at', '<=', now)]),
        ]),
      )
      .orderBy('remind_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
  }

  async updateReminder(
    trx: Executor,
    id: string,
    values: { status: 'reminded' | 'escalated'; reminded_at?: Date; escalated_at?: Date },
  ): Promise<void> {
    await trx.updateTable('reminder').set(values).where('id', '=', id).execute();
  }
}
