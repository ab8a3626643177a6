import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_PASSWORD,
  TestClient,
  createTestApp,
  useTestApp,
  factories,
  signIn,
} from '../../../../tests/support/test-app';
import { signInAs } from '../accounts/accounts.test-support';

const t = useTestApp();
let headquartersId: string;

beforeAll(async () => {
  headquartersId = (await factories.office(t.services, 'headquarters')).id;
});

let counter = 0;
async function registerSme(name = 'Aral Foods LLP') {
  counter += 1;
  const email = `owner${counter}.${Date.now()}@aral.test`;
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/operators',
    payload: {
      legalName: name,
      taxpayerId: `KZ${Date.now()}${counter}`,
      country: 'KZ',
      address: '3 Tole Bi Street, Almaty',
      roles: ['importer'],
      employees: 35,
      annualTurnover: 2_000_000,
      user: { name: 'Owner', email, password: TEST_PASSWORD },
    },
  });
  expect(response.statusCode).toBe(202);
  // The account exists once the link e-mailed to the address is opened.
  const mail = (await t.services.notifications.listOutbox()).find((item) => item.to === email);
  const token = /\/register\/confirm\/([\w-]+)/.exec(mail?.body ?? '')?.[1];
  const confirmed = await t.app.inject({ method: 'POST', url: `/api/v1/registrations/${token}/confirm` });
  expect(confirmed.statusCode).toBe(201);
  return { body: confirmed.json(), client: await signIn(t.app, email) };
}

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

