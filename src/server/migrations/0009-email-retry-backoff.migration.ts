import { sql, type Kysely } from 'kysely';

/**
 * E-mail retries back off: a queued e-mail waits until its next attempt is due instead of being retried at every
 * scheduler tick, so an unreachable or refusing mail server is not hammered and a short outage does not use up the
 * attempts. Mail already queued is due at once; the default keeps inserts by a server still on the old code working
 * during a rolling upgrade.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table email_outbox add column next_attempt_at timestamptz;
    update email_outbox set next_attempt_at = created_at;
    alter table email_outbox alter column next_attempt_at set not null;
    alter table email_outbox alter column next_attempt_at set default now();
    create index email_outbox_due_idx on email_outbox (next_attempt_at) where status = 'queued';
  `.execute(db);
}
