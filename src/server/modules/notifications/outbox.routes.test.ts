import { describe, expect, it } from 'vitest';
import { factories, useTestApp } from '../../../../tests/support/test-app';
import { signInAs } from '../accounts/accounts.test-support';

const t = useTestApp({ PUBLIC_URL: 'https://aeo.example.test' });

describe('the e-mail outbox for administrators', () => {
  it('shows each queued e-mail with its recipient, text and link, not yet sent', async () => {
    const recipient = await factories.user(t, { roles: ['validator'] });
    await t.database.db.transaction().execute((trx) =>
      t.services.notifications.notify(trx, t.clock.now(), {
        recipients: { userIds: [recipient.id] },
        event: 'deadline.reminder',
        params: { title: 'Report on case 42', dueDate: '2026-05-01' },
        link: '/cases/42',
      }),
    );
    const admin = await signInAs(t, { roles: ['admin'] });

    const response = await admin.request('GET', '/api/v1/admin/outbox');
    expect(response.statusCode).toBe(200);
    const mails = response.json().items.filter((item: { to: string }) => item.to === recipient.email);
    expect(mails).toEqual([
      expect.objectContaining({
        subject: 'Reminder: Report on case 42 is due on 2026-05-01',
        status: 'queued',
        attempts: 0,
        sentAt: null,
        error: null,
        createdAt: t.clock.now().toISOString(),
      }),
    ]);
    expect(mails[0].body).toContain('https://aeo.example.test/cases/42');
  });

  it('keeps the outbox from anyone but an administrator', async () => {
    const manager = await signInAs(t, { roles: ['aeo_manager'] });
    const response = await manager.request('GET', '/api/v1/admin/outbox');
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('forbidden');
  });
});
