import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, createTestApp, signIn, type TestApp } from '../../../../tests/support/test-app';
import { systemContext } from '../../platform/request-context';
import { seedDemoValidation } from '../../seed/demo-validation';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  const context = systemContext(t.clock.now());
  const hq = await t.services.organisations.createOffice(context, {
    code: 'HQ',
    name: 'HQ',
    kind: 'headquarters',
    regions: [],
  });
  const almaty = await t.services.organisations.createOffice(context, {
    code: 'ALA',
    name: 'Almaty',
    kind: 'local',
    parentId: hq.id,
    regions: ['Almaty'],
  });
  for (const [email, role, officeId] of [
    ['validator@demo.openaeo.test', 'validator', almaty.id],
    ['manager@demo.openaeo.test', 'aeo_manager', hq.id],
  ] as const) {
    await t.services.users.create(context, {
      email,
      name: email,
      password: TEST_PASSWORD,
      roles: [role],
      officeId,
    });
  }
});

afterAll(async () => t.close());

describe('seedDemoValidation', () => {
  it('leaves one case ready for decision, one granted with its authorisation, one rejected and under appeal', async () => {
    await seedDemoValidation(t.services, t.clock.now(), { password: TEST_PASSWORD });
    const manager = await signIn(t.app, 'manager@demo.openaeo.test');
    const cases = (await manager.request('GET', '/api/v1/validation/cases')).json().items;
    const statuses = Object.fromEntries(
      cases.map((c: { operatorName: string; status: string }) => [c.operatorName, c.status]),
    );
    expect(statuses).toMatchObject({
      'Kumys Foods LLP': 'ready_for_decision',
      'Caspian Chemicals LLP': 'under_appeal',
    });
    const authorisations = (await manager.request('GET', '/api/v1/authorisations')).json().items;
    expect(authorisations).toEqual([
      expect.objectContaining({ operatorName: 'Turan Express LLP', status: 'active' }),
    ]);

    const turan = await signIn(t.app, 'turan@demo.openaeo.test');
    const letters = (
      await turan.request('GET', `/api/v1/applications/${authorisations[0].applicationId}/documents`)
    ).json().items;
    expect(letters.map((d: { kind: string }) => d.kind).sort()).toEqual([
      'acceptance',
      'acceptance',
      'decision_granted',
      'decision_granted',
    ]);

    await seedDemoValidation(t.services, t.clock.now(), { password: TEST_PASSWORD });
    expect((await manager.request('GET', '/api/v1/authorisations')).json().items).toHaveLength(1);
  });
});
