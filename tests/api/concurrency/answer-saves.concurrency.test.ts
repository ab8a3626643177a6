import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOnBothNodes, startSecondNode, type SecondNode } from '../../support/second-node';
import { auditEvents, createTestApp, factories, type TestApp, type TestClient } from '../../support/test-app';

/**
 * Answer saves with If-Match sent at once from two API nodes (two browser tabs of one applicant, or two colleagues):
 * of the saves that read the same version, one is stored and the others get 409 with the version that won.
 *
 * The races are real only on PostgreSQL: PGlite runs one transaction at a time, so there the racers take turns and
 * only the outcomes are checked (CI runs tests/api on PostgreSQL).
 */

const ROUNDS = 10;
const PARALLEL = 4;

let t: TestApp;
let secondNode: SecondNode;
let editors: [TestClient, TestClient];
let applicationId: string;
let questionIds: string[];

beforeAll(async () => {
  t = await createTestApp();
  secondNode = await startSecondNode(t);
  const operator = await factories.operator(t, 'Parallel Edits LLP');
  const owner = await factories.user(t, {
    roles: ['operator'],
    operatorId: operator.id,
    operatorRights: ['view', 'prepare', 'submit', 'manage_users'],
  });
  editors = await signInOnBothNodes(t, secondNode, owner.email);
  const [first] = editors;
  const type = (await t.services.programme.getActive()).definition.authorisationTypes[0]!.id;
  const created = await first.request('POST', '/api/v1/applications', { body: { authorisationType: type } });
  applicationId = created.json<{ id: string }>().id;
  // The questions still unanswered, as the refused submission names them.
  const refused = await first.request('POST', `/api/v1/applications/${applicationId}/submit`);
  questionIds = refused.json<{ error: { details: { missing: string[] } } }>().error.details.missing;
  expect(questionIds.length).toBeGreaterThanOrEqual(ROUNDS);
});

afterAll(async () => {
  await secondNode.close();
  await t.close();
});

function answer(text: string) {
  return { notApplicable: true, explanation: text };
}

/** PARALLEL saves of one question, all naming the version `ifMatch`, spread over both nodes. */
async function race(questionId: string, ifMatch: number, label: string) {
  const responses = await Promise.all(
    Array.from({ length: PARALLEL }, (_, i) =>
      editors[i % 2]!.request('PUT', `/api/v1/applications/${applicationId}/answers/${questionId}`, {
        headers: { 'if-match': `"${ifMatch}"` },
        body: answer(`${label}, tab ${i}`),
      }),
    ),
  );
  expect(responses.map((r) => r.statusCode).sort(), `${questionId} at version ${ifMatch}`).toEqual([
    200,
    ...Array.from({ length: PARALLEL - 1 }, () => 409),
  ]);
  const winner = responses.find((r) => r.statusCode === 200)!;
  expect(winner.json()).toMatchObject({ version: ifMatch + 1 });
  expect(winner.headers.etag).toBe(`"${ifMatch + 1}"`);
  for (const refused of responses.filter((r) => r.statusCode === 409)) {
    expect(refused.json().error).toMatchObject({
      code: 'conflict',
      details: { currentVersion: ifMatch + 1, currentAnswer: winner.json<{ answer: unknown }>().answer },
    });
  }
  return winner.json<{ answer: unknown }>().answer;
}

async function stored(questionId: string) {
  const row = await t.database.db
    .selectFrom('application_answer')
    .select(['answer', 'version'])
    .where('application_id', '=', applicationId)
    .where('question_id', '=', questionId)
    .executeTakeFirstOrThrow();
  const events = await auditEvents(t, 'application', applicationId, ['application.answer_saved']);
  return {
    answer: row.answer,
    version: row.version,
    events: events.filter((event) => event.summary.questionId === questionId).length,
  };
}

describe('answer saves with If-Match at once', () => {
  it('stores one of the saves of a new answer (If-Match "0") and refuses the others', async () => {
    for (const questionId of questionIds.slice(0, ROUNDS)) {
      const won = await race(questionId, 0, 'first');
      expect(await stored(questionId)).toEqual({ answer: won, version: 1, events: 1 });
    }
  });

  it('stores one of the saves of a changed answer and refuses the others', async () => {
    for (const questionId of questionIds.slice(0, ROUNDS)) {
      const won = await race(questionId, 1, 'second');
      expect(await stored(questionId)).toEqual({ answer: won, version: 2, events: 2 });
    }
  });
});
