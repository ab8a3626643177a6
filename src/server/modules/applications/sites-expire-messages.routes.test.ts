import { beforeAll, describe, expect, it } from 'vitest';
import {
  auditActions,
  useTestApp,
  factories,
  signIn,
  type TestClient,
} from '../../../../tests/support/test-app';
import { contextFor } from '../../seed/demo-applications';
import { answeredDraft, useStaff } from '../validation/validation.test-support';

const DAY_MS = 86_400_000;

const t = useTestApp();
const staff = useStaff(t);
let signerClient: TestClient;

beforeAll(async () => {
  signerClient = await signIn(t.app, staff.signer.email);
});

/** A draft with a head office and an extra branch, its owner signed in. */
async function draftWithBranch(name: string) {
  const { operator, owner, applicationId } = await answeredDraft(t, name);
  const branch = await t.services.applications.addSite(contextFor(owner, t.clock.now()), applicationId, {
    kind: 'branch',
    name: 'Warehouse',
    address: '9 Depot Road, Almaty',
  });
  return {
    operator,
    owner,
    applicationId,
    branchId: branch.id,
    client: await signIn(t.app, owner.email),
  };
}

/** Submitted, then sent back by customs with a request for information. */
async function awaitingInformation(name: string) {
  const made = await draftWithBranch(name);
  await t.services.applications.submit(contextFor(made.owner, t.clock.now()), made.applicationId);
  const requested = await signerClient.request(
    'POST',
    `/api/v1/applications/${made.applicationId}/acceptance`,
    {
      body: { outcome: 'information_requested', reason: 'Send the 2025 audited accounts.' },
    },
  );
  expect(requested.statusCode, requested.body).toBe(200);
  return made;
}

describe('DELETE /api/v1/applications/:id/sites/:siteId', () => {
  it('removes a site from a draft and audits it', async () => {
    const made = await draftWithBranch('Depot Traders LLP');
    const url = `/api/v1/applications/${made.applicationId}`;
    const removed = await made.client.request('DELETE', `${url}/sites/${made.branchId}`);
    expect(removed.statusCode).toBe(204);
    const sites = (await made.client.request('GET', url)).json().sites as { id: string; name: string }[];
    expect(sites.map((site) => site.name)).toEqual(['Head office']);
    expect(await auditActions(t, 'application', made.applicationId)).toContain('application.site_removed');
    expect((await made.client.request('DELETE', `${url}/sites/${made.branchId}`)).statusCode).toBe(404);
  });

  it('refuses to remove a site once the application is submitted', async () => {
    const made = await draftWithBranch('Late Changes LLP');
    await t.services.applications.submit(contextFor(made.owner, t.clock.now()), made.applicationId);
    const url = `/api/v1/applications/${made.applicationId}`;
    expect((await made.client.request('DELETE', `${url}/sites/${made.branchId}`)).statusCode).toBe(409);
    expect((await made.client.request('GET', url)).json().sites).toHaveLength(2);
  });
});

describe('POST /api/v1/applications/:id/withdraw', () => {
  it('closes a submitted application at the applicant’s request, with the reason audited, once only', async () => {
    const made = await draftWithBranch('Second Thoughts LLP');
    await t.services.applications.submit(contextFor(made.owner, t.clock.now()), made.applicationId);
    const url = `/api/v1/applications/${made.applicationId}`;
    const withdrawn = await made.client.request('POST', `${url}/withdraw`, {
      body: { reason: 'We restructure first.' },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ id: made.applicationId, status: 'withdrawn' });
    expect((await signerClient.request('GET', url)).json().status).toBe('withdrawn');
    const events = await t.services.audit.listForEntity('application', made.applicationId);
    expect(events.find((event) => event.action === 'application.withdraw')?.summary).toMatchObject({
      reason: 'We restructure first.',
    });
    expect((await made.client.request('POST', `${url}/withdraw`, { body: {} })).statusCode).toBe(409);
  });

  it('leaves withdrawal to operator users with the right to submit', async () => {
    const made = await draftWithBranch('Junior Clerk LLP');
    const preparer = await factories.user(t, {
      roles: ['operator'],
      operatorId: made.operator.id,
      operatorRights: ['view', 'prepare'],
    });
    const url = `/api/v1/applications/${made.applicationId}`;
    const refused = await (
      await signIn(t.app, preparer.email)
    ).request('POST', `${url}/withdraw`, { body: {} });
    expect(refused.statusCode).toBe(403);
    expect((await made.client.request('GET', url)).json().status).toBe('draft');
  });
});

