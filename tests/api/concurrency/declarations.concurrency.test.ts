import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Declaration } from '../../../src/risk-engine/index';
import { generateDemoDeclarations } from '../../../src/server/seed/demo-declarations';
import { startSecondNode, type SecondNode } from '../../support/second-node';
import { createTestApp, factories, type TestApp } from '../../support/test-app';

/**
 * Declarations sent at once, without an Idempotency-Key, from two API nodes: the declaration id is the key. Each
 * node commits its queue in its own transaction, so the id is settled by the primary key (the Idempotency-Key races
 * are in src/server/modules/risk/declarations-idempotency.test.ts).
 *
 * The races are real only on PostgreSQL: PGlite runs one transaction at a time, so there the racers take turns and
 * only the outcomes are checked (CI runs tests/api on PostgreSQL).
 */

const ROUNDS = 10;
const RACERS = 6;

let t: TestApp;
let secondNode: SecondNode;
let secret: string;

beforeAll(async () => {
  t = await createTestApp();
  secondNode = await startSecondNode(t);
  secret = await factories.apiKeySecret(t, ['declarations:write']);
});

afterAll(async () => {
  await secondNode.close();
  await t.close();
});

let sequence = 0;
function declaration(): Declaration {
  sequence += 1;
  return generateDemoDeclarations(1, { seed: 9100 + sequence, idPrefix: `RACE${sequence}-` })[0]!.declaration;
}

function send(bodies: Declaration[]) {
  return Promise.all(
    bodies.map((body, i) =>
      (i % 2 === 0 ? t.app : secondNode.app).inject({
        method: 'POST',
        url: '/api/v1/declarations',
        headers: { authorization: `Bearer ${secret}` },
        payload: body,
      }),
    ),
  );
}

async function stored(id: string) {
  const rows = await t.database.db
    .selectFrom('declaration')
    .select(['id', 'payload'])
    .where('id', '=', id)
    .execute();
  const events = await t.database.db
    .selectFrom('audit_event')
    .select('summary')
    .where('action', '=', 'declarations.decided')
    .execute();
  return {
    rows: rows.length,
    payload: rows[0]?.payload,
    events: events.filter((event) => (event.summary.ids as string[]).includes(id)).length,
  };
}

describe('one declaration id sent at once from two nodes', () => {
  it('stores the declaration once and answers every send with the same decision', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const body = declaration();
      const responses = await send(Array.from({ length: RACERS }, () => body));
      for (const response of responses) expect(response.statusCode, response.body).toBe(200);
      const answers = responses.map((r) => r.json<{ replayed: boolean }>());
      expect(answers.filter((answer) => !answer.replayed)).toHaveLength(1);
      for (const answer of answers)
        expect({ ...answer, replayed: true }).toEqual({ ...answers[0], replayed: true });
      expect(await stored(body.id)).toMatchObject({ rows: 1, events: 1 });
    }
  });

  it('stores one of several contents sent under one id and refuses the others with 422', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const first = declaration();
      const bodies = Array.from({ length: RACERS }, (_, i) => ({ ...first, office: `OF${i}` }));
      const responses = await send(bodies);
      expect(responses.map((r) => r.statusCode).sort(), `round ${round}`).toEqual([
        200,
        ...Array.from({ length: RACERS - 1 }, () => 422),
      ]);
      for (const refused of responses.filter((r) => r.statusCode === 422)) {
        expect(refused.json().error.details).toMatchObject({
          reason: 'declaration_conflict',
          ids: [first.id],
        });
      }
      const winner = bodies[responses.findIndex((r) => r.statusCode === 200)]!;
      const state = await stored(first.id);
      expect(state).toMatchObject({ rows: 1, events: 1 });
      expect(state.payload).toMatchObject({ office: winner.office });
    }
  });
});
