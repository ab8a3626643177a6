import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserDto } from '../../../src/server/modules/accounts/accounts.presenters';
import type { ReminderInput } from '../../../src/server/modules/notifications/notifications.service';
import type { Services } from '../../../src/server/services';
import { createNodeServices } from '../../support/second-node';
import { createTestApp, factories, type TestApp } from '../../support/test-app';

/**
 * The scheduler's reminders when several API nodes tick at once (each runs the scheduler): due reminders are locked
 * (FOR UPDATE SKIP LOCKED), so each is sent and escalated once; scheduling one key again moves its reminder, never
 * doubles it. There is no route for a tick: the nodes' services are called as their schedulers call them.
 *
 * The races are real only on PostgreSQL: PGlite runs one transaction at a time, so there the racers take turns and
 * only the outcomes are checked (CI runs tests/api on PostgreSQL).
 */

const ROUNDS = 10;
const REMINDERS = 5;
const NODES = 3;
const DAY_MS = 86_400_000;

let t: TestApp;
let nodes: Services[];
let recipients: UserDto[];
let escalationOfficeId: string;

beforeAll(async () => {
  t = await createTestApp();
  nodes = [t.services, ...Array.from({ length: NODES - 1 }, () => createNodeServices(t))];
  const office = await factories.office(t.services);
  recipients = [
    await factories.user(t, { roles: ['validator'], officeId: office.id }),
    await factories.user(t, { roles: ['validator'], officeId: office.id }),
  ];
  // The escalation goes to the office's AEO managers.
  await factories.user(t, { roles: ['aeo_manager'], officeId: office.id });
  escalationOfficeId = office.id;
});

afterAll(async () => {
  await t.close();
});

function reminder(key: string, dueAt: Date): ReminderInput {
  return {
    key,
    title: `Deadline ${key}`,
    entityType: 'application',
    entityId: key,
    dueAt,
    remindBeforeMs: DAY_MS,
    recipients: recipients.map((user) => user.id),
    escalateAfterMs: DAY_MS,
    escalationRole: 'aeo_manager',
    escalationOfficeId,
  };
}

/** Each node schedules the reminder in its own transaction, all at once. */
async function scheduleEverywhere(input: ReminderInput): Promise<void> {
  await Promise.all(
    nodes.map((services) =>
      t.database.db.transaction().execute((trx) => services.notifications.scheduleReminder(trx, input)),
    ),
  );
}

async function stored(keys: string[]) {
  const db = t.database.db;
  const reminders = await db
    .selectFrom('reminder')
    .select(['key', 'status'])
    .where('key', 'in', keys)
    .execute();
  const notifications = await db
    .selectFrom('notification')
    .select(['event', 'entity_id'])
    .where('entity_id', 'in', keys)
    .execute();
  const audited = await db
    .selectFrom('audit_event')
    .select(['action', 'entity_id'])
    .where('entity_id', 'in', keys)
    .execute();
  const count = (rows: { event?: string; action?: string }[], name: string) =>
    rows.filter((row) => (row.event ?? row.action) === name).length;
  return {
    reminders: reminders.map((row) => row.status).sort(),
    reminderKeys: new Set(reminders.map((row) => row.key)).size,
    sent: count(notifications, 'deadline.reminder'),
    escalated: count(notifications, 'deadline.escalated'),
    auditedSent: count(audited, 'reminder.sent'),
    auditedEscalated: count(audited, 'reminder.escalated'),
  };
}

describe('reminders when several nodes tick at once', () => {
  it('schedules one reminder per key, and sends and escalates each once', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const now = t.clock.now();
      const dueAt = new Date(now.getTime() + 2 * DAY_MS);
      const keys = Array.from({ length: REMINDERS }, (_, i) => `race:${round}:${i}`);
      for (const key of keys) await scheduleEverywhere(reminder(key, dueAt));
      expect(await stored(keys)).toMatchObject({ reminderKeys: REMINDERS, sent: 0 });

      // A day and a half later the reminders are due: every node's tick at once.
      const remindAt = new Date(now.getTime() + 1.5 * DAY_MS);
      const reminded = await Promise.all(
        nodes.map((services) => services.notifications.runDueReminders(remindAt)),
      );
      expect(
        reminded.reduce((sum, result) => sum + result.reminded, 0),
        `round ${round}`,
      ).toBe(REMINDERS);

      // Past the deadline and a day more: they escalate, once.
      const escalateAt = new Date(now.getTime() + 3.5 * DAY_MS);
      const escalated = await Promise.all(
        nodes.map((services) => services.notifications.runDueReminders(escalateAt)),
      );
      expect(
        escalated.reduce((sum, result) => sum + result.escalated, 0),
        `round ${round}`,
      ).toBe(REMINDERS);

      expect(await stored(keys)).toEqual({
        reminders: keys.map(() => 'escalated'),
        reminderKeys: REMINDERS,
        sent: REMINDERS * recipients.length,
        escalated: REMINDERS,
        auditedSent: REMINDERS,
        auditedEscalated: REMINDERS,
      });
      t.clock.set(escalateAt);
    }
    expect(await t.services.auditAnchor.verify()).toMatchObject({ ok: true });
  });
});
