import { beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../../tests/support/test-app';
import { signInAs } from '../accounts/accounts.test-support';
import { useTestApp, factories, signIn } from '../../../../tests/support/test-app';
import { systemContext } from '../../platform/request-context';
import { generateDemoDeclarations } from '../../seed/demo-declarations';
import type { Declaration } from '../../../risk-engine/index';

const t = useTestApp();
let singleWindow: string;
let analyst: TestClient;

beforeAll(async () => {
  singleWindow = await factories.apiKeySecret(
    t,
    ['declarations:write', 'inspections:write'],
    'National single window',
  );
  const user = await factories.user(t, { roles: ['risk_analyst'] });
  analyst = await signIn(t.app, user.email);
});

let sequence = 0;
function declaration(overrides: Partial<Declaration> = {}): Declaration {
  sequence += 1;
  const base = generateDemoDeclarations(1, { seed: sequence, idPrefix: `T${sequence}-` })[0]!.declaration;
  return { ...base, ...overrides };
}

function submit(body: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/declarations',
    headers: { authorization: `Bearer ${singleWindow}`, ...headers },
    payload: body as object,
  });
}

describe('POST /api/v1/declarations', () => {
  it('answers one declaration with its channel, score, strategy and reasons', async () => {
    const response = await submit(declaration());
    expect(response.statusCode).toBe(200);
    const decision = response.json();
    expect(decision).toMatchObject({ replayed: false, policyId: 'default', modelVersion: null });
    expect(['green', 'blue', 'yellow', 'red']).toContain(decision.channel);
    expect(decision.reasons.length).toBeGreaterThan(0);
    expect(decision.reasons[0]).toHaveProperty('ru');
  });

  it('decides a batch in input order and stores each declaration once', async () => {
    const batch = Array.from({ length: 50 }, () => declaration());
    const response = await submit({ declarations: batch });
    expect(response.statusCode).toBe(200);
    const ids = response.json().decisions.map((d: { declarationId: string }) => d.declarationId);
    expect(ids).toEqual(batch.map((d) => d.id));
    const stored = await t.database.db
      .selectFrom('declaration')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', 'in', ids)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(50);
  });

  it('answers a retry of the same declaration with the stored decision', async () => {
    const d = declaration();
    const first = (await submit(d)).json();
    const again = await submit(d);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ ...first, replayed: true });
  });

  it('refuses the same declaration id with different content (422) and stores nothing of that request', async () => {
    const d = declaration();
    await submit(d);
    const fresh = declaration();
    const changed = { ...d, office: d.office === 'ALA' ? 'AST' : 'ALA' };
    const response = await submit({ declarations: [fresh, changed] });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details).toMatchObject({ reason: 'declaration_conflict', ids: [d.id] });
    expect((await analyst.request('GET', `/api/v1/declarations/${fresh.id}`)).statusCode).toBe(404);
  });

  it('replays an Idempotency-Key and refuses it with another body (422)', async () => {
    const batch = [declaration(), declaration()];
    const first = await submit({ declarations: batch }, { 'idempotency-key': 'sw-req-1' });
    const again = await submit({ declarations: batch }, { 'idempotency-key': 'sw-req-1' });
    expect(again.json().decisions.map((d: { channel: string }) => d.channel)).toEqual(
      first.json().decisions.map((d: { channel: string }) => d.channel),
    );
    const other = await submit({ declarations: [declaration()] }, { 'idempotency-key': 'sw-req-1' });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.details.reason).toBe('idempotency_key_reused');
  });

  it('names the malformed fields (400)', async () => {
    const good = declaration();
    const bad = {
      ...declaration(),
      date: '2026-13-45',
      items: [{ ...good.items[0]!, hsCode: '12', customsValue: -1 }],
    };
    const response = await submit({ declarations: [good, bad] });
    expect(response.statusCode).toBe(400);
    const paths = response.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.declarations.1.date',
        'body.declarations.1.items.0.hsCode',
        'body.declarations.1.items.0.customsValue',
      ]),
    );
    const repeated = await submit({ declarations: [good, good] });
    expect(repeated.statusCode).toBe(400);
    expect(repeated.json().error.details.fields[0].path).toBe('declarations.1.id');
  });

  it('names the failing field of the shape the body was meant to be (400)', async () => {
    const fields = async (body: unknown) => {
      const response = await submit(body);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
      return response.json().error.details.fields as { path: string; message: string }[];
    };
    const { date: _date, ...withoutDate } = declaration();
    expect((await fields(withoutDate)).map((f) => f.path)).toEqual(['body.date']);
    const { items: _items, ...withoutItems } = declaration();
    expect((await fields(withoutItems)).map((f) => f.path)).toEqual(['body.items']);
    const base = declaration();
    const unknownScheme = { ...base, importer: { ...base.importer, scheme: 'vat' } };
    expect((await fields(unknownScheme)).map((f) => f.path)).toEqual(['body.importer.scheme']);
    const inBatch = { declarations: [declaration(), withoutDate] };
    expect((await fields(inBatch)).map((f) => f.path)).toEqual(['body.declarations.1.date']);
    const tooMany = { declarations: Array.from({ length: 1001 }, () => base) };
    expect(await fields(tooMany)).toEqual([
      { path: 'body.declarations', message: 'at most 1000 declarations' },
    ]);
    expect((await fields({ declarations: [] }))[0]).toMatchObject({ path: 'body.declarations' });
  });

  it('documents both shapes of the body in the OpenAPI document', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const body = document.paths['/api/v1/declarations'].post.requestBody.content['application/json'].schema;
    expect(JSON.stringify(body)).toContain('"declarations"');
    expect(body.anyOf ?? body.oneOf).toHaveLength(2);
  });

  it('refuses callers without the single-window scope or a risk role', async () => {
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/declarations',
      payload: declaration(),
    });
    expect(anonymous.statusCode).toBe(401);
    const validator = await signInAs(t, { roles: ['validator'] });
    expect(
      (await validator.request('POST', '/api/v1/declarations', { body: declaration() })).statusCode,
    ).toBe(403);
  });
});

