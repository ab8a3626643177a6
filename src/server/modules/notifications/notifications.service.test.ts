import { describe, expect, it } from 'vitest';
import { useTestApp, factories, signIn } from '../../../../tests/support/test-app';
import { signInAs } from '../accounts/accounts.test-support';

const t = useTestApp();

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('reminders and escalation', () => {
  it('reminds before a deadline, escalates after it, in each recipient’s language', async () => {
    const office = await factories.office(t.services);
    const validator = await factories.user(t, { roles: ['validator'], officeId: office.id });
    const manager = await factories.user(t, { roles: ['aeo_manager'], officeId: office.id });
    await (await signIn(t.app, manager.email)).request('PATCH', '/api/v1/me', { body: { language: 'ru' } });

    const dueAt = new Date(t.clock.now().getTime() + 10 * DAY);
    await t.database.db.transaction().execute((trx) =>
      t.services.notifications.scheduleReminder(trx, {
        key: 'case:42:decision',
        title: 'Decision on case 42',
        entityType: 'case',
        entityId: '42',
        dueAt,
        remindBeforeMs: 3 * DAY,
        recipients: [validator.id],
        escalateAfterMs: DAY,
        escalationRole: 'aeo_manager',
        escalationOfficeId: office.id,
        link: '/cases/42',
      }),
    );

    expect(await t.services.notifications.runDueReminders(t.clock.now())).toEqual({
      reminded: 0,
      escalated: 0,
    });
    t.clock.advance(7 * DAY + HOUR);
    expect(await t.services.notifications.runDueReminders(t.clock.now())).toEqual({
      reminded: 1,
      escalated: 0,
    });
    expect(await t.services.notifications.runDueReminders(t.clock.now())).toEqual({
      reminded: 0,
      escalated: 0,
    });

    const validatorClient = await signIn(t.app, validator.email);
    const inbox = (await validatorClient.request('GET', '/api/v1/notifications')).json();
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({ event: 'deadline.reminder', link: '/cases/42' });
    expect(inbox.items[0].subject).toContain('Decision on case 42');

    t.clock.advance(4 * DAY);
    expect(await t.services.notifications.runDueReminders(t.clock.now())).toEqual({
      reminded: 0,
      escalated: 1,
    });
    const managerInbox = (
      await (await signIn(t.app, manager.email)).request('GET', '/api/v1/notifications')
    ).json();
    expect(managerInbox.items[0].event).toBe('deadline.escalated');
    expect(managerInbox.items[0].subject).toMatch(/^Просрочено/);
    expect((await t.services.notifications.findReminder('case:42:decision'))?.status).toBe('escalated');

    const outbox = await t.services.notifications.listOutbox();
    expect(outbox.filter((mail) => mail.to === manager.email)).toHaveLength(1);
    const audit = (
      await (
        await signInAs(t, { roles: ['admin'] })
      ).request('GET', '/api/v1/audit/events?action=reminder.escalated')
    ).json();
    expect(audit.items).toHaveLength(1);
  });

  it('sends nothing for a reminder cancelled before it was due', async () => {
    const user = await factories.user(t, { roles: ['admin'] });
    const dueAt = new Date(t.clock.now().getTime() + 2 * DAY);
    await t.database.db.transaction().execute(async (trx) => {
      await t.services.notifications.scheduleReminder(trx, {
        key: 'case:43:reply',
        title: 'Reply',
        entityType: 'case',
        entityId: '43',
        dueAt,
        remindBeforeMs: DAY,
        recipients: [user.id],
        escalateAfterMs: 0,
      });
      await t.services.notifications.cancelReminder(trx, 'case:43:reply');
    });
    t.clock.advance(5 * DAY);
    expect(await t.services.notifications.runDueReminders(t.clock.now())).toEqual({
      reminded: 0,
      escalated: 0,
    });
  });

  it('marks one notification read, only for its recipient', async () => {
    const user = await factories.user(t, { roles: ['admin'] });
    await notifyReminder([user.id], 'A');
    await notifyReminder([user.id], 'B');
    const client = await signIn(t.app, user.email);
    const inbox = (await client.request('GET', '/api/v1/notifications')).json();
    expect(inbox.unread).toBe(2);
    const [first, second] = inbox.items;

    const other = await factories.user(t, { roles: ['admin'] });
    const otherClient = await signIn(t.app, other.email);
    expect((await otherClient.request('POST', `/api/v1/notifications/${first.id}/read`)).statusCode).toBe(
      404,
    );
    expect((await client.request('GET', '/api/v1/notifications')).json().unread).toBe(2);

    expect((await client.request('POST', `/api/v1/notifications/${first.id}/read`)).statusCode).toBe(204);
    const unread = (await client.request('GET', '/api/v1/notifications?unreadOnly=true')).json();
    expect(unread.items.map((n: { id: string }) => n.id)).toEqual([second.id]);
    expect(unread.unread).toBe(1);
  });

  it("marks all of the caller's notifications read and nobody else's", async () => {
    const user = await factories.user(t, { roles: ['admin'] });
    const colleague = await factories.user(t, { roles: ['admin'] });
    await notifyReminder([user.id, colleague.id], 'A');
    await notifyReminder([user.id], 'B');
    await notifyReminder([user.id], 'C');
    const client = await signIn(t.app, user.email);
    const colleagueClient = await signIn(t.app, colleague.email);
    expect((await client.request('GET', '/api/v1/notifications')).json().unread).toBe(3);

    expect((await client.request('POST', '/api/v1/notifications/read-all')).statusCode).toBe(204);
    const inbox = (await client.request('GET', '/api/v1/notifications')).json();
    expect(inbox.unread).toBe(0);
    expect(inbox.items).toHaveLength(3);
    for (const item of inbox.items) expect(item.readAt).toBe(t.clock.now().toISOString());

    const colleagueInbox = (await colleagueClient.request('GET', '/api/v1/notifications')).json();
    expect(colleagueInbox.unread).toBe(1);
    expect(colleagueInbox.items).toEqual([expect.objectContaining({ readAt: null })]);
  });
});

async function notifyReminder(userIds: string[], title: string): Promise<void> {
  await t.database.db.transaction().execute((trx) =>
    t.services.notifications.notify(trx, t.clock.now(), {
      recipients: { userIds },
      event: 'deadline.reminder',
      params: { title, dueDate: '2026-05-01' },
    }),
  );
}
