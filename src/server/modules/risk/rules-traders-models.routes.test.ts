import { beforeAll, describe, expect, it } from 'vitest';
import { auditActions, useTestApp, type TestClient } from '../../../../tests/support/test-app';
import { signInAs } from '../accounts/accounts.test-support';

const t = useTestApp();
let analyst: TestClient;
let validator: TestClient;
let sps: TestClient;

beforeAll(async () => {
  analyst = await signInAs(t, { roles: ['risk_analyst'] });
  validator = await signInAs(t, { roles: ['validator'] });
  sps = await signInAs(t, { roles: ['agency_officer'], agency: 'SPS' });
});

async function createProfile(client: TestClient, id: string) {
  const created = await client.request('POST', '/api/v1/risk/profiles', {
    body: { id, name: 'Textiles', description: { en: 'Textile controls', ru: 'Контроль текстиля' } },
  });
  expect(created.statusCode).toBe(201);
}

async function createRule(client: TestClient, profileId: string, id: string) {
  const created = await client.request('POST', `/api/v1/risk/profiles/${profileId}/rules`, {
    body: {
      id,
      name: 'Silk goes yellow',
      description: { en: 'Silk is checked', ru: 'Шёлк проверяется' },
      owner: { kind: 'customs' },
      condition: { kind: 'hsPrefix', prefixes: ['5007'] },
      action: { minimumChannel: 'yellow' },
    },
  });
  expect(created.statusCode).toBe(201);
}

describe('PUT /api/v1/risk/profiles/:profileId', () => {
  it('renames a profile and audits the change', async () => {
    await createProfile(analyst, 'textiles');
    const updated = await analyst.request('PUT', '/api/v1/risk/profiles/textiles', {
      body: { name: 'Textiles and silk', description: { en: 'Textiles, silk', ru: 'Текстиль, шёлк' } },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ id: 'textiles', name: 'Textiles and silk' });
    const listed = (await analyst.request('GET', '/api/v1/risk/profiles')).json().items;
    expect(listed.find((p: { id: string }) => p.id === 'textiles')).toMatchObject({
      name: 'Textiles and silk',
    });
    expect((await auditActions(t, 'risk_profile', 'textiles')).sort()).toEqual([
      'risk_profile.created',
      'risk_profile.updated',
    ]);
  });

  it('hides an agency’s profile from another owner, and keeps customs off it', async () => {
    await createProfile(sps, 'sps-textiles');
    const body = { name: 'Taken over', description: { en: 'x', ru: 'x' } };
    expect((await analyst.request('PUT', '/api/v1/risk/profiles/sps-textiles', { body })).statusCode).toBe(
      403,
    );
    const cites = await signInAs(t, { roles: ['agency_officer'], agency: 'CITES' });
    expect((await cites.request('PUT', '/api/v1/risk/profiles/sps-textiles', { body })).statusCode).toBe(404);
  });
});

describe('DELETE /api/v1/risk/rules/:id', () => {
  it('deletes a rule at the version read, and audits it', async () => {
    await createProfile(analyst, 'silk');
    await createRule(analyst, 'silk', 'silk-yellow');
    const read = await analyst.request('GET', '/api/v1/risk/rules/silk-yellow');
    const deleted = await analyst.request('DELETE', '/api/v1/risk/rules/silk-yellow', {
      headers: { 'if-match': read.headers.etag as string },
    });
    expect(deleted.statusCode).toBe(204);
    expect((await analyst.request('GET', '/api/v1/risk/rules/silk-yellow')).statusCode).toBe(404);
    expect((await auditActions(t, 'risk_rule', 'silk-yellow')).sort()).toEqual([
      'risk_rule.created',
      'risk_rule.deleted',
    ]);
  });

  it('refuses to delete a rule changed since it was read', async () => {
    await createProfile(analyst, 'wool');
    await createRule(analyst, 'wool', 'wool-yellow');
    const stale = await analyst.request('DELETE', '/api/v1/risk/rules/wool-yellow', {
      headers: { 'if-match': '"5"' },
    });
    expect(stale.statusCode).toBe(412);
    expect((await analyst.request('GET', '/api/v1/risk/rules/wool-yellow')).statusCode).toBe(200);
  });
});

describe('trusted traders', () => {
  const entry = { status: 'active', authorisationType: 'AEO-S', tier: 'standard', source: 'national' };

  it('lists the trusted traders, filtered by a search', async () => {
    await analyst.request('PUT', '/api/v1/risk/trusted-traders/KZ-TT-1', {
      body: { ...entry, legalName: 'Silk Road LLP' },
    });
    await analyst.request('PUT', '/api/v1/risk/trusted-traders/KZ-TT-2', {
      body: { ...entry, legalName: 'Steppe Cargo' },
    });
    const all = await validator.request('GET', '/api/v1/risk/trusted-traders');
    expect(all.statusCode).toBe(200);
    expect(all.json().items.map((i: { partyId: string }) => i.partyId)).toEqual(
      expect.arrayContaining(['KZ-TT-1', 'KZ-TT-2']),
    );
    const found = (await validator.request('GET', '/api/v1/risk/trusted-traders?q=KZ-TT-1')).json().items;
    expect(found.map((i: { partyId: string }) => i.partyId)).toEqual(['KZ-TT-1']);
  });

  it('removes a trusted trader and audits it', async () => {
    await analyst.request('PUT', '/api/v1/risk/trusted-traders/KZ-TT-3', { body: entry });
    const deleted = await analyst.request('DELETE', '/api/v1/risk/trusted-traders/KZ-TT-3');
    expect(deleted.statusCode).toBe(204);
    expect((await analyst.request('GET', '/api/v1/risk/trusted-traders/KZ-TT-3')).statusCode).toBe(404);
    expect(await auditActions(t, 'trusted_trader', 'KZ-TT-3')).toContain('trusted_trader.deleted');
    expect((await analyst.request('DELETE', '/api/v1/risk/trusted-traders/KZ-TT-3')).statusCode).toBe(404);
  });

  it('lets readers see the list but not remove from it', async () => {
    await analyst.request('PUT', '/api/v1/risk/trusted-traders/KZ-TT-4', { body: entry });
    expect((await validator.request('DELETE', '/api/v1/risk/trusted-traders/KZ-TT-4')).statusCode).toBe(403);
    expect((await analyst.request('GET', '/api/v1/risk/trusted-traders/KZ-TT-4')).statusCode).toBe(200);
  });
});

describe('GET /api/v1/risk/models', () => {
  it('lists no versions and the labelled data available before any training', async () => {
    const listed = await analyst.request('GET', '/api/v1/risk/models');
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toEqual([]);
    expect(listed.json().labelled).toMatchObject({ rows: 0, positives: 0 });
  });

  it('keeps model versions to risk analysts', async () => {
    expect((await validator.request('GET', '/api/v1/risk/models')).statusCode).toBe(403);
  });
});
