import { describe, expect, it } from 'vitest';
import { TestClient, useTestApp, factories, signIn } from '../../../../tests/support/test-app';

const t = useTestApp();

async function operatorWithManager(name: string) {
  const operator = await factories.operator(t, name);
  const manager = await factories.user(t, { roles: ['operator'], operatorId: operator.id });
  return { operator, client: await signIn(t.app, manager.email) };
}

describe('change notifications for customs', () => {
  it('shows customs every operator’s notification, tells the AEO managers, and records each', async () => {
    const manager = await factories.user(t, { roles: ['aeo_manager'] });
    const validator = await factories.user(t, { roles: ['validator'] });
    const alpha = await operatorWithManager('Alpha Logistics LLP');
    const beta = await operatorWithManager('Beta Freight LLP');
    const sent = [];
    for (const [party, body] of [
      [
        alpha,
        { kind: 'address', description: 'New warehouse at 7 Raiymbek Avenue.', effectiveDate: '2026-04-01' },
      ],
      [beta, { kind: 'management', description: 'A new managing director.', effectiveDate: '2026-05-01' }],
    ] as const) {
      const response = await party.client.request(
        'POST',
        `/api/v1/operators/${party.operator.id}/change-notifications`,
        { body },
      );
      expect(response.statusCode).toBe(201);
      sent.push(response.json().changeNotification);
    }

    const listed = await (
      await signIn(t.app, validator.email)
    ).request('GET', '/api/v1/change-notifications');
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: sent[0].id,
          operatorId: alpha.operator.id,
          kind: 'address',
          status: 'submitted',
        }),
        expect.objectContaining({ id: sent[1].id, operatorId: beta.operator.id, kind: 'management' }),
      ]),
    );

    const inbox = (await (await signIn(t.app, manager.email)).request('GET', '/api/v1/notifications')).json();
    const told = inbox.items.filter(
      (item: { event: string }) => item.event === 'change_notification.submitted',
    );
    expect(told).toHaveLength(2);
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['entity_id', 'operator_id'])
      .where('action', '=', 'change_notification.submitted')
      .where('entity_id', 'in', [sent[0].id, sent[1].id])
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit).toEqual(
      expect.arrayContaining([
        { entity_id: sent[0].id, operator_id: alpha.operator.id },
        { entity_id: sent[1].id, operator_id: beta.operator.id },
      ]),
    );
  });

  it('refuses the customs list to an operator user and to an anonymous caller', async () => {
    const alpha = await operatorWithManager('Gamma Trade LLP');
    const refused = await alpha.client.request('GET', '/api/v1/change-notifications');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    expect((await new TestClient(t.app).request('GET', '/api/v1/change-notifications')).statusCode).toBe(401);
  });
});