describe('reading the decision log', () => {
  async function keyWith(scopes: ('declarations:write' | 'declarations:read')[]) {
    const issued = await t.services.apiKeys.issue(systemContext(new Date()), { name: 'Key', scopes });
    return (method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${issued.secret}` },
        ...(payload ? { payload } : {}),
      });
  }

  it('lets a declarations:write key read back only what it submitted; declarations:read and analysts read all', async () => {
    const mine = declaration();
    const theirs = declaration();
    const byAnalyst = declaration();
    const writer = await keyWith(['declarations:write']);
    const otherWriter = await keyWith(['declarations:write']);
    expect((await writer('POST', '/api/v1/declarations', mine)).statusCode).toBe(200);
    expect((await otherWriter('POST', '/api/v1/declarations', theirs)).statusCode).toBe(200);
    expect((await analyst.request('POST', '/api/v1/declarations', { body: byAnalyst })).statusCode).toBe(200);

    const ownLog = await writer('GET', '/api/v1/declarations?limit=200');
    expect(ownLog.statusCode).toBe(200);
    expect(ownLog.json().items.map((d: { id: string }) => d.id)).toEqual([mine.id]);
    expect((await writer('GET', `/api/v1/declarations/${mine.id}`)).json().decision.declarationId).toBe(
      mine.id,
    );
    const missing = await writer('GET', '/api/v1/declarations/NO-SUCH-ID');
    for (const id of [theirs.id, byAnalyst.id]) {
      const other = await writer('GET', `/api/v1/declarations/${id}`);
      expect(other.statusCode).toBe(404);
      expect(other.json()).toEqual(missing.json());
    }

    const reader = await keyWith(['declarations:read']);
    const all = (await reader('GET', '/api/v1/declarations?limit=200'))
      .json()
      .items.map((d: { id: string }) => d.id);
    expect(all).toEqual(expect.arrayContaining([mine.id, theirs.id, byAnalyst.id]));
    expect((await reader('GET', `/api/v1/declarations/${theirs.id}`)).statusCode).toBe(200);
    const analystLog = (await analyst.request('GET', '/api/v1/declarations?limit=200')).json();
    expect(analystLog.items.map((d: { id: string }) => d.id)).toEqual(
      expect.arrayContaining([mine.id, theirs.id, byAnalyst.id]),
    );
  });
});

describe('rules, facilitation and feedback', () => {
  it('gives a rule’s channel and reason to the declaration that hits it', async () => {
    expect(
      (
        await analyst.request('POST', '/api/v1/risk/profiles', {
          body: {
            id: 'tobacco',
            name: 'Tobacco',
            description: { en: 'Tobacco controls', ru: 'Контроль табака' },
          },
        })
      ).statusCode,
    ).toBe(201);
    const rule = await analyst.request('POST', '/api/v1/risk/profiles/tobacco/rules', {
      body: {
        id: 'tobacco-red',
        name: 'Cigarettes go red',
        description: { en: 'Cigarettes are inspected', ru: 'Сигареты досматриваются' },
        owner: { kind: 'customs' },
        condition: { kind: 'hsPrefix', prefixes: ['2402'] },
        action: { minimumChannel: 'red' },
      },
    });
    expect(rule.statusCode).toBe(201);
    const base = declaration();
    const hit = await submit({ ...base, items: [{ ...base.items[0]!, hsCode: '240220' }] });
    expect(hit.json()).toMatchObject({ channel: 'red', strategy: 'rule' });
    expect(hit.json().ruleHits[0]).toMatchObject({
      ruleId: 'tobacco-red',
      profileId: 'tobacco',
      agency: null,
    });
    const history = (await analyst.request('GET', '/api/v1/risk/rules/tobacco-red/history')).json();
    expect(history.items.map((e: { action: string }) => e.action)).toEqual(['risk_rule.created']);
    const listed = await analyst.request('GET', '/api/v1/risk/profiles');
    const stats = listed.json().items.find((p: { id: string }) => p.id === 'tobacco').rules[0].hits;
    expect(stats.total).toBe(1);
    const log = await analyst.request('GET', '/api/v1/declarations?ruleId=tobacco-red');
    expect(log.json().items.map((d: { id: string }) => d.id)).toEqual([base.id]);
  });

  it('shows AEO facilitation in the decision of a trusted trader', async () => {
    const d = declaration();
    const put = await analyst.request('PUT', `/api/v1/risk/trusted-traders/${d.importer.id}`, {
      body: { status: 'active', authorisationType: 'AEO-S', tier: 'standard', source: 'national' },
    });
    expect(put.statusCode).toBe(200);
    const decision = (await submit(d)).json();
    expect(decision.aeoFacilitation).toMatchObject({ partyId: d.importer.id, source: 'national' });
    expect(decision.reasons.some((r: { en: string }) => /AEO/.test(r.en))).toBe(true);
  });

  it('imports the trusted-trader list from CSV, all rows or none', async () => {
    const bad = await analyst.request('POST', '/api/v1/risk/trusted-traders/import', {
      payload: Buffer.from(
        'party_id,status,authorisation_type,tier,source\nP1,active,AEO-S,standard,national\nP2,sleeping,AEO-S,standard,national\n',
      ),
      headers: { 'content-type': 'text/csv' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].path).toBe('rows.3.status');
    expect((await analyst.request('GET', '/api/v1/risk/trusted-traders/P1')).statusCode).toBe(404);
    const good = await analyst.request('POST', '/api/v1/risk/trusted-traders/import', {
      payload: Buffer.from(
        'party_id,status,authorisation_type,tier,source,partner\nP1,active,AEO-S,standard,national,\nP2,active,AEO,AEO,mra,KR\n',
      ),
      headers: { 'content-type': 'text/csv' },
    });
    expect(good.json()).toEqual({ imported: 2 });
    expect((await analyst.request('GET', '/api/v1/risk/trusted-traders/P2')).json()).toMatchObject({
      source: 'mra',
      partner: 'KR',
    });
  });

  it('records an inspection result once, and a joint inspection with each agency’s findings', async () => {
    const d = declaration();
    await submit(d);
    const url = `/api/v1/declarations/${d.id}/inspection-result`;
    const recorded = await t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${singleWindow}` },
      payload: {
        dutyRecovered: 1200,
        findings: [
          { agency: 'CUSTOMS', found: true, officer: 'A. Bekov', notes: 'undervalued' },
          { agency: 'SPS', found: false, officer: 'M. Serikova' },
        ],
      },
    });
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toMatchObject({ found: true, critical: false, dutyRecovered: 1200, version: 1 });
    expect(recorded.json().findings).toHaveLength(2);
    const twice = await analyst.request('POST', url, { body: { found: false, officer: 'X' } });
    expect(twice.statusCode).toBe(409);
    const corrected = await analyst.request('POST', url, {
      body: { found: false, officer: 'A. Bekov' },
      headers: { 'if-match': '"1"' },
    });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json()).toMatchObject({ found: false, version: 2 });
    const history = await t.services.declarations.complianceHistory(d.importer.id, new Date('2027-01-01'));
    expect(history.declarations).toBeGreaterThanOrEqual(1);
    expect(history.inspected).toBeGreaterThanOrEqual(1);
  });

  it('keeps each agency to its own rules', async () => {
    const sps = await signInAs(t, { roles: ['agency_officer'], agency: 'SPS' });
    const cites = await signInAs(t, { roles: ['agency_officer'], agency: 'CITES' });
    const created = await sps.request('POST', '/api/v1/risk/profiles', {
      body: {
        id: 'sps-plants',
        name: 'Plants',
        description: { en: 'Plant health', ru: 'Карантин растений' },
      },
    });
    expect(created.json()).toMatchObject({ owner: 'agency', agency: 'SPS' });
    const rule = {
      id: 'sps-seedlings',
      name: 'Seedlings need a certificate',
      description: { en: 'Phytosanitary certificate', ru: 'Фитосанитарный сертификат' },
      owner: { kind: 'customs' },
      condition: { kind: 'hsPrefix', prefixes: ['0602'] },
      action: { minimumChannel: 'yellow' },
    };
    const added = await sps.request('POST', '/api/v1/risk/profiles/sps-plants/rules', { body: rule });
    expect(added.statusCode).toBe(201);
    expect(added.json().rule.owner).toEqual({ kind: 'agency', agency: 'SPS' });
    expect((await cites.request('GET', '/api/v1/risk/rules/sps-seedlings')).statusCode).toBe(404);
    expect(
      (
        await cites.request('PUT', '/api/v1/risk/rules/sps-seedlings', {
          body: rule,
          headers: { 'if-match': '"1"' },
        })
      ).statusCode,
    ).toBe(404);
    expect((await cites.request('GET', '/api/v1/risk/profiles')).json().items).toEqual([]);
    const byAnalyst = await analyst.request('PUT', '/api/v1/risk/rules/sps-seedlings', {
      body: rule,
      headers: { 'if-match': '"1"' },
    });
    expect(byAnalyst.statusCode).toBe(403);
  });
});

