import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAuthorisation,
  createManager,
  createTrustTestApp,
} from '../../../src/server/modules/trust/trust.test-support';
import { startSecondNode, withSession, type SecondNode } from '../../support/second-node';
import { TestClient } from '../../support/test-app';

/**
 * Certificate issuance and status changes from two API nodes on one database (on PostgreSQL each request runs on its
 * own pool connection). Every trust write takes the trust_state row lock, so certificate numbers, status indexes and
 * log leaves are handed out in one order and the status lists are rebuilt from every committed change.
 *
 * The races are real only on PostgreSQL: PGlite runs one transaction at a time, so there the racers take turns and
 * only the outcomes are checked (CI runs tests/api on PostgreSQL).
 */

type TrustTestApp = Awaited<ReturnType<typeof createTrustTestApp>>;

const AUTHORISATIONS = 6;
const ROUNDS = 10;

let t: TrustTestApp;
let secondNode: SecondNode;
let managers: [TestClient, TestClient];
let anonymous: TestClient;
let authorisationIds: string[];

beforeAll(async () => {
  t = await createTrustTestApp({ VERIFY_RATE_LIMIT_PER_MINUTE: '10000' });
  // A second server: its own services (its own trust write queue and log cache), the same database and keys.
  secondNode = await startSecondNode(t);
  const { manager, client } = await createManager(t);
  managers = [client, withSession(secondNode, client)];
  anonymous = new TestClient(t.app);
  authorisationIds = [];
  for (let i = 0; i < AUTHORISATIONS; i += 1) {
    const made = await createAuthorisation(t, { decidedBy: manager.id, name: `Parallel Trading ${i} LLP` });
    authorisationIds.push(made.authorisationId);
  }
}, 120_000);

afterAll(async () => {
  await secondNode.close();
  await t.close();
});

/** Request i goes to node i % 2. */
function byNode(i: number): TestClient {
  return managers[i % 2]!;
}

async function verify(credential: string): Promise<string> {
  const response = await anonymous.request('POST', '/api/v1/verify', { body: { credential } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ result: string }>().result;
}

async function storedLog() {
  const db = t.database.db;
  const leaves = await db
    .selectFrom('transparency_log_leaf')
    .select('leaf_index')
    .orderBy('leaf_index')
    .execute();
  const latest = await db
    .selectFrom('transparency_log_checkpoint')
    .select('tree_size')
    .orderBy('tree_size', 'desc')
    .executeTakeFirst();
  return { leafIndexes: leaves.map((leaf) => leaf.leaf_index), treeSize: latest?.tree_size };
}

async function expectUnbrokenAuditChain(): Promise<void> {
  expect(await t.services.auditAnchor.verify()).toMatchObject({ ok: true });
}

describe('certificate issuance and status changes from two nodes at once', () => {
  const credentials = new Map<string, string>();

  it('issues one certificate per authorisation with its own number, status index and log leaf', async () => {
    // Every authorisation asked for twice, from both nodes: the second ask answers the same certificate.
    const responses = await Promise.all(
      [...authorisationIds, ...authorisationIds].map((id, i) =>
        byNode(i).request('GET', `/api/v1/authorisations/${id}/certificate`),
      ),
    );
    for (const response of responses) expect(response.statusCode, response.body).toBe(200);
    for (const id of authorisationIds) {
      const answers = responses
        .filter((response) => response.json<{ authorisationId: string }>().authorisationId === id)
        .map((response) => response.json<{ certificateNumber: string; credential: string }>());
      expect(answers).toHaveLength(2);
      expect(answers[1]!.certificateNumber).toBe(answers[0]!.certificateNumber);
      credentials.set(id, answers[0]!.credential);
    }

    const certificates = await t.database.db
      .selectFrom('certificate')
      .select(['authorisation_id', 'certificate_number', 'sequence', 'status_index', 'issuance_leaf_index'])
      .execute();
    expect(certificates).toHaveLength(AUTHORISATIONS);
    for (const column of ['certificate_number', 'sequence', 'status_index', 'issuance_leaf_index'] as const) {
      expect(new Set(certificates.map((row) => row[column])).size).toBe(AUTHORISATIONS);
    }
    const log = await storedLog();
    expect(log.leafIndexes).toEqual(log.leafIndexes.map((_, i) => i));
    expect(log.treeSize).toBe(log.leafIndexes.length);
    for (const credential of credentials.values()) expect(await verify(credential)).toBe('VALID');
    await expectUnbrokenAuditChain();
  });

  it('lets one of two identical status changes win per authorisation, and the lists keep every change', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const action = round % 2 === 0 ? 'suspend' : 'reinstate';
      // Each authorisation twice (the second ask must find the first applied), the asks spread over both nodes.
      const targets = [...authorisationIds, ...authorisationIds];
      const responses = await Promise.all(
        targets.map((id, i) =>
          byNode(i + round).request('POST', `/api/v1/authorisations/${id}/status`, {
            body: { action, reason: `Round ${round}` },
          }),
        ),
      );
      for (const id of authorisationIds) {
        const statuses = responses.filter((_, i) => targets[i] === id).map((response) => response.statusCode);
        expect(statuses.sort(), `round ${round}, ${id}`).toEqual([200, 409]);
      }
      for (const response of responses.filter((r) => r.statusCode === 409)) {
        expect(response.json().error.code).toBe('conflict');
      }
      const expected = action === 'suspend' ? 'SUSPENDED' : 'VALID';
      for (const credential of credentials.values()) expect(await verify(credential)).toBe(expected);
    }

    const changes = await t.database.db
      .selectFrom('authorisation_status_change')
      .select(['authorisation_id', 'leaf_index'])
      .execute();
    expect(changes).toHaveLength(ROUNDS * AUTHORISATIONS);
    expect(new Set(changes.map((change) => change.leaf_index)).size).toBe(changes.length);
    const log = await storedLog();
    expect(log.leafIndexes).toEqual(log.leafIndexes.map((_, i) => i));
    expect(log.leafIndexes).toHaveLength(AUTHORISATIONS + ROUNDS * AUTHORISATIONS);
    expect(log.treeSize).toBe(log.leafIndexes.length);
    await expectUnbrokenAuditChain();
  });
});
