import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { systemContext } from '../../platform/request-context';
import { useTestApp, factories } from '../../../../tests/support/test-app';
import {
  acceptedCase,
  clientFor,
  dateInDays,
  useStaff,
  readyForDecision,
  reviewAll,
} from './validation.test-support';

const DAY = 86_400_000;
const t = useTestApp();
const staff = useStaff(t);

describe('desk review and decision', () => {
  it('summarises findings per criterion, proposes the tier, and grants with four eyes, creating the authorisation', async () => {
    const made = await readyForDecision(t, staff, 'Kazakh Grain LLP');
    const url = `/api/v1/applications/${made.applicationId}`;
    const signer = await clientFor(t, staff.signer);
    const decider = await clientFor(t, staff.decider);

    const workspace = (await signer.request('GET', `${url}/validation`)).json();
    expect(workspace.status).toBe('ready_for_decision');
    // The workspace offers each officer only what four eyes and their role allow: not the signer, the decider.
    expect(workspace.allowedActions).not.toContain('grant');
    const deciderView = (await decider.request('GET', `${url}/validation`)).json();
    expect(deciderView.allowedActions).toEqual(
      expect.arrayContaining(['grant', 'notify_intended_rejection']),
    );
    const validatorView = (
      await (await clientFor(t, staff.validator)).request('GET', `${url}/validation`)
    ).json();
    expect(validatorView.allowedActions).not.toContain('grant');
    expect(workspace.signOff).toMatchObject({
      nextLevel: null,
      levels: [{ number: 1, signedBy: staff.signer.id }],
    });
    expect(workspace.summary.proposal.tier).toBe('standard');
    expect(workspace.summary.criteria.every((c: { finding: string }) => c.finding === 'satisfied')).toBe(
      true,
    );
    expect(workspace.clock).toMatchObject({ isOverdue: false, decisionDue: expect.any(String) });

    const sameAsSigner = await signer.request('POST', `${url}/decision/grant`, { body: {} });
    expect(sameAsSigner.statusCode).toBe(403);
    expect(sameAsSigner.json().error.details).toMatchObject({
      reason: 'four_eyes',
      rule: 'decider_signed_off',
    });
    const validator = await clientFor(t, staff.validator);
    expect((await validator.request('POST', `${url}/decision/grant`, { body: {} })).statusCode).toBe(403);

    const override = await decider.request('POST', `${url}/decision/grant`, { body: { tier: 'nope' } });
    expect(override.statusCode).toBe(400);
    expect(override.json().error.details.fields[0].path).toBe('tier');

    const reminderKey = `application:${made.applicationId}:decision`;
    const reminder = await t.services.notifications.findReminder(reminderKey);
    expect(reminder).toMatchObject({ status: 'pending', recipient_user_ids: [staff.validator.id] });

    const granted = await decider.request('POST', `${url}/decision/grant`, {
      body: { grounds: 'All criteria met.' },
    });
    expect(granted.statusCode).toBe(201);
    expect((await t.services.notifications.findReminder(reminderKey))?.status).toBe('cancelled');
    const body = granted.json();
    expect(body.application.status).toBe('granted');
    expect(body.decision).toMatchObject({ outcome: 'granted', tier: 'standard', proposedTier: 'standard' });
    expect(body.authorisation).toMatchObject({
      operatorId: made.operator.id,
      status: 'active',
      tier: 'standard',
    });
    expect(body.authorisation.sites).toHaveLength(1);

    const mine = (await made.client.request('GET', '/api/v1/authorisations')).json().items;
    expect(mine.map((a: { id: string }) => a.id)).toEqual([body.authorisation.id]);
    expect(
      (await made.client.request('GET', `/api/v1/authorisations/${body.authorisation.id}`)).statusCode,
    ).toBe(200);
    const stranger = await acceptedCase(t, staff, 'Stranger LLP');
    expect(
      (await stranger.client.request('GET', `/api/v1/authorisations/${body.authorisation.id}`)).statusCode,
    ).toBe(404);
    expect((await stranger.client.request('GET', '/api/v1/authorisations')).json().items).toHaveLength(0);
    expect((await signer.request('GET', '/api/v1/authorisations')).json().items.length).toBeGreaterThan(0);

    const documents = (await made.client.request('GET', `${url}/documents`)).json().items;
    expect(
      documents.map((d: { kind: string; language: string }) => `${d.kind}:${d.language}`).sort(),
    ).toEqual(['acceptance:en', 'acceptance:ru', 'decision_granted:en', 'decision_granted:ru']);
    const letter = await made.client.request('GET', `${url}/documents/${documents[0].id}`);
    expect(letter.headers['content-type']).toBe('application/pdf');
    expect((await PDFDocument.load(letter.rawPayload)).getTitle()).toMatch(/AEO-|Решение/u);
    expect((await stranger.client.request('GET', `${url}/documents`)).statusCode).toBe(404);

    const inbox = (await made.client.request('GET', '/api/v1/notifications')).json().items;
    expect(inbox.map((n: { event: string }) => n.event)).toContain('decision.granted');
    const timeline = (await made.client.request('GET', `${url}/timeline`)).json().items;
    expect(timeline.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining([
        'application.start_review',
        'application.issue_report',
        'application.sign_off',
        'application.grant',
      ]),
    );
  });

  it('refuses the validator of the case as decider even when a manager', async () => {
    const both = await factories.user(t, {
      roles: ['validator', 'aeo_manager'],
      officeId: staff.headquarters.id,
    });
    const made = await readyForDecision(t, { ...staff, validator: both }, 'Double Role LLP');
    const response = await (
      await clientFor(t, both)
    ).request('POST', `/api/v1/applications/${made.applicationId}/decision/grant`, { body: {} });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.details.rule).toBe('decider_is_validator');
  });

  it('answers a grant from a wrong state with 409', async () => {
    const made = await acceptedCase(t, staff, 'Too Early LLP');
    const decider = await clientFor(t, staff.decider);
    const response = await decider.request(
      'POST',
      `/api/v1/applications/${made.applicationId}/decision/grant`,
      { body: {} },
    );
    expect(response.statusCode).toBe(409);
    expect(response.json().error.details).toMatchObject({ reason: 'wrong_state', status: 'accepted' });
  });

  it('refuses the validator as signer of its own report', async () => {
    const both = await factories.user(t, {
      roles: ['validator', 'aeo_manager'],
      officeId: staff.headquarters.id,
    });
    const team = { ...staff, validator: both };
    const made = await acceptedCase(t, team, 'Self Sign LLP');
    await reviewAll(t, team, made.applicationId);
    const client = await clientFor(t, both);
    const url = `/api/v1/applications/${made.applicationId}`;
    expect(
      (await client.request('POST', `${url}/report`, { body: { recommendation: 'grant' } })).statusCode,
    ).toBe(201);
    expect((await client.request('POST', `${url}/sign-off/request`)).statusCode).toBe(200);
    const signed = await client.request('POST', `${url}/sign-off`, { body: { outcome: 'approved' } });
    expect(signed.statusCode).toBe(403);
    expect(signed.json().error.details.rule).toBe('signer_is_validator');
  });
});