describe('models', () => {
  it('trains from inspection results, compares, activates and rolls back', async () => {
    const labelled = generateDemoDeclarations(600, { seed: 99, idPrefix: 'M-' });
    const context = systemContext(new Date());
    await t.services.declarations.ingest(
      context,
      labelled.map((r) => r.declaration),
      { source: 'demo' },
    );
    for (const row of labelled) {
      await t.services.declarations.recordInspection(
        context,
        row.declaration.id,
        { found: row.truth.fraud, critical: row.truth.critical, officer: 'Demo' },
        undefined,
      );
    }
    const versions: string[] = [];
    for (let i = 0; i < 2; i++) {
      const started = await analyst.request('POST', '/api/v1/risk/models', { body: { preset: 'fast' } });
      expect(started.statusCode).toBe(202);
      expect(started.json().status).toBe('training');
      await t.services.riskModels.settle();
      const done = (await analyst.request('GET', `/api/v1/risk/models/${started.json().id}`)).json();
      expect(done.status).toBe('ready');
      expect(done.evaluation.fraud.auc).toBeGreaterThan(0.6);
      versions.push(done.id);
      expect((await analyst.request('POST', `/api/v1/risk/models/${done.id}/activate`)).statusCode).toBe(200);
    }
    const comparison = (await analyst.request('GET', `/api/v1/risk/models/${versions[0]}/comparison`)).json();
    expect(comparison.candidate.points).toHaveLength(20);
    expect(comparison.active.number).toBe(2);

    const decided = (await submit(declaration())).json();
    expect(decided.modelVersion).toBe(2);

    const rolledBack = await analyst.request('POST', '/api/v1/risk/models/rollback');
    expect(rolledBack.json()).toMatchObject({ number: 1, isActive: true });
    const after = (await submit(declaration())).json();
    expect(after.modelVersion).toBe(1);
    const page = (await analyst.request('GET', `/api/v1/declarations/${after.declarationId}`)).json();
    expect(page.explanation.fraud.en.length).toBeGreaterThan(0);
    const drift = (await analyst.request('GET', '/api/v1/risk/models/drift')).json();
    expect(drift.drift.modelVersion).toBe(1);
  }, 120_000);
});
