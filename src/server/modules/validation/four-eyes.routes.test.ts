import { describe, expect, it } from 'vitest';
import type { UserDto } from '../accounts/accounts.presenters';
import { contextFor } from '../../seed/demo-applications';
import { useTestApp, factories, type TestClient } from '../../../../tests/support/test-app';
import {
  acceptedCase,
  clientFor,
  useStaff,
  readyForDecision,
  reviewAll,
  rejectAndAppeal,
} from './validation.test-support';

const t = useTestApp();
const staff = useStaff(t);

const caseUrl = (id: string) => `/api/v1/applications/${id}`;

/** A customs user at headquarters (in scope of every case), with the given roles. */
function hqUser(roles: ('validator' | 'aeo_manager')[]) {
  return factories.user(t, { roles, officeId: staff.headquarters.id });
}

async function allowedActions(client: TestClient, url: string): Promise<string[]> {
  const response = await client.request('GET', `${url}/validation`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().allowedActions;
}

function expectFourEyes(response: { statusCode: number; body: string; json(): unknown }, rule: string) {
  expect(response.statusCode, response.body).toBe(403);
  expect(response.json()).toMatchObject({
    error: {
      code: 'forbidden',
      message: expect.stringMatching(/^Four eyes: /),
      details: { reason: 'four_eyes', rule },
    },
  });
}

/** The validator issues the report and asks for the signature. */
async function issueAndRequestSignOff(applicationId: string) {
  const validator = contextFor(staff.validator, t.clock.now());
  await t.services.validation.reports.issue(validator, applicationId, { recommendation: 'grant' });
  await t.services.validation.decisions.requestSignOff(validator, applicationId);
}

async function signOff(user: UserDto, applicationId: string) {
  await t.services.validation.decisions.signOff(contextFor(user, t.clock.now()), applicationId, {
    outcome: 'approved',
  });
}

/**
 * A case reviewed by its validator, with a risk entry (likelihood 4) added by another headquarters manager, the
 * examiner, and its report signed off by staff.signer.
 */
async function signedOffWithRisk(name: string, risk: { title: string; impact: number }) {
  const made = await acceptedCase(t, staff, name);
  const url = caseUrl(made.applicationId);
  await reviewAll(t, staff, made.applicationId);
  const examinerClient = await clientFor(t, await hqUser(['aeo_manager']));
  const added = await examinerClient.request('POST', `${url}/risks`, {
    body: { criterion: 'A', likelihood: 4, ...risk },
  });
  expect(added.statusCode, added.body).toBe(201);
  await issueAndRequestSignOff(made.applicationId);
  await signOff(staff.signer, made.applicationId);
  return { made, url, examinerClient };
}

describe('four eyes count everyone who examined the case', () => {
  it('refuses the decision to a headquarters manager who recorded the desk-review findings', async () => {
    const made = await acceptedCase(t, staff, 'Findings Then Grant LLP');
    const url = caseUrl(made.applicationId);
    const examiner = await hqUser(['aeo_manager']);
    await reviewAll(t, { ...staff, validator: examiner }, made.applicationId);
    await issueAndRequestSignOff(made.applicationId);
    await signOff(staff.signer, made.applicationId);

    const client = await clientFor(t, examiner);
    const offered = await allowedActions(client, url);
    expect(offered).not.toContain('grant');
    expect(offered).not.toContain('notify_intended_rejection');
    const refused = await client.request('POST', `${url}/decision/grant`, { body: {} });
    expectFourEyes(refused, 'decider_is_validator');
    expect(refused.json().error.details.acts).toEqual(['findings']);
    expect(refused.json().error.message).toContain('desk-review findings');

    // Someone who took no part decides.
    const decider = await clientFor(t, staff.decider);
    expect(await allowedActions(decider, url)).toContain('grant');
    const granted = await decider.request('POST', `${url}/decision/grant`, { body: { grounds: 'Met.' } });
    expect(granted.statusCode, granted.body).toBe(201);
  });

  it('refuses the signature to a validator-and-manager who recorded the findings', async () => {
    const made = await acceptedCase(t, staff, 'Two Hats LLP');
    const url = caseUrl(made.applicationId);
    const questions = await reviewAll(t, staff, made.applicationId);
    const twoHats = await hqUser(['validator', 'aeo_manager']);
    const client = await clientFor(t, twoHats);
    const recorded = await client.request('PUT', `${url}/findings`, {
      body: {
        items: questions.map((q) => ({ questionId: q.id, finding: 'satisfactory', visibility: 'shared' })),
      },
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    await issueAndRequestSignOff(made.applicationId);

    const offered = await allowedActions(client, url);
    expect(offered).not.toContain('sign_off');
    expect(offered).not.toContain('return_for_rework');
    expectFourEyes(
      await client.request('POST', `${url}/sign-off`, { body: { outcome: 'approved' } }),
      'signer_is_validator',
    );
    const signer = await clientFor(t, staff.signer);
    expect(await allowedActions(signer, url)).toContain('sign_off');
    const signed = await signer.request('POST', `${url}/sign-off`, { body: { outcome: 'approved' } });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().status).toBe('ready_for_decision');
  });

  it('refuses signing and deciding to whoever added a risk entry, was on the visit team or wrote the checklist', async () => {
    const made = await acceptedCase(t, staff, 'Visited Twice LLP');
    const url = caseUrl(made.applicationId);
    await reviewAll(t, staff, made.applicationId);
    const validator = await clientFor(t, staff.validator);

    const riskAuthor = await hqUser(['aeo_manager']);
    const riskClient = await clientFor(t, riskAuthor);
    const risk = await riskClient.request('POST', `${url}/risks`, {
      body: { criterion: 'A', title: 'Misdeclared origin', likelihood: 3, impact: 4 },
    });
    expect(risk.statusCode, risk.body).toBe(201);

    const teamMember = await hqUser(['validator', 'aeo_manager']);
    const team = await validator.request('PUT', `${url}/visit/team`, {
      body: { userIds: [staff.validator.id, teamMember.id] },
    });
    expect(team.statusCode, team.body).toBe(200);

    const checklistWriter = await hqUser(['aeo_manager']);
    const checklistClient = await clientFor(t, checklistWriter);
    const items = (await validator.request('POST', `${url}/visit/checklist`)).json().items;
    const observed = await checklistClient.request('PATCH', `${url}/visit/checklist/${items[0].id}`, {
      body: { result: 'ok', observation: 'Seals checked at the gate.' },
    });
    expect(observed.statusCode, observed.body).toBe(200);
    await issueAndRequestSignOff(made.applicationId);

    const examiners = [
      { client: riskClient, act: 'risk_map' },
      { client: await clientFor(t, teamMember), act: 'visit_team' },
      { client: checklistClient, act: 'checklist' },
    ];
    for (const { client, act } of examiners) {
      expect(await allowedActions(client, url)).not.toContain('sign_off');
      const refused = await client.request('POST', `${url}/sign-off`, { body: { outcome: 'approved' } });
      expectFourEyes(refused, 'signer_is_validator');
      expect(refused.json().error.details.acts).toEqual([act]);
    }
    await signOff(staff.signer, made.applicationId);
    for (const { client, act } of examiners) {
      expect(await allowedActions(client, url)).not.toContain('grant');
      const refused = await client.request('POST', `${url}/decision/grant`, { body: {} });
      expectFourEyes(refused, 'decider_is_validator');
      expect(refused.json().error.details.acts).toEqual([act]);
    }
    const decider = await clientFor(t, staff.decider);
    expect((await decider.request('POST', `${url}/decision/grant`, { body: {} })).statusCode).toBe(201);
  });

  it('holds the notice of intended rejection to the decider’s rule', async () => {
    const { url, examinerClient } = await signedOffWithRisk('Noticed LLP', {
      title: 'Records not kept',
      impact: 4,
    });

    const body = { body: { reasons: 'Records are not kept.' } };
    expectFourEyes(
      await examinerClient.request('POST', `${url}/intended-rejection`, body),
      'decider_is_validator',
    );
    const signer = await clientFor(t, staff.signer);
    expectFourEyes(await signer.request('POST', `${url}/intended-rejection`, body), 'decider_signed_off');
    // A validator does not decide, nor announce a decision.
    const validator = await clientFor(t, staff.validator);
    expect(await allowedActions(validator, url)).not.toContain('notify_intended_rejection');
    expect((await validator.request('POST', `${url}/intended-rejection`, body)).statusCode).toBe(403);
    const decider = await clientFor(t, staff.decider);
    expect(await allowedActions(decider, url)).toContain('notify_intended_rejection');
    expect((await decider.request('POST', `${url}/intended-rejection`, body)).statusCode).toBe(201);
  });
});

describe('four eyes count every signature and every decision', () => {
  it('refuses the decision to whoever signed off an earlier report of the case', async () => {
    const made = await readyForDecision(t, staff, 'Reworked LLP');
    const url = caseUrl(made.applicationId);
    const decider = await clientFor(t, staff.decider);
    const returned = await decider.request('POST', `${url}/sign-off`, {
      body: { outcome: 'returned', note: 'The visit must be documented.' },
    });
    expect(returned.statusCode, returned.body).toBe(200);
    await issueAndRequestSignOff(made.applicationId);
    const secondSigner = await hqUser(['aeo_manager']);
    await signOff(secondSigner, made.applicationId);

    // staff.signer approved the first report only; the workspace shows the second report's signer.
    const firstSigner = await clientFor(t, staff.signer);
    expect(await allowedActions(firstSigner, url)).not.toContain('grant');
    expectFourEyes(
      await firstSigner.request('POST', `${url}/decision/grant`, { body: {} }),
      'decider_signed_off',
    );
    expectFourEyes(
      await (await clientFor(t, secondSigner)).request('POST', `${url}/decision/grant`, { body: {} }),
      'decider_signed_off',
    );
    expect((await decider.request('POST', `${url}/decision/grant`, { body: {} })).statusCode).toBe(201);
  });

  it('refuses the appeal review to the decider, the issuer of the notice, a signer and an examiner', async () => {
    const { made, url, examinerClient } = await signedOffWithRisk('Appealed Everything LLP', {
      title: 'Gate not guarded',
      impact: 5,
    });

    const noticeIssuer = await hqUser(['aeo_manager']);
    const notice = await (
      await clientFor(t, noticeIssuer)
    ).request('POST', `${url}/intended-rejection`, { body: { reasons: 'Gate not guarded.' } });
    expect(notice.statusCode, notice.body).toBe(201);
    await made.client.request('POST', `${url}/intended-rejection/reply`, { body: { reply: 'It is.' } });
    await rejectAndAppeal(t, staff, made);

    const review = { body: { outcome: 'upheld', note: 'Reviewed.' } };
    const refusedAs = [
      { client: await clientFor(t, staff.decider), rule: 'appeal_reviewer_decided' },
      { client: await clientFor(t, noticeIssuer), rule: 'appeal_reviewer_decided' },
      { client: await clientFor(t, staff.signer), rule: 'appeal_reviewer_signed_off' },
      { client: examinerClient, rule: 'appeal_reviewer_is_validator' },
    ];
    for (const { client, rule } of refusedAs) {
      expect(await allowedActions(client, url)).not.toContain('uphold');
      expectFourEyes(await client.request('POST', `${url}/appeal/review`, review), rule);
    }
    const reviewer = await clientFor(t, staff.appealReviewer);
    expect(await allowedActions(reviewer, url)).toEqual(['uphold', 'reverse', 'send_back']);
    const upheld = await reviewer.request('POST', `${url}/appeal/review`, review);
    expect(upheld.statusCode, upheld.body).toBe(200);
    expect(upheld.json().application.status).toBe('rejection_upheld');
  });
});
