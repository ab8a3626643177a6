import { beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../platform/request-context';
import { factories, useTestApp, type TestClient } from '../../../../tests/support/test-app';
import { acceptedCase, clientFor, dateInDays, useStaff, readyForDecision } from './validation.test-support';

const t = useTestApp();
const staff = useStaff(t);

/** Cases of this file go to the local office (the applicant's address names its region). */
beforeAll(async () => {
  await t.services.organisations.updateOffice(systemContext(t.clock.now(), 'test'), staff.local.id, {
    regions: ['Almaty'],
  });
});

async function officer(role: 'validator' | 'aeo_manager', officeId: string) {
  const user = await factories.user(t, { roles: [role], officeId });
  return { user, client: await clientFor(t, user) };
}

async function listed(client: TestClient, url: string): Promise<string[]> {
  return (await client.request('GET', url)).json().items.map((item: { id: string }) => item.id);
}

describe('office and assignment scope', () => {
  it('lets in the case’s office, headquarters, the assigned validator and a review-split member, and lists the case for each', async () => {
    const made = await acceptedCase(t, staff, 'Scoped Case LLP');
    const url = `/api/v1/applications/${made.applicationId}`;
    const north = await factories.office(t.services, 'local');
    const assignee = await officer('validator', north.id);
    const colleague = await officer('validator', north.id);
    const reviewer = await officer('validator', (await factories.office(t.services, 'local')).id);
    const localManager = await officer('aeo_manager', staff.local.id);
    const headquarters = await clientFor(t, staff.signer);

    expect((await localManager.client.request('GET', url)).statusCode).toBe(200);
    expect((await headquarters.request('GET', url)).statusCode).toBe(200);
    expect((await assignee.client.request('GET', url)).statusCode).toBe(404);

    const assigned = await localManager.client.request('POST', `${url}/assignment`, {
      body: { validatorId: assignee.user.id },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect((await assignee.client.request('GET', `${url}/validation`)).statusCode).toBe(200);
    expect(await listed(assignee.client, '/api/v1/validation/cases?assigned=me')).toContain(
      made.applicationId,
    );
    expect(await listed(assignee.client, '/api/v1/applications')).toContain(made.applicationId);
    // Being in the assignee's office is not enough.
    expect((await colleague.client.request('GET', `${url}/validation`)).statusCode).toBe(404);
    expect(await listed(colleague.client, '/api/v1/validation/cases')).not.toContain(made.applicationId);

    const { definition } = await t.services.programme.getActive();
    const sectionId = definition.questionnaire.sections[0]!.id;
    const split = await assignee.client.request('PUT', `${url}/review-assignments`, {
      body: { assignments: [{ sectionId, reviewerId: reviewer.user.id }] },
    });
    expect(split.statusCode, split.body).toBe(200);
    expect((await reviewer.client.request('GET', `${url}/findings`)).statusCode).toBe(200);
    expect(await listed(reviewer.client, '/api/v1/validation/cases')).toContain(made.applicationId);
    await assignee.client.request('PUT', `${url}/review-assignments`, { body: { assignments: [] } });
    expect((await reviewer.client.request('GET', `${url}/findings`)).statusCode).toBe(404);
  });

  it('lets a consulted office answer from its inbox without opening the case file', async () => {
    const made = await acceptedCase(t, staff, 'Consulted Case LLP');
    const url = `/api/v1/applications/${made.applicationId}`;
    const border = await factories.office(t.services, 'local');
    const borderManager = await officer('aeo_manager', border.id);
    const stranger = await officer('aeo_manager', (await factories.office(t.services, 'local')).id);
    const validator = await clientFor(t, staff.validator);
    const sent = await validator.request('POST', `${url}/consultations`, {
      body: { officeIds: [border.id], question: 'Known to you?', dueDate: dateInDays(t, 5) },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const consultationId: string = sent.json().items[0].id;

    expect(
      (await borderManager.client.request('GET', `/api/v1/consultations/${consultationId}`)).statusCode,
    ).toBe(200);
    expect((await borderManager.client.request('GET', url)).statusCode).toBe(404);
    const strangerReply = await stranger.client.request(
      'POST',
      `${url}/consultations/${consultationId}/reply`,
      {
        body: { kind: 'no_objection' },
      },
    );
    expect(strangerReply.statusCode).toBe(404);
    expect(strangerReply.json().error.message).toBe('Consultation not found.');
    const reply = await borderManager.client.request('POST', `${url}/consultations/${consultationId}/reply`, {
      body: { kind: 'no_objection' },
    });
    expect(reply.statusCode, reply.body).toBe(200);
  });

  it('lets only managers in scope suspend a certificate, and shows the authorisation in scope only', async () => {
    const made = await readyForDecision(t, staff, 'Suspended Scope LLP');
    const granted = await (
      await clientFor(t, staff.decider)
    ).request('POST', `/api/v1/applications/${made.applicationId}/decision/grant`, { body: {} });
    expect(granted.statusCode, granted.body).toBe(201);
    const authorisationId: string = granted.json().authorisation.id;
    const url = `/api/v1/authorisations/${authorisationId}`;
    const stranger = await officer('aeo_manager', (await factories.office(t.services, 'local')).id);
    const localManager = await officer('aeo_manager', staff.local.id);
    const suspension = { action: 'suspend', reason: 'Guarding lapsed.' };

    const refused = await stranger.client.request('POST', `${url}/status`, { body: suspension });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.message).toBe('Authorisation not found.');
    expect((await stranger.client.request('GET', url)).statusCode).toBe(404);
    expect((await stranger.client.request('GET', `${url}/certificate`)).statusCode).toBe(404);
    expect(await listed(stranger.client, '/api/v1/authorisations')).not.toContain(authorisationId);

    expect(await listed(localManager.client, '/api/v1/authorisations')).toContain(authorisationId);
    const suspended = await localManager.client.request('POST', `${url}/status`, { body: suspension });
    expect(suspended.statusCode, suspended.body).toBe(200);
  });
});
