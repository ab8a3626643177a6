import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { contextFor } from '../../seed/demo-applications';
import { auditActions, useTestApp, type TestClient } from '../../../../tests/support/test-app';
import { acceptedCase, clientFor, useStaff, reviewAll, rejectAndAppeal } from './validation.test-support';

const t = useTestApp();
const staff = useStaff(t);
let validator: TestClient;
let signer: TestClient;

beforeAll(async () => {
  validator = await clientFor(t, staff.validator);
  signer = await clientFor(t, staff.signer);
});

const caseUrl = (id: string) => `/api/v1/applications/${id}`;

describe('POST /api/v1/applications/:id/clock/extension', () => {
  it('moves the decision deadline later once, with an audited reason', async () => {
    const made = await acceptedCase(t, staff, 'Extended Clock LLP');
    const url = caseUrl(made.applicationId);
    const before = (await signer.request('GET', `${url}/validation`)).json().decisionDue as string;
    expect(before).toEqual(expect.any(String));

    const extended = await signer.request('POST', `${url}/clock/extension`, {
      body: { reason: 'On-site visit needs a second site.' },
    });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json().decisionDue > before).toBe(true);
    expect(await auditActions(t, 'application', made.applicationId)).toContain(
      'validation.decision_extended',
    );

    const again = await signer.request('POST', `${url}/clock/extension`, { body: { reason: 'Once more.' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toMatchObject({ reason: 'already_extended' });
  });

  it('leaves the extension to AEO managers', async () => {
    const made = await acceptedCase(t, staff, 'Hurried Clock LLP');
    const response = await validator.request('POST', `${caseUrl(made.applicationId)}/clock/extension`, {
      body: { reason: 'More time.' },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('the risk map’s entries', () => {
  async function caseWithRisk(name: string) {
    const made = await acceptedCase(t, staff, name);
    const url = caseUrl(made.applicationId);
    const risk = await validator.request('POST', `${url}/risks`, {
      body: { criterion: 'A', title: 'Gate not guarded', likelihood: 4, impact: 5 },
    });
    expect(risk.statusCode, risk.body).toBe(201);
    return { ...made, url, riskId: risk.json().id as string };
  }

  it('re-rates a risk and audits the new rating', async () => {
    const made = await caseWithRisk('Rated Risk LLP');
    const patched = await validator.request('PATCH', `${made.url}/risks/${made.riskId}`, {
      body: { likelihood: 2, controlEffectiveness: 'strong' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toEqual({
      id: made.riskId,
      likelihood: 2,
      impact: 5,
      controlEffectiveness: 'strong',
    });
    const events = await t.services.audit.listForEntity('application', made.applicationId);
    expect(events.find((event) => event.action === 'validation.risk_updated')?.summary).toMatchObject({
      riskId: made.riskId,
      likelihood: 2,
    });
  });

  it('removes a risk from the map and audits it', async () => {
    const made = await caseWithRisk('Removed Risk LLP');
    const removed = await validator.request('DELETE', `${made.url}/risks/${made.riskId}`);
    expect(removed.statusCode).toBe(204);
    const map = (await validator.request('GET', `${made.url}/risks`)).json();
    expect(JSON.stringify(map)).not.toContain(made.riskId);
    expect(await auditActions(t, 'application', made.applicationId)).toContain('validation.risk_removed');
    expect((await validator.request('DELETE', `${made.url}/risks/${made.riskId}`)).statusCode).toBe(404);
  });

  it('refuses an unknown risk, and keeps the applicant off the map', async () => {
    const made = await caseWithRisk('Guarded Risk LLP');
    expect(
      (await validator.request('PATCH', `${made.url}/risks/${randomUUID()}`, { body: { impact: 1 } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await made.client.request('PATCH', `${made.url}/risks/${made.riskId}`, { body: { impact: 1 } }))
        .statusCode,
    ).toBe(403);
    expect((await made.client.request('DELETE', `${made.url}/risks/${made.riskId}`)).statusCode).toBe(403);
  });
});

describe('the notice of intended rejection and the appeal, as read back', () => {
  it('shows the notice, then the reply, then the appeal to the applicant and to customs', async () => {
    const made = await acceptedCase(t, staff, 'Heard Appellant LLP');
    const url = caseUrl(made.applicationId);
    expect((await made.client.request('GET', `${url}/intended-rejection`)).statusCode).toBe(404);
    expect((await made.client.request('GET', `${url}/appeal`)).statusCode).toBe(404);

    await reviewAll(t, staff, made.applicationId);
    await validator.request('POST', `${url}/risks`, {
      body: { criterion: 'A', title: 'Gate not guarded', likelihood: 4, impact: 5 },
    });
    const validatorContext = contextFor(staff.validator, t.clock.now());
    await t.services.validation.reports.issue(validatorContext, made.applicationId, {
      recommendation: 'grant',
    });
    await t.services.validation.decisions.requestSignOff(validatorContext, made.applicationId);
    expect(
      (await signer.request('POST', `${url}/sign-off`, { body: { outcome: 'approved' } })).statusCode,
    ).toBe(200);
    const appealReviewer = await clientFor(t, staff.appealReviewer);
    const notice = await appealReviewer.request('POST', `${url}/intended-rejection`, {
      body: { reasons: 'Gate not guarded.' },
    });
    expect(notice.statusCode, notice.body).toBe(201);

    const read = await made.client.request('GET', `${url}/intended-rejection`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: notice.json().id, reasons: 'Gate not guarded.', reply: null });
    await made.client.request('POST', `${url}/intended-rejection/reply`, {
      body: { reply: 'It is guarded.' },
    });
    expect((await signer.request('GET', `${url}/intended-rejection`)).json()).toMatchObject({
      reply: 'It is guarded.',
      repliedAt: expect.any(String),
    });

    const lodged = await rejectAndAppeal(t, staff, made);

    const appeal = await signer.request('GET', `${url}/appeal`);
    expect(appeal.statusCode).toBe(200);
    expect(appeal.json()).toMatchObject({
      id: lodged.id,
      grounds: 'The guard was there.',
      status: lodged.status,
      reviewedAt: null,
    });
    expect((await made.client.request('GET', `${url}/appeal`)).json().id).toBe(lodged.id);
  });
});
