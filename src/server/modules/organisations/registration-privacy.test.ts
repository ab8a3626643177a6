import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD, TestClient, useTestApp, factories } from '../../../../tests/support/test-app';

const t = useTestApp();

let counter = 0;
function registration(email: string, overrides: { password?: string; taxpayerId?: string } = {}) {
  counter += 1;
  return {
    legalName: 'Kokshetau Grain LLP',
    taxpayerId: overrides.taxpayerId ?? `KG${Date.now()}${counter}`,
    country: 'KZ',
    address: '5 Abay Street, Kokshetau',
    roles: ['exporter'],
    employees: 40,
    annualTurnover: 3_000_000,
    user: { name: 'Owner', email, password: overrides.password ?? TEST_PASSWORD },
  };
}

function register(body: ReturnType<typeof registration>) {
  return t.app.inject({ method: 'POST', url: '/api/v1/operators', payload: body });
}

async function mailsTo(email: string) {
  return (await t.services.notifications.listOutbox()).filter((item) => item.to === email);
}

function confirmationToken(body: string): string | undefined {
  return /\/register\/confirm\/([\w-]+)/.exec(body)?.[1];
}

/** The answer without what the caller typed itself (the e-mail is echoed back). */
function withoutEcho(response: { json: () => { registration: Record<string, unknown> } }) {
  const { email: _email, ...rest } = response.json().registration;
  return rest;
}

describe('self-registration does not tell whether an e-mail has an account', () => {
  it('answers a new and an existing e-mail alike, and e-mails each what applies to it', async () => {
    const existing = await factories.user(t, { roles: ['admin'] });
    const fresh = `fresh.${Date.now()}@grain.test`;
    const forExisting = await register(registration(existing.email));
    const forFresh = await register(registration(fresh));

    expect(forExisting.statusCode).toBe(202);
    expect(forFresh.statusCode).toBe(202);
    expect(withoutEcho(forExisting)).toEqual(withoutEcho(forFresh));
    expect(forExisting.json().registration.status).toBe('confirmation_sent');
    expect(Object.keys(forExisting.json()).sort()).toEqual(Object.keys(forFresh.json()).sort());

    const [notice] = await mailsTo(existing.email);
    expect(notice?.subject).toMatch(/tried to register/);
    expect(confirmationToken(notice?.body ?? '')).toBeUndefined();
    const [confirmation] = await mailsTo(fresh);
    expect(confirmationToken(confirmation?.body ?? '')).toBeDefined();
    // Nothing exists yet for the new address: the account waits for the link.
    expect((await new TestClient(t.app).login(fresh)).statusCode).toBe(401);
  });

  it('answers a weak password and a taken taxpayer id alike for both kinds of e-mail', async () => {
    const existing = await factories.user(t, { roles: ['admin'] });
    const fresh = `weak.${Date.now()}@grain.test`;
    const weak = [existing.email, fresh].map((email) => register(registration(email, { password: 'short' })));
    const [weakExisting, weakFresh] = await Promise.all(weak);
    expect(weakExisting?.statusCode).toBe(400);
    expect(weakExisting?.json()).toEqual(weakFresh?.json());
    expect(weakExisting?.json().error.details.fields[0].path).toBe('user.password');

    const operator = await factories.operator(t);
    const taken = await Promise.all(
      [existing.email, fresh].map((email) =>
        register(registration(email, { taxpayerId: operator.taxpayer_id })),
      ),
    );
    expect(taken[0]?.statusCode).toBe(409);
    expect(taken[0]?.json()).toEqual(taken[1]?.json());
  });

  it('creates the operator and its account manager when the e-mailed link is opened, once', async () => {
    const email = `confirm.${Date.now()}@grain.test`;
    const body = registration(email);
    expect((await register(body)).statusCode).toBe(202);
    const token = confirmationToken((await mailsTo(email))[0]?.body ?? '');

    const confirmed = await t.app.inject({ method: 'POST', url: `/api/v1/registrations/${token}/confirm` });
    expect(confirmed.statusCode).toBe(201);
    expect(confirmed.json()).toMatchObject({
      operator: { legalName: body.legalName, taxpayerId: body.taxpayerId, isSme: true },
      user: { email },
    });
    expect((await new TestClient(t.app).login(email)).statusCode).toBe(200);

    const again = await t.app.inject({ method: 'POST', url: `/api/v1/registrations/${token}/confirm` });
    expect(again.statusCode).toBe(409);
    const unknown = await t.app.inject({
      method: 'POST',
      url: `/api/v1/registrations/${'x'.repeat(43)}/confirm`,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('lets a link lapse after two days', async () => {
    const email = `late.${Date.now()}@grain.test`;
    expect((await register(registration(email))).statusCode).toBe(202);
    const token = confirmationToken((await mailsTo(email))[0]?.body ?? '');
    t.clock.advance(49 * 3_600_000);
    const late = await t.app.inject({ method: 'POST', url: `/api/v1/registrations/${token}/confirm` });
    expect(late.statusCode).toBe(404);
  });
});
