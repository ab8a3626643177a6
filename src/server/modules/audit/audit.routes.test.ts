import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestApp, factories, signIn } from '../../../../tests/support/test-app';
import { systemContext } from '../../platform/request-context';

const t = useTestApp();

describe('audit trail', () => {
  it('records every change with who, what and when, and lists it with filters', async () => {
    const admin = await factories.user(t, { roles: ['admin'] });
    const client = await signIn(t.app, admin.email);
    const created = await client.request('POST', '/api/v1/admin/offices', {
      body: { code: 'SHY', name: 'Shymkent customs office', kind: 'local', regions: ['Shymkent'] },
    });
    expect(created.statusCode).toBe(201);
    const events = (
      await client.request(
        'GET',
        `/api/v1/audit/events?entityType=office&entityId=${created.json().office.id}`,
      )
    ).json();
    expect(events.items).toHaveLength(1);
    expect(events.items[0]).toMatchObject({
      action: 'office.created',
      actor: { id: admin.id, label: admin.email, kind: 'user' },
      summary: { code: 'SHY' },
    });
  });

  it('lets an operator read only the trail of its own records', async () => {
    const operator = await factories.operator(t, 'Audit Reader LLP');
    const other = await factories.operator(t, 'Someone Else LLP');
    const user = await factories.user(t, { roles: ['operator'], operatorId: operator.id });
    const client = await signIn(t.app, user.email);
    const events = (await client.request('GET', '/api/v1/audit/events')).json().items as {
      operatorId: string;
    }[];
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.operatorId === operator.id)).toBe(true);
    expect(events.some((event) => event.operatorId === other.id)).toBe(false);
  });

  it('stores domain fields such as authorisationType in summaries, and only secrets redacted', async () => {
    const admin = await factories.user(t, { roles: ['admin'] });
    const client = await signIn(t.app, admin.email);
    const entityId = randomUUID();
    await t.database.db.transaction().execute((trx) =>
      t.services.audit.record(trx, systemContext(new Date(), 'test'), {
        action: 'authorisation.granted',
        entityType: 'authorisation',
        entityId,
        summary: { authorisationType: 'AEO-S', authorisationId: entityId, password: 'p', token: 't' },
      }),
    );
    const events = (
      await client.request('GET', `/api/v1/audit/events?entityType=authorisation&entityId=${entityId}`)
    ).json().items;
    expect(events[0].summary).toEqual({
      authorisationType: 'AEO-S',
      authorisationId: entityId,
      password: '[redacted]',
      token: '[redacted]',
    });
  });

  it('refuses UPDATE and DELETE on audit events in the database', async () => {
    await expect(sql`update audit_event set action = 'x'`.execute(t.database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_event`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });

  it('verifies the chain, and names the first broken event after a row is rewritten behind its back', async () => {
    const admin = await factories.user(t, { roles: ['admin'] });
    const client = await signIn(t.app, admin.email);
    // Its own events, so that the test holds whichever tests ran before it.
    const entityIds = [randomUUID(), randomUUID(), randomUUID()];
    for (const entityId of entityIds) {
      await t.database.db.transaction().execute((trx) =>
        t.services.audit.record(trx, systemContext(t.clock.now(), 'test'), {
          action: 'office.created',
          entityType: 'office',
          entityId,
          summary: { code: 'TST' },
        }),
      );
    }
    const ok = (await client.request('GET', '/api/v1/audit/verify')).json();
    expect(ok.ok).toBe(true);
    expect(ok.events).toBeGreaterThanOrEqual(entityIds.length);

    const victim = await sql<{
      id: string;
      seq: number;
    }>`select id, seq from audit_event where entity_id = ${entityIds[1]}`.execute(t.database.db);
    expect(victim.rows).toHaveLength(1);
    await sql`alter table audit_event disable trigger audit_event_no_update`.execute(t.database.db);
    await sql`update audit_event set summary = '{"forged": true}' where id = ${victim.rows[0]!.id}`.execute(
      t.database.db,
    );
    await sql`alter table audit_event enable trigger audit_event_no_update`.execute(t.database.db);

    const broken = (await client.request('GET', '/api/v1/audit/verify')).json();
    expect(broken).toMatchObject({
      ok: false,
      firstBrokenEvent: victim.rows[0]!.id,
      seq: victim.rows[0]!.seq,
    });
    const validator = await factories.user(t, { roles: ['validator'] });
    expect(
      (await (await signIn(t.app, validator.email)).request('GET', '/api/v1/audit/verify')).statusCode,
    ).toBe(403);
  });
});
