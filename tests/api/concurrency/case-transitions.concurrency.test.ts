import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserDto } from '../../../src/server/modules/accounts/accounts.presenters';
import {
  createStaff,
  readyForDecision,
  type Staff,
} from '../../../src/server/modules/validation/validation.test-support';
import { answerQuestionnaire, contextFor } from '../../../src/server/seed/demo-applications';
import { signInOnBothNodes, startSecondNode, type SecondNode } from '../../support/second-node';
import {
  auditActions,
  createTestApp,
  factories,
  type TestApp,
  type TestClient,
} from '../../support/test-app';

/**
 * Case transitions sent at once from two API nodes: each transition takes the case's row lock and checks the state
 * it finds there, so exactly one of several conflicting actions wins and the others get 409, with one audit event,
 * one decision and one authorisation at most.
 *
 * The races are real only on PostgreSQL: PGlite runs one transaction at a time, so there the racers take turns and
 * only the outcomes are checked (CI runs tests/api on PostgreSQL).
 */

const WITHDRAW_ROUNDS = 12;
const INTAKE_ROUNDS = 3;
const DECISION_ROUNDS = 4;

let t: TestApp;
let secondNode: SecondNode;
let staff: Staff;

beforeAll(async () => {
  t = await createTestApp();
  secondNode = await startSecondNode(t);
  staff = await createStaff(t);
});

afterAll(async () => {
  await secondNode.close();
  await t.close();
});

/** The same signed-in user on both nodes. */
async function onBothNodes(user: UserDto): Promise<[TestClient, TestClient]> {
  return signInOnBothNodes(t, secondNode, user.email);
}

/** An operator's account manager. */
async function applicant(name: string): Promise<UserDto> {
  const operator = await factories.operator(t, name);
  return factories.user(t, {
    roles: ['operator'],
    operatorId: operator.id,
    operatorRights: ['view', 'prepare', 'submit', 'manage_users'],
  });
}

/** An operator's draft application and its account manager. */
async function draftCase(name: string): Promise<{ id: string; owner: UserDto }> {
  const owner = await applicant(name);
  const type = (await t.services.programme.getActive()).definition.authorisationTypes[0]!.id;
  const application = await t.services.applications.create(contextFor(owner, t.clock.now()), {
    authorisationType: type,
  });
  return { id: application.id, owner };
}

/** An application answered and submitted: it waits for customs to accept it. */
async function submittedCase(name: string): Promise<string> {
  const { id, owner } = await draftCase(name);
  const as = () => contextFor(owner, t.clock.now());
  const application = { id };
  await t.services.applications.addSite(as(), application.id, {
    kind: 'head_office',
    name: 'Head office',
    address: '1 Test Street, Almaty',
  });
  await answerQuestionnaire(t.services, as(), application.id);
  await t.services.applications.submit(as(), application.id);
  return application.id;
}