/** A 1×1 PNG: the content, not the name, gives the type. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c40000000049454e44ae426082',
  'hex',
);

function multipart(fileName: string, content: Buffer, type = 'application/pdf') {
  const boundary = `----openaeo${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('programme', () => {
  it('publishes the active programme without an account, with types, criteria and the questionnaire', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/programme' });
    expect(response.statusCode).toBe(200);
    const programme = response.json();
    expect(programme.id).toBe('wco-safe');
    expect(programme.types.length).toBeGreaterThan(0);
    expect(programme.criteria.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining(['tfa.compliance_record']),
    );
    const questions = programme.questionnaire.sections.flatMap((s: { questions: unknown[] }) => s.questions);
    expect(questions.length).toBeGreaterThanOrEqual(80);
    const pinned = await t.app.inject({
      method: 'GET',
      url: `/api/v1/programme/versions/${programme.versionId}`,
    });
    expect(pinned.json().versionId).toBe(programme.versionId);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/programme/versions/${randomUUID()}` })).statusCode,
    ).toBe(404);
    const sme = (await t.app.inject({ method: 'GET', url: '/api/v1/programme?variant=sme' })).json();
    expect(
      sme.questionnaire.sections.flatMap((s: { questions: unknown[] }) => s.questions).length,
    ).toBeLessThan(questions.length);
  });
});

describe('registration to acceptance', () => {
  it('registers, applies, answers, is refused an incomplete submission, submits and is accepted', async () => {
    const { body, client } = await registerSme();
    expect(body.operator.isSme).toBe(true);
    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/operators',
      payload: {
        legalName: 'Copy',
        taxpayerId: body.operator.taxpayerId,
        country: 'kz',
        address: 'Somewhere 1',
        roles: ['importer'],
        employees: 1,
        annualTurnover: 1,
        user: { name: 'X', email: 'copy@aral.test', password: TEST_PASSWORD },
      },
    });
    expect(duplicate.statusCode).toBe(409);

    const type = (await t.app.inject({ method: 'GET', url: '/api/v1/programme' })).json().types[0].id;
    const created = await client.request('POST', '/api/v1/applications', {
      body: { authorisationType: type },
    });
    expect(created.statusCode).toBe(201);
    const application = created.json();
    expect(application).toMatchObject({ status: 'draft', variant: 'sme' });
    const second = await client.request('POST', '/api/v1/applications', {
      body: { authorisationType: type },
    });
    expect(second.statusCode).toBe(409);

    const customsBeforeSubmission = await signInAs(t, { roles: ['validator'], officeId: headquartersId });
    expect(
      (await customsBeforeSubmission.request('GET', `/api/v1/applications/${application.id}`)).statusCode,
    ).toBe(404);

    const incomplete = await client.request('POST', `/api/v1/applications/${application.id}/submit`);
    expect(incomplete.statusCode).toBe(422);
    const missing: string[] = incomplete.json().error.details.missing;
    expect(missing.length).toBeGreaterThan(0);

    const upload = await client.request(
      'POST',
      `/api/v1/applications/${application.id}/evidence`,
      multipart('policy.pdf', PDF),
    );
    expect(upload.statusCode).toBe(201);
    expect(upload.json().checksum).toMatch(/^[a-f0-9]{64}$/);

    for (const questionId of missing) {
      const saved = await client.request(
        'PUT',
        `/api/v1/applications/${application.id}/answers/${questionId}`,
        {
          body: {
            notApplicable: true,
            explanation: 'Not relevant to our activity; described in the cover letter.',
          },
        },
      );
      expect(saved.statusCode).toBe(200);
    }
    const submitted = await client.request('POST', `/api/v1/applications/${application.id}/submit`);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', acceptanceDue: expect.any(String) });
    const locked = await client.request(
      'PUT',
      `/api/v1/applications/${application.id}/answers/${missing[0]}`,
      {
        body: { notApplicable: true, explanation: 'Changed my mind.' },
      },
    );
    expect(locked.statusCode).toBe(409);

    const elsewhere = await signInAs(t, { roles: ['validator'] });
    expect(
      (await elsewhere.request('GET', '/api/v1/applications?status=submitted')).json().items,
    ).toHaveLength(0);
    const validator = await signInAs(t, { roles: ['validator'], officeId: headquartersId });
    const queue = (await validator.request('GET', '/api/v1/applications?status=submitted')).json();
    expect(queue.items.map((item: { id: string }) => item.id)).toContain(application.id);
    const noReason = await validator.request('POST', `/api/v1/applications/${application.id}/acceptance`, {
      body: { outcome: 'not_accepted' },
    });
    expect(noReason.statusCode).toBe(400);
    const accepted = await validator.request('POST', `/api/v1/applications/${application.id}/acceptance`, {
      body: { outcome: 'accepted' },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', decisionDue: expect.any(String) });
    const again = await validator.request('POST', `/api/v1/applications/${application.id}/acceptance`, {
      body: { outcome: 'accepted' },
    });
    expect(again.statusCode).toBe(409);

    const seen = (await client.request('GET', `/api/v1/applications/${application.id}`)).json();
    expect(seen.status).toBe('accepted');
    const inbox = (await client.request('GET', '/api/v1/notifications')).json();
    expect(inbox.items.map((item: { event: string }) => item.event)).toContain('application.accepted');
    const operatorCannotAccept = await client.request(
      'POST',
      `/api/v1/applications/${application.id}/acceptance`,
      {
        body: { outcome: 'accepted' },
      },
    );
    expect(operatorCannotAccept.statusCode).toBe(403);
  });

  it('pauses for a request for information and resumes on the reply', async () => {
    const { client } = await registerSme('Caspian Parts LLP');
    const type = (await t.app.inject({ method: 'GET', url: '/api/v1/programme' })).json().types[0].id;
    const application = (
      await client.request('POST', '/api/v1/applications', { body: { authorisationType: type } })
    ).json();
    const missing: string[] = (
      await client.request('POST', `/api/v1/applications/${application.id}/submit`)
    ).json().error.details.missing;
    for (const questionId of missing) {
      await client.request('PUT', `/api/v1/applications/${application.id}/answers/${questionId}`, {
        body: {
          alreadyProvided: true,
          reference: 'Customs file 2024/17',
          explanation: 'Sent with our 2024 guarantee request.',
        },
      });
    }
    expect((await client.request('POST', `/api/v1/applications/${application.id}/submit`)).statusCode).toBe(
      200,
    );
    await factories.user(t, { roles: ['validator'], officeId: headquartersId });
    const manager = await signInAs(t, { roles: ['aeo_manager'], officeId: headquartersId });
    const requested = await manager.request('POST', `/api/v1/applications/${application.id}/acceptance`, {
      body: { outcome: 'information_requested', reason: 'Send the 2025 audited accounts.' },
    });
    expect(requested.json()).toMatchObject({
      status: 'information_requested',
      informationDue: expect.any(String),
    });
    const validators = (await manager.request('GET', '/api/v1/validators')).json().items;
    expect(validators.length).toBeGreaterThan(0);
    const assigned = await manager.request('POST', `/api/v1/applications/${application.id}/assignment`, {
      body: { validatorId: validators[0].id },
    });
    expect(assigned.json().assignedValidatorId).toBe(validators[0].id);
    const notAValidator = await manager.request('POST', `/api/v1/applications/${application.id}/assignment`, {
      body: { validatorId: randomUUID() },
    });
    expect(notAValidator.statusCode).toBe(400);
    expect((await client.request('GET', '/api/v1/validators')).statusCode).toBe(403);
    const replied = await client.request('POST', `/api/v1/applications/${application.id}/reply`, {
      body: { body: 'Attached to the case as evidence.' },
    });
    expect(replied.json()).toMatchObject({ status: 'submitted', pausedSince: null });
    const messages = (await client.request('GET', `/api/v1/applications/${application.id}`)).json().messages;
    expect(messages.map((m: { kind: string }) => m.kind)).toEqual(['information_request', 'reply']);
  });
});

describe('the actions a caller may take on a case', () => {
  it('answers the applicant and an officer the lifecycle actions each may take now', async () => {
    const { client } = await registerSme('Irtysh Trading LLP');
    const type = (await t.app.inject({ method: 'GET', url: '/api/v1/programme' })).json().types[0].id;
    const application = (
      await client.request('POST', '/api/v1/applications', { body: { authorisationType: type } })
    ).json();
    const url = `/api/v1/applications/${application.id}`;
    const actionsOf = async (caller: TestClient) => (await caller.request('GET', url)).json().allowedActions;
    expect(await actionsOf(client)).toEqual(['submit', 'withdraw']);

    const missing: string[] = (await client.request('POST', `${url}/submit`)).json().error.details.missing;
    for (const questionId of missing) {
      await client.request('PUT', `${url}/answers/${questionId}`, {
        body: { notApplicable: true, explanation: 'Not relevant to our activity.' },
      });
    }
    expect((await client.request('POST', `${url}/submit`)).statusCode).toBe(200);
    const officer = await signInAs(t, { roles: ['aeo_manager'], officeId: headquartersId });
    expect(await actionsOf(client)).toEqual(['withdraw']);
    expect(await actionsOf(officer)).toEqual(['accept', 'request_information', 'not_accept']);

    await officer.request('POST', `${url}/acceptance`, {
      body: { outcome: 'information_requested', reason: 'Send the 2025 audited accounts.' },
    });
    expect(await actionsOf(client)).toEqual(['reply', 'withdraw']);
    // The case may expire only once the reply is overdue.
    expect(await actionsOf(officer)).toEqual([]);
  });
});

describe('answers and evidence', () => {
  it('refuses bad answers with the field named, and detects a conflicting save', async () => {
    const { client } = await registerSme('Ili River Trade LLP');
    const programme = (await t.app.inject({ method: 'GET', url: '/api/v1/programme?variant=sme' })).json();
    const questions = programme.questionnaire.sections.flatMap(
      (s: { questions: { id: string; type: string }[] }) => s.questions,
    );
    const yesNo = questions.find((q: { type: string }) => q.type === 'yes_no');
    const application = (
      await client.request('POST', '/api/v1/applications', {
        body: { authorisationType: programme.types[0].id },
      })
    ).json();
    const url = `/api/v1/applications/${application.id}/answers`;

    const wrongType = await client.request('PUT', `${url}/${yesNo.id}`, { body: { value: 'perhaps' } });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.details.fields[0].path).toBe('value');
    const noExplanation = await client.request('PUT', `${url}/${yesNo.id}`, {
      body: { notApplicable: true },
    });
    expect(noExplanation.statusCode).toBe(400);
    expect(noExplanation.json().error.details.fields[0].path).toBe('explanation');
    const unknown = await client.request('PUT', `${url}/no.such.question`, { body: { value: true } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields[0].path).toBe('questionId');

    const first = await client.request('PUT', `${url}/${yesNo.id}`, { body: { value: true } });
    expect(first.json().version).toBe(1);
    const tabA = await client.request('PUT', `${url}/${yesNo.id}`, {
      body: { value: false },
      headers: { 'if-match': '"1"' },
    });
    expect(tabA.statusCode).toBe(200);
    const tabB = await client.request('PUT', `${url}/${yesNo.id}`, {
      body: { value: true },
      headers: { 'if-match': '"1"' },
    });
    expect(tabB.statusCode).toBe(409);
    const simple = await client.request('PUT', `${url}/${yesNo.id}`, { body: { value: true } });
    expect(simple.json().version).toBe(3);
  });

  it('refuses an executable named .pdf and an oversized upload', async () => {
    const small = await createTestApp({ UPLOAD_LIMIT_BYTES: '4096' });
    try {
      await factories.office(small.services, 'headquarters');
      const operator = await factories.operator(small);
      const user = await factories.user(small, { roles: ['operator'], operatorId: operator.id });
      const client = await signIn(small.app, user.email);
      const type = (await small.app.inject({ method: 'GET', url: '/api/v1/programme' })).json().types[0].id;
      const application = (
        await client.request('POST', '/api/v1/applications', { body: { authorisationType: type } })
      ).json();
      const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200)]);
      const disguised = await client.request(
        'POST',
        `/api/v1/applications/${application.id}/evidence`,
        multipart('report.pdf', elf),
      );
      expect(disguised.statusCode).toBe(400);
      expect(disguised.json().error.details.fields[0]).toEqual({
        path: 'file',
        message: 'Upload a PDF, PNG or JPEG document (the content, not the name, decides).',
      });
      // A PNG named .pdf is evidence: its content decides, and the stored type says so; a path keeps its last part.
      const png = await client.request(
        'POST',
        `/api/v1/applications/${application.id}/evidence`,
        multipart('C:\\scans/site plan.pdf', PNG, 'application/pdf'),
      );
      expect(png.statusCode, png.body).toBe(201);
      expect(png.json()).toMatchObject({ fileName: 'site plan.pdf', mediaType: 'image/png' });
      const big = Buffer.concat([PDF, Buffer.alloc(10_000)]);
      const oversized = await client.request(
        'POST',
        `/api/v1/applications/${application.id}/evidence`,
        multipart('big.pdf', big),
      );
      expect(oversized.statusCode).toBe(413);
      expect(oversized.json().error.details.fields[0].path).toBe('file');
    } finally {
      await small.close();
    }
  });

  it("answers another operator's application with 404", async () => {
    const a = await registerSme('Tobol Grain LLP');
    const b = await registerSme('Ishim Metals LLP');
    const type = (await t.app.inject({ method: 'GET', url: '/api/v1/programme' })).json().types[0].id;
    const application = (
      await a.client.request('POST', '/api/v1/applications', { body: { authorisationType: type } })
    ).json();
    const other = await b.client.request('GET', `/api/v1/applications/${application.id}`);
    const missing = await b.client.request('GET', `/api/v1/applications/${randomUUID()}`);
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual(missing.json());
    expect((await b.client.request('GET', '/api/v1/applications')).json().items).toHaveLength(0);
    const anonymous = await new TestClient(t.app).request('GET', `/api/v1/applications/${application.id}`);
    expect(anonymous.statusCode).toBe(401);
  });
});