describe('right to be heard, rejection and appeal', () => {
  async function rejectedCase(name: string) {
    const made = await readyForDecision(t, staff, name);
    const url = `/api/v1/applications/${made.applicationId}`;
    const decider = await clientFor(t, staff.decider);
    const notice = await decider.request('POST', `${url}/intended-rejection`, {
      body: { reasons: 'Security of premises not shown.' },
    });
    expect(notice.statusCode).toBe(201);
    const early = await decider.request('POST', `${url}/decision/rejection`, {
      body: { grounds: 'Security of premises not shown.', rulesReliedOn: ['SAFE condition I'] },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details.reason).toBe('hearing_period_running');
    expect(
      (
        await made.client.request('POST', `${url}/intended-rejection/reply`, {
          body: { reply: 'We disagree: see the guard contract.' },
        })
      ).statusCode,
    ).toBe(200);
    const rejected = await decider.request('POST', `${url}/decision/rejection`, {
      body: {
        grounds: 'Security of premises not shown.',
        rulesReliedOn: ['SAFE condition I', 'TFA Art. 7.7'],
      },
    });
    expect(rejected.statusCode).toBe(201);
    expect(rejected.json().decision).toMatchObject({ outcome: 'rejected', appealDue: expect.any(String) });
    return { ...made, url, appealDue: rejected.json().decision.appealDue as string };
  }

  it('refuses an appeal out of time', async () => {
    const made = await rejectedCase('Late Appeal LLP');
    const days = Math.round((Date.parse(made.appealDue) - Date.parse(dateInDays(t, 0))) / DAY) + 1;
    t.clock.advance(days * DAY);
    try {
      const operator = await clientFor(t, made.owner);
      const late = await operator.request('POST', `${made.url}/appeal`, {
        body: { grounds: 'Wrong', body: 'Text' },
      });
      expect(late.statusCode).toBe(409);
      expect(late.json().error).toMatchObject({
        code: 'conflict',
        details: { reason: 'appeal_out_of_time', appealDue: made.appealDue },
      });
    } finally {
      t.clock.advance(-days * DAY);
    }
  });

  it('restores the case for a new examination on a successful appeal, and grants on a reversal', async () => {
    const made = await rejectedCase('Appealing LLP');
    const documents = (await made.client.request('GET', `${made.url}/documents`)).json().items;
    expect(documents.map((d: { kind: string }) => d.kind)).toEqual(
      expect.arrayContaining(['intended_rejection', 'decision_rejected']),
    );
    const lodged = await made.client.request('POST', `${made.url}/appeal`, {
      body: { grounds: 'The guard contract was ignored.', body: 'Annex 2 proves 24/7 guarding.' },
    });
    expect(lodged.statusCode).toBe(201);
    const localManager = await factories.user(t, {
      roles: ['aeo_manager'],
      officeId: staff.local.id,
    });
    const notHq = await (
      await clientFor(t, localManager)
    ).request('POST', `${made.url}/appeal/review`, {
      body: { outcome: 'sent_back', note: 'x' },
    });
    // The case is handled at headquarters: another office's manager does not reach it at all (office scope).
    expect(notHq.statusCode).toBe(404);
    const sameDecider = await (
      await clientFor(t, staff.decider)
    ).request('POST', `${made.url}/appeal/review`, {
      body: { outcome: 'sent_back', note: 'x' },
    });
    expect(sameDecider.statusCode).toBe(403);
    expect(sameDecider.json().error.details.rule).toBe('appeal_reviewer_decided');
    const reviewer = await clientFor(t, staff.appealReviewer);
    const sentBack = await reviewer.request('POST', `${made.url}/appeal/review`, {
      body: { outcome: 'sent_back', note: 'The guard contract must be examined.' },
    });
    expect(sentBack.statusCode).toBe(200);
    expect(sentBack.json()).toMatchObject({
      application: { status: 'desk_review', closedAt: null },
      appeal: { status: 'sent_back' },
    });

    const second = await rejectedCase('Reversed LLP');
    await second.client.request('POST', `${second.url}/appeal`, { body: { grounds: 'Wrong', body: 'Text' } });
    const reversed = await reviewer.request('POST', `${second.url}/appeal/review`, {
      body: { outcome: 'reversed', note: 'The security criterion is met.' },
    });
    expect(reversed.statusCode).toBe(200);
    expect(reversed.json().application.status).toBe('granted');
    const decision = (await second.client.request('GET', `${second.url}/decision`)).json();
    expect(decision.decision).toMatchObject({ outcome: 'granted', onAppeal: true });
    expect(decision.authorisation).toMatchObject({ id: reversed.json().authorisationId, status: 'active' });
  });

  it('leaves appeal review to headquarters: a manager of the case’s own office gets 403, of another office 404', async () => {
    // This case goes to the local office (the applicant's address names its region).
    const asTest = systemContext(t.clock.now(), 'test');
    await t.services.organisations.updateOffice(asTest, staff.local.id, { regions: ['Almaty'] });
    const made = await rejectedCase('Local Appeal LLP').finally(() =>
      t.services.organisations.updateOffice(asTest, staff.local.id, { regions: [] }),
    );
    expect((await t.services.applications.findRow(made.applicationId))?.office_id).toBe(staff.local.id);
    const lodged = await made.client.request('POST', `${made.url}/appeal`, {
      body: { grounds: 'Wrong', body: 'Text' },
    });
    expect(lodged.statusCode).toBe(201);
    const review = async (officeId: string) => {
      const manager = await factories.user(t, { roles: ['aeo_manager'], officeId });
      return (await clientFor(t, manager)).request('POST', `${made.url}/appeal/review`, {
        body: { outcome: 'sent_back', note: 'x' },
      });
    };

    const ownOffice = await review(staff.local.id);
    expect(ownOffice.statusCode).toBe(403);
    expect(ownOffice.json().error.message).toBe('Appeals are reviewed by an AEO manager at headquarters.');
    const otherOffice = await review((await factories.office(t.services, 'local')).id);
    expect(otherOffice.statusCode).toBe(404);
    expect((await review(staff.headquarters.id)).statusCode).toBe(200);
  });
});
