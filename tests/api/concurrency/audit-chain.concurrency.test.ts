import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOnBothNodes, startSecondNode, type SecondNode } from '../../support/second-node';
import { createTestApp, factories, type TestApp, type TestClient } from '../../support/test-app';

/**
 * The audit hash chain under parallel writes from two API nodes: every audited change links to the event before it
 * under one chain lock, so parallel writers never link to the same predecessor and the chain stays unbroken.
 *
 * The races are real only on PostgreSQL: PGlite runs one transaction at a time, so there the racers take turns and
 * only the outcomes are checked (CI runs tests/api on PostgreSQL).
 */

const ROUNDS = 10;
const PARALLEL = 8;

let t: TestApp;
let secondNode: SecondNode;
let admins: [TestClient, TestClient];

beforeAll(async () => {
  t = await createTestApp();
  secondNode = await startSecondNode(t);
  admins = await signInOnBothNodes(t, secondNode, (await factories.user(t, { roles: ['admin'] })).email);
});

afterAll(async () => {
  await secondNode.close();
  await t.close();
});

async function chainRows() {
  return t.database.db
    .selectFrom('audit_event')
    .select(['seq', 'prev_hash', 'hash'])
    .orderBy('seq')
    .execute();
}

describe('the audit chain under parallel writes', () => {
  it('records every parallel change once, in one unbroken chain', async () => {
    const before = (await chainRows()).length;
    let office = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const responses = await Promise.all(
        Array.from({ length: PARALLEL }, (_, i) => {
          office += 1;
          return admins[i % 2]!.request('POST', '/api/v1/admin/offices', {
            body: { code: `PAR${office}`, name: `Parallel office ${office}`, kind: 'local', regions: [] },
          });
        }),
      );
      for (const response of responses) expect(response.statusCode, response.body).toBe(201);
    }

    const rows = await chainRows();
    const created = await t.database.db
      .selectFrom('audit_event')
      .select('entity_id')
      .where('action', '=', 'office.created')
      .execute();
    expect(created).toHaveLength(ROUNDS * PARALLEL);
    expect(new Set(created.map((row) => row.entity_id)).size).toBe(ROUNDS * PARALLEL);
    expect(rows.length).toBeGreaterThanOrEqual(before + ROUNDS * PARALLEL);
    // Sequence numbers without gaps, each event linked to the one before it.
    expect(rows.map((row) => row.seq)).toEqual(rows.map((_, i) => i + 1));
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);

    const verified = await admins[0].request('GET', '/api/v1/audit/verify');
    expect(verified.json()).toMatchObject({ ok: true, events: rows.length });
  });
});
