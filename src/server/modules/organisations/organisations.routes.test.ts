import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD, TestClient, useTestApp, factories, signIn } from '../../../../tests/support/test-app';

const t = useTestApp();

async function operatorWithManager(name: string) {
  const operator = await factories.operator(t, name);
  const manager = await factories.user(t, { roles: ['operator'], operatorId: operator.id });
  return { operator, manager, client: await signIn(t.app, manager.email) };
}

const change = {
  kind: 'address',
  description: 'We moved the warehouse to 7 Raiymbek Avenue.',
  effectiveDate: '2026-04-01',
};

describe('object-level access to operators', () => {
  it("answers another operator's record exactly like one that does not exist", async () => {
    const a = await operatorWithManager('Alpha Import LLP');
    const b = await operatorWithManager('Beta Export LLP');
    const other = await a.client.request('GET', `/api/v1/operators/${b.operator.id}`);
    const missing = await a.client.request('GET', `/api/v1/operators/${randomUUID()}`);
    expect(other.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(other.json()).toEqual(missing.json());
    expect((await a.client.request('GET', `/api/v1/operators/${a.operator.id}`)).statusCode).toBe(200);
    const users = await a.client.request('GET', `/api/v1/operators/${b.operator.id}/users`);
    expect(users.statusCode).toBe(404);
  });

  it('lets customs read an operator but not act for it', async () => {
    const a = await operatorWithManager('Gamma Logistics LLP');
    const validator = await factories.user(t, { roles: ['validator'] });
    const client = await signIn(t.app, validator.email);
    expect((await client.request('GET', `/api/v1/operators/${a.operator.id}`)).statusCode).toBe(200);
    const act = await client.request('POST', `/api/v1/operators/${a.operator.id}/change-notifications`, {
      body: change,
    });
    expect(act.statusCode).toBe(403);
  });
});

describe('operator users and their rights', () => {
  it('refuses a submission by a colleague without the submit right, and accepts it with the right', async () => {
    const a = await operatorWithManager('Delta Trading LLP');
    const clerk = await factories.user(t, {
      roles: ['operator'],
      operatorId: a.operator.id,
      operatorRights: ['view', 'prepare'],
    });
    const clerkClient = await signIn(t.app, clerk.email);
    const refused = await clerkClient.request(
      'POST',
      `/api/v1/operators/${a.operator.id}/change-notifications`,
      { body: change },
    );
    expect(refused.statusCode).toBe(403);

    const granted = await a.client.request('PATCH', `/api/v1/operators/${a.operator.id}/users/${clerk.id}`, {
      body: { rights: ['view', 'prepare', 'submit'] },
    });
    expect(granted.statusCode).toBe(200);
    const clerkAgain = await signIn(t.app, clerk.email);
    const accepted = await clerkAgain.request(
      'POST',
      `/api/v1/operators/${a.operator.id}/change-notifications`,
      { body: change },
    );
    expect(accepted.statusCode).toBe(201);
  });

  it('invites a colleague by e-mail; the invitation link creates the account with the given rights', async () => {
    const a = await operatorWithManager('Epsilon Foods LLP');
    const invited = await a.client.request('POST', `/api/v1/operators/${a.operator.id}/invitations`, {
      body: { email: 'clerk.epsilon@example.test', name: 'Clerk', rights: ['view', 'prepare'] },
    });
    expect(invited.statusCode).toBe(201);
    const mail = (await t.services.notifications.listOutbox()).find(
      (m) => m.to === 'clerk.epsilon@example.test',
    );
    const token = /\/invitations\/([\w-]+)/.exec(mail!.body)?.[1];
    expect(token).toBeDefined();

    const weak = await t.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${token}/accept`,
      payload: { name: 'Clerk', password: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${token}/accept`,
      payload: { name: 'Clerk Epsilon', password: TEST_PASSWORD },
    });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json().user).toMatchObject({
      operatorId: a.operator.id,
      operatorRights: ['view', 'prepare'],
    });
    const reused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${token}/accept`,
      payload: { name: 'Clerk Epsilon', password: TEST_PASSWORD },
    });
    expect(reused.statusCode).toBe(404);

    const clerk = await signIn(t.app, 'clerk.epsilon@example.test');
    const cannotInvite = await clerk.request('POST', `/api/v1/operators/${a.operator.id}/invitations`, {
      body: { email: 'x.epsilon@example.test', name: 'X', rights: ['view'] },
    });
    expect(cannotInvite.statusCode).toBe(403);
  });
});

describe('delegation to a representative', () => {
  type Operator = Awaited<ReturnType<typeof operatorWithManager>>;

  /** `principal`'s grant to a representative: a year's view right unless the body says otherwise. */
  const grantDelegation = (principal: Operator, body: Record<string, unknown>) =>
    principal.client.request('POST', `/api/v1/operators/${principal.operator.id}/delegations`, {
      body: {
        delegateCountry: 'KZ',
        rights: ['view'],
        validFrom: '2026-01-01',
        validUntil: '2026-12-31',
        ...body,
      },
    });
  /** The delegate fields naming `broker` as it is registered. */
  const delegateOf = (broker: Operator) => ({
    delegateTaxpayerId: broker.operator.taxpayer_id,
    delegateLegalName: broker.operator.legal_name,
  });
  const listDelegations = (principal: Operator) =>
    principal.client.request('GET', `/api/v1/operators/${principal.operator.id}/delegations`);

  it('lets a broker act within its grant, refuses beyond it, and stops after revocation', async () => {
    const principal = await operatorWithManager('Zeta Machinery LLP');
    const broker = await operatorWithManager('Eta Customs Brokers LLP');

    const none = await broker.client.request('GET', `/api/v1/operators/${principal.operator.id}`);
    expect(none.statusCode).toBe(404);

    const grant = await grantDelegation(principal, {
      ...delegateOf(broker),
      delegateCountry: 'kz',
      rights: ['view', 'prepare'],
    });
    expect(grant.statusCode).toBe(201);
    const delegationId = grant.json().delegation.id;

    expect(
      (await broker.client.request('GET', `/api/v1/operators/${principal.operator.id}`)).statusCode,
    ).toBe(200);
    const me = (await broker.client.request('GET', '/api/v1/me')).json();
    expect(me.user.actingFor).toEqual([
      expect.objectContaining({ operatorId: principal.operator.id, rights: ['view', 'prepare'] }),
    ]);

    const beyond = await broker.client.request(
      'POST',
      `/api/v1/operators/${principal.operator.id}/change-notifications`,
      { body: change },
    );
    expect(beyond.statusCode).toBe(403);

    const wider = await grantDelegation(principal, { ...delegateOf(broker), rights: ['submit'] });
    const within = await broker.client.request(
      'POST',
      `/api/v1/operators/${principal.operator.id}/change-notifications`,
      { body: change },
    );
    expect(within.statusCode).toBe(201);
    const trail = await principal.client.request(
      'GET',
      `/api/v1/audit/events?action=change_notification.submitted&entityId=${within.json().changeNotification.id}`,
    );
    expect(trail.json().items[0]).toMatchObject({
      actor: { id: broker.manager.id },
      onBehalfOfOperatorId: principal.operator.id,
      operatorId: principal.operator.id,
    });

    for (const id of [delegationId, wider.json().delegation.id]) {
      expect((await principal.client.request('POST', `/api/v1/delegations/${id}/revoke`)).statusCode).toBe(
        200,
      );
    }
    const after = await broker.client.request(
      'POST',
      `/api/v1/operators/${principal.operator.id}/change-notifications`,
      { body: change },
    );
    expect(after.statusCode).toBe(404);
    expect(
      (await broker.client.request('GET', `/api/v1/operators/${principal.operator.id}`)).statusCode,
    ).toBe(404);
  });

  it('honours a grant only within its validity period, both ends included', async () => {
    const principal = await operatorWithManager('Theta Textiles LLP');
    const broker = await operatorWithManager('Iota Brokers LLP');
    const day = (offset: number) =>
      new Date(t.clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const grant = (validFrom: string, validUntil: string) =>
      grantDelegation(principal, { ...delegateOf(broker), validFrom, validUntil });
    const seesPrincipal = async () =>
      (await broker.client.request('GET', `/api/v1/operators/${principal.operator.id}`)).statusCode;

    const ended = await grant(day(-365), day(-1));
    const notYetBegun = await grant(day(1), day(365));
    expect([ended.statusCode, notYetBegun.statusCode]).toEqual([201, 201]);
    const listed = await listDelegations(principal);
    expect(
      listed
        .json()
        .granted.map((g: { id: string }) => g.id)
        .sort(),
    ).toEqual([ended.json().delegation.id, notYetBegun.json().delegation.id].sort());
    expect(await seesPrincipal()).toBe(404);
    expect((await broker.client.request('GET', '/api/v1/me')).json().user.actingFor).toEqual([]);

    const todayOnly = await grant(day(0), day(0));
    expect(todayOnly.statusCode).toBe(201);
    expect(await seesPrincipal()).toBe(200);
  });

  it('refuses a grant with reversed dates, naming the end date', async () => {
    const principal = await operatorWithManager('Kappa Oil LLP');
    const broker = await operatorWithManager('Nu Forwarding LLP');
    const response = await grantDelegation(principal, {
      ...delegateOf(broker),
      validFrom: '2026-05-01',
      validUntil: '2026-04-01',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['validUntil']);
  });

  it('refuses a grant to an unknown delegate, naming the delegate fields', async () => {
    const principal = await operatorWithManager('Xi Grain LLP');
    const response = await grantDelegation(principal, {
      delegateTaxpayerId: 'UNKNOWN',
      delegateLegalName: 'Nobody LLP',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      'delegateTaxpayerId',
      'delegateLegalName',
    ]);
    const listed = await listDelegations(principal);
    expect(listed.json().granted).toEqual([]);
  });

  it('refuses to take a grant from someone not signed in', async () => {
    const principal = await operatorWithManager('Omicron Paper LLP');
    const anonymous = await new TestClient(t.app).request(
      'POST',
      `/api/v1/operators/${principal.operator.id}/delegations`,
      { body: {} },
    );
    expect(anonymous.statusCode).toBe(401);
  });

  it("never tells a grantor another company's name, nor whether a taxpayer id is registered", async () => {
    const principal = await operatorWithManager('Lambda Metals LLP');
    const broker = await operatorWithManager('Mu Customs Agency LLP');
    const grant = (delegateTaxpayerId: string, delegateLegalName: string) =>
      grantDelegation(principal, { delegateTaxpayerId, delegateLegalName });
    const wrongName = await grant(broker.operator.taxpayer_id, 'Guessed Name LLP');
    const unknownId = await grant(`NOPE${Date.now()}`, 'Guessed Name LLP');
    expect(wrongName.statusCode).toBe(400);
    expect(wrongName.json()).toEqual(unknownId.json());
    expect(wrongName.body).not.toContain(broker.operator.legal_name);
    const listed = await listDelegations(principal);
    expect(listed.json().granted).toEqual([]);

    // The representative's name as it gave it (other case, spacing and punctuation) is enough.
    const matched = await grant(broker.operator.taxpayer_id, '  mu customs agency, llp ');
    expect(matched.statusCode).toBe(201);
    expect(matched.json().delegation.delegate).toEqual({
      id: broker.operator.id,
      legalName: broker.operator.legal_name,
    });
  });
});