describe('POST /api/v1/applications/:id/expire', () => {
  it('refuses to expire a case before the reply is due, and leaves it open', async () => {
    const made = await awaitingInformation('Patient Traders LLP');
    const early = await signerClient.request('POST', `/api/v1/applications/${made.applicationId}/expire`);
    expect(early.statusCode).toBe(409);
    expect(
      (await made.client.request('GET', `/api/v1/applications/${made.applicationId}`)).json().status,
    ).toBe('information_requested');
  });

  it('closes an unanswered request once the reply is overdue, and tells the applicant', async () => {
    const made = await awaitingInformation('Silent Traders LLP');
    const url = `/api/v1/applications/${made.applicationId}/expire`;
    expect((await made.client.request('POST', url)).statusCode).toBe(403);
    const saved = t.clock.now();
    try {
      t.clock.advance(120 * DAY_MS);
      // Sessions lapse over four months: sign in again on the later day.
      const expired = await (await signIn(t.app, staff.signer.email)).request('POST', url);
      expect(expired.statusCode, expired.body).toBe(200);
      expect(expired.json()).toMatchObject({ id: made.applicationId, status: 'expired' });
      expect(await auditActions(t, 'application', made.applicationId)).toContain('application.expire');
      const owner = await signIn(t.app, made.owner.email);
      const inbox = (await owner.request('GET', '/api/v1/notifications')).json().items as { event: string }[];
      expect(inbox.map((item) => item.event)).toContain('application.expired');
    } finally {
      t.clock.set(saved);
    }
  });
});

describe('POST /api/v1/applications/:id/messages', () => {
  it('threads the applicant’s and customs’ messages on the case, and notifies the applicant of customs’ one', async () => {
    const made = await awaitingInformation('Chatty Traders LLP');
    const url = `/api/v1/applications/${made.applicationId}`;
    const fromApplicant = await made.client.request('POST', `${url}/messages`, {
      body: { body: 'Which year do you need?' },
    });
    expect(fromApplicant.statusCode).toBe(201);
    expect(fromApplicant.json()).toEqual({ id: expect.any(String), createdAt: expect.any(String) });
    const fromCustoms = await signerClient.request('POST', `${url}/messages`, {
      body: { body: 'The year 2025.' },
    });
    expect(fromCustoms.statusCode).toBe(201);

    const messages = (await made.client.request('GET', url)).json().messages as {
      side: string;
      kind: string;
      body: string;
    }[];
    expect(messages.filter((m) => m.kind === 'message')).toEqual([
      expect.objectContaining({ side: 'operator', body: 'Which year do you need?' }),
      expect.objectContaining({ side: 'customs', body: 'The year 2025.' }),
    ]);
    expect(
      (await auditActions(t, 'application', made.applicationId)).filter(
        (a) => a === 'application.message_posted',
      ),
    ).toHaveLength(2);
    const inbox = (await made.client.request('GET', '/api/v1/notifications')).json().items as {
      event: string;
    }[];
    expect(inbox.map((item) => item.event)).toContain('application.message');
  });

  it('refuses a message from an operator user who may only view the case', async () => {
    const made = await awaitingInformation('Quiet Traders LLP');
    const viewer = await factories.user(t, {
      roles: ['operator'],
      operatorId: made.operator.id,
      operatorRights: ['view'],
    });
    const viewerClient = await signIn(t.app, viewer.email);
    const response = await viewerClient.request(
      'POST',
      `/api/v1/applications/${made.applicationId}/messages`,
      {
        body: { body: 'Hello' },
      },
    );
    expect(response.statusCode).toBe(403);
  });
});