async function caseRow(id: string) {
  return t.database.db
    .selectFrom('application')
    .select(['status', 'version'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

function statuses(responses: LightMyRequestResponse[]): number[] {
  return responses.map((response) => response.statusCode).sort();
}

describe('conflicting case transitions at once', () => {
  it('withdraws a draft once when the applicant clicks twice on both nodes', async () => {
    const owners = await onBothNodes(await applicant('Withdraw Race LLP'));
    const type = (await t.services.programme.getActive()).definition.authorisationTypes[0]!.id;
    for (let round = 0; round < WITHDRAW_ROUNDS; round += 1) {
      // A withdrawn application is no longer active, so the same operator drafts the next one.
      const created = await owners[0].request('POST', '/api/v1/applications', {
        body: { authorisationType: type },
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json<{ id: string }>().id;
      const before = await caseRow(id);
      const responses = await Promise.all(
        [0, 1, 2, 3].map((i) =>
          owners[(i + round) % 2]!.request('POST', `/api/v1/applications/${id}/withdraw`, {
            body: { reason: `Click ${i}` },
          }),
        ),
      );
      expect(statuses(responses), `round ${round}`).toEqual([200, 409, 409, 409]);
      expect(await caseRow(id)).toEqual({ status: 'withdrawn', version: before.version + 1 });
      expect(await auditActions(t, 'application', id, ['application.withdraw'])).toHaveLength(1);
    }
  });

  it('lets one acceptance decision win; the others get 409 and change nothing', async () => {
    const managers = await onBothNodes(staff.signer);
    const outcomes = [
      { outcome: 'accepted' },
      { outcome: 'not_accepted', reason: 'The turnover evidence is missing.' },
      { outcome: 'information_requested', reason: 'Send the lease of the warehouse.' },
      { outcome: 'accepted' },
    ] as const;
    for (let round = 0; round < INTAKE_ROUNDS; round += 1) {
      const id = await submittedCase(`Intake Race ${round} LLP`);
      const before = await caseRow(id);
      const responses = await Promise.all(
        outcomes.map((body, i) =>
          managers[(i + round) % 2]!.request('POST', `/api/v1/applications/${id}/acceptance`, { body }),
        ),
      );
      expect(statuses(responses), `round ${round}`).toEqual([200, 409, 409, 409]);
      for (const refused of responses.filter((r) => r.statusCode === 409)) {
        expect(refused.json().error.code).toBe('conflict');
      }
      const winner = responses.find((r) => r.statusCode === 200)!.json<{ status: string }>();
      const after = await caseRow(id);
      expect(after).toEqual({ status: winner.status, version: before.version + 1 });
      expect(
        await auditActions(t, 'application', id, [
          'application.accept',
          'application.not_accept',
          'application.request_information',
        ]),
      ).toHaveLength(1);
    }
  });

  it('lets one decision act win on a case that awaits it: one decision or notice, one authorisation at most', async () => {
    const deciders = await onBothNodes(staff.decider);
    const notice = { reasons: 'The security criterion is not met.' };
    for (let round = 0; round < DECISION_ROUNDS; round += 1) {
      const { applicationId: id } = await readyForDecision(t, staff, `Decision Race ${round} LLP`);
      // Even rounds: the decider's grant sent five times (two grants must not both insert an authorisation). Odd
      // rounds: grants and notices of intended rejection, which opens the hearing (two notices must not deadlock).
      const grant = { path: 'decision/grant', body: {} };
      const intended = { path: 'intended-rejection', body: notice };
      const requests =
        round % 2 === 0 ? [grant, grant, grant, grant, grant] : [grant, intended, grant, intended, grant];
      const responses = await Promise.all(
        requests.map((request, i) =>
          deciders[i % 2]!.request('POST', `/api/v1/applications/${id}/${request.path}`, {
            body: request.body,
          }),
        ),
      );
      expect(statuses(responses), `round ${round}: ${responses.map((r) => r.body).join('\n')}`).toEqual([
        201, 409, 409, 409, 409,
      ]);
      const isGranted = requests[responses.findIndex((r) => r.statusCode === 201)]!.path === 'decision/grant';
      expect((await caseRow(id)).status).toBe(isGranted ? 'granted' : 'right_to_be_heard');
      const decisions = await t.database.db
        .selectFrom('case_decision')
        .select('outcome')
        .where('application_id', '=', id)
        .execute();
      const authorisations = await t.database.db
        .selectFrom('authorisation')
        .select('id')
        .where('application_id', '=', id)
        .execute();
      const notices = await t.database.db
        .selectFrom('intended_rejection')
        .select('id')
        .where('application_id', '=', id)
        .execute();
      expect(decisions).toHaveLength(isGranted ? 1 : 0);
      expect(authorisations).toHaveLength(isGranted ? 1 : 0);
      expect(notices).toHaveLength(isGranted ? 0 : 1);
      expect(
        await auditActions(t, 'application', id, [
          'application.grant',
          'application.notify_intended_rejection',
        ]),
      ).toHaveLength(1);
    }
    expect(await t.services.auditAnchor.verify()).toMatchObject({ ok: true });
  });
});
