import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSecondNode, type SecondNode } from '../../../../tests/support/second-node';
import { factories, useTestApp } from '../../../../tests/support/test-app';
import type { Declaration } from '../../../risk-engine/index';
import { generateDemoDeclarations } from '../../seed/demo-declarations';
import { storedDeclarationCount } from './risk.test-support';

/**
 * An Idempotency-Key under concurrency. Two API nodes share the database (on PostgreSQL each writes through its own
 * connections), and eight requests race with one key: exactly one body may win.
 */

const t = useTestApp();
let secondNode: SecondNode;
let secret: string;
const ROUNDS = 5;
const RACERS = 8;

beforeAll(async () => {
  secondNode = await startSecondNode(t);
  secret = await factories.apiKeySecret(t, ['declarations:write']);
});

afterAll(async () => secondNode.close());

afterEach(() => {
  vi.restoreAllMocks();
});

let sequence = 0;
function declaration(): Declaration {
  sequence += 1;
  return generateDemoDeclarations(1, { seed: 7000 + sequence, idPrefix: `IK${sequence}-` })[0]!.declaration;
}

/** Alternates between the two nodes, all at once. */
function race(bodies: Declaration[], key: string) {
  return Promise.all(
    bodies.map((body, i) =>
      (i % 2 === 0 ? t.app : secondNode.app).inject({
        method: 'POST',
        url: '/api/v1/declarations',
        headers: { authorization: `Bearer ${secret}`, 'idempotency-key': key },
        payload: body,
      }),
    ),
  );
}

describe('Idempotency-Key under concurrency', () => {
  it('lets one of eight different bodies win a key; the others get 422 and store nothing', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const bodies = Array.from({ length: RACERS }, declaration);
      const responses = await race(bodies, `race-different-${round}`);
      const statuses = responses.map((r) => r.statusCode).sort();
      expect(statuses).toEqual([200, 422, 422, 422, 422, 422, 422, 422]);
      for (const refused of responses.filter((r) => r.statusCode === 422)) {
        expect(refused.json().error).toMatchObject({
          code: 'unprocessable',
          details: { reason: 'idempotency_key_reused' },
        });
      }
      const winner = responses.find((r) => r.statusCode === 200)!.json<{ declarationId: string }>();
      expect(
        await storedDeclarationCount(
          t,
          bodies.map((b) => b.id),
        ),
      ).toBe(1);
      // A later retry of the winning body replays it; any other body is still refused.
      const winningBody = bodies.find((b) => b.id === winner.declarationId)!;
      const [retry, other] = await Promise.all([
        race([winningBody], `race-different-${round}`),
        race([declaration()], `race-different-${round}`),
      ]);
      expect(retry[0]!.json()).toMatchObject({ declarationId: winner.declarationId, replayed: true });
      expect(other[0]!.statusCode).toBe(422);
    }
  });

  it('answers eight concurrent sends of the same body with the same decision, stored once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const body = declaration();
      const responses = await race(
        Array.from({ length: RACERS }, () => body),
        `race-same-${round}`,
      );
      expect(responses.map((r) => r.statusCode)).toEqual(Array.from({ length: RACERS }, () => 200));
      const answers = responses.map((r) => ({ ...r.json<Record<string, unknown>>(), replayed: undefined }));
      for (const answer of answers) expect(answer).toEqual(answers[0]);
      expect(responses.filter((r) => r.json<{ replayed: boolean }>().replayed === false).length).toBe(1);
      expect(await storedDeclarationCount(t, [body.id])).toBe(1);
    }
  });

  it('frees a key whose request was refused, so the key can carry a valid request later', async () => {
    const stored = declaration();
    await race([stored], 'first-use');
    const conflicting = { ...stored, office: stored.office === 'ALA' ? 'AST' : 'ALA' };
    const [refused] = await race([conflicting], 'freed-key');
    expect(refused!.json().error.details.reason).toBe('declaration_conflict');
    const fresh = declaration();
    const [accepted] = await race([fresh], 'freed-key');
    expect(accepted!.statusCode).toBe(200);
    expect(accepted!.json()).toMatchObject({ declarationId: fresh.id, replayed: false });
  });

  it('answers retries of a key with the first answer from storage, not as a new submission', async () => {
    // A batch, so the answer is the whole request's: the key replays it even before the ids are looked at.
    const body = { declarations: [declaration(), declaration()] };
    const send = (node: FastifyInstance) =>
      node.inject({
        method: 'POST',
        url: '/api/v1/declarations',
        headers: { authorization: `Bearer ${secret}`, 'idempotency-key': 'replayed-batch' },
        payload: body,
      });
    const first = await send(t.app);
    expect(first.statusCode).toBe(200);
    const answered = first.json<{ decisions: Record<string, unknown>[] }>().decisions;

    // A new submission would be scored and decided again, advancing the office's selection budget.
    const decided = [
      vi.spyOn(t.services.riskDecider, 'decide'),
      vi.spyOn(secondNode.services.riskDecider, 'decide'),
    ];
    const retries = await Promise.all(
      Array.from({ length: RACERS }, (_, i) => send(i % 2 === 0 ? t.app : secondNode.app)),
    );
    for (const retry of retries) {
      expect(retry.statusCode).toBe(200);
      expect(retry.json()).toEqual({
        decisions: answered.map((decision) => ({ ...decision, replayed: true })),
      });
    }
    for (const spy of decided) expect(spy).not.toHaveBeenCalled();
    const ids = body.declarations.map((d) => d.id);
    expect(await storedDeclarationCount(t, ids)).toBe(2);
    const events = await t.database.db
      .selectFrom('audit_event')
      .select('summary')
      .where('action', '=', 'declarations.decided')
      .execute();
    expect(events.filter((event) => (event.summary.ids as string[]).includes(ids[0]!))).toHaveLength(1);
  });
});
