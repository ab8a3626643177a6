import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, useTestApp, signIn } from '../../../../tests/support/test-app';
import { seedDemoValidation } from '../../seed/demo-validation';
import { createDemoValidationPeople } from './validation.test-support';

const t = useTestApp();

beforeAll(async () => createDemoValidationPeople(t));

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
