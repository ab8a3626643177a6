import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../tests/support/test-app';
import { computeDeadline } from '../../../programme-core';
import { acceptedCase, clientFor, dateInDays, useStaff, readyForDecision } from './validation.test-support';

const DAY = 86_400_000;
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const t = useTestApp();
const staff = useStaff(t);

function multipart(fileName: string, content: Buffer) {
  const boundary = `----openaeo${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function programme() {
  const { definition } = await t.services.programme.getActive();
  return {
    definition,
    calendar: await t.services.applications.calendar(definition),
    questionIds: definition.questionnaire.sections.flatMap((section) => section.questions.map((q) => q.id)),
  };
}

/** Moves the test clock for the duration of `run`, then back. */
async function later(days: number, run: () => Promise<void>) {
  t.clock.advance(days * DAY);
  try {
    await run();
  } finally {
    t.clock.advance(-days * DAY);
  }
}

describe('requests for information during the examination', () => {
  it('pauses the decision clock while information is requested and moves the decision date by the paused days', async () => {
    const { calendar, questionIds } = await programme();
    const made = await acceptedCase(t, staff, 'Curious Customs LLP');
    const url = `/api/v1/applications/${made.applicationId}`;
    const validator = await clientFor(t, staff.validator);
    expect((await validator.request('POST', `${url}/validation/start`)).statusCode).toBe(200);
    const before = (await validator.request('GET', `${url}/validation`)).json();
    expect(before).toMatchObject({ status: 'desk_review', clock: { isPaused: false } });
    const decisionDue: string = before.clock.decisionDue;

    const asked = await validator.request('POST', `${url}/information-requests`, {
      body: { message: 'Send the 2025 audited accounts.', questionIds: [questionIds[0]] },
    });
    expect(asked.statusCode).toBe(201);
    const created = asked.json();
    expect(created).toMatchObject({
      status: 'open',
      dueDate: computeDeadline(dateInDays(t, 0), 30, calendar),
      questions: [{ id: questionIds[0], title: { en: expect.any(String) } }],
      replyText: null,
      evidence: [],
    });
    const paused = (await validator.request('GET', `${url}/validation`)).json();
    expect(paused).toMatchObject({
      status: 'desk_review',
      clock: { isPaused: true, pausedSince: dateInDays(t, 0) },
    });

    const second = await validator.request('POST', `${url}/information-requests`, {
      body: { message: 'And the tax clearance.' },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.details).toMatchObject({
      reason: 'information_request_open',
      requestId: created.id,
    });

    const documents = (await made.client.request('GET', `${url}/documents`)).json().items;
    expect(
      documents.map((d: { kind: string; language: string }) => `${d.kind}:${d.language}`).sort(),
    ).toEqual(['acceptance:en', 'acceptance:ru', 'information_request:en', 'information_request:ru']);
    const inbox = (await made.client.request('GET', '/api/v1/notifications')).json().items;
    expect(inbox.map((n: { event: string }) => n.event)).toContain('validation.information_requested');
    const reminderKey = `examination-request:${created.id}`;
    expect(await t.services.notifications.findReminder(reminderKey)).toMatchObject({
      status: 'pending',
      recipient_user_ids: [made.owner.id],
    });
    const listed = (await made.client.request('GET', `${url}/information-requests`)).json().items;
    expect(listed).toEqual([expect.objectContaining({ id: created.id, status: 'open' })]);

    await later(5, async () => {
      const operator = await clientFor(t, made.owner);
      const validator = await clientFor(t, staff.validator);
      const upload = await operator.request(
        'POST',
        `${url}/information-requests/${created.id}/evidence`,
        multipart('accounts-2025.pdf', PDF),
      );
      expect(upload.statusCode).toBe(201);
      const evidenceId: string = upload.json().id;

      const unknownEvidence = await operator.request(
        'POST',
        `${url}/information-requests/${created.id}/reply`,
        {
          body: { text: 'Attached.', evidenceIds: [randomUUID()] },
        },
      );
      expect(unknownEvidence.statusCode).toBe(400);
      expect(unknownEvidence.json().error.details.fields[0].path).toBe('evidenceIds[0]');

      const replied = await operator.request('POST', `${url}/information-requests/${created.id}/reply`, {
        body: { text: 'The audited accounts are attached.', evidenceIds: [evidenceId] },
      });
      expect(replied.statusCode).toBe(200);
      expect(replied.json()).toMatchObject({
        status: 'answered',
        replyText: 'The audited accounts are attached.',
        evidence: [{ id: evidenceId, fileName: 'accounts-2025.pdf' }],
        repliedAt: expect.any(String),
      });

      const resumed = (await validator.request('GET', `${url}/validation`)).json();
      expect(resumed.clock).toMatchObject({
        isPaused: false,
        pausedDays: 5,
        decisionDue: computeDeadline(decisionDue, 5, calendar),
      });
      expect((await t.services.notifications.findReminder(reminderKey))?.status).toBe('cancelled');
      const validatorInbox = (await validator.request('GET', '/api/v1/notifications')).json().items;
      expect(validatorInbox.map((n: { event: string }) => n.event)).toContain(
        'validation.information_received',
      );

      const again = await operator.request('POST', `${url}/information-requests/${created.id}/reply`, {
        body: { text: 'Once more.' },
      });
      expect(again.statusCode).toBe(409);
      const closedUpload = await operator.request(
        'POST',
        `${url}/information-requests/${created.id}/evidence`,
        multipart('late.pdf', PDF),
      );
      expect(closedUpload.statusCode).toBe(409);
    });

    const events = await t.services.audit.listForEntity('application', made.applicationId);
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'validation.information_requested',
        'application.evidence_uploaded',
        'validation.information_replied',
      ]),
    );
  });

  it('refuses unknown questions, a reply date not after today, and cases outside the examination', async () => {
    const made = await acceptedCase(t, staff, 'Precise Questions LLP');
    const url = `/api/v1/applications/${made.applicationId}`;
    const validator = await clientFor(t, staff.validator);
    const { questionIds } = await programme();

    const unknown = await validator.request('POST', `${url}/information-requests`, {
      body: { message: 'Explain.', questionIds: [questionIds[0], 'no.such.question'] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      'questionIds[1]',
    ]);

    const today = await validator.request('POST', `${url}/information-requests`, {
      body: { message: 'Explain.', dueDate: dateInDays(t, 0) },
    });
    expect(today.statusCode).toBe(400);
    expect(today.json().error.details.fields[0].path).toBe('dueDate');

    const empty = await validator.request('POST', `${url}/information-requests`, { body: { message: ' ' } });
    expect(empty.statusCode).toBe(400);

    // Still `accepted` (review not started): a request may already be sent.
    const accepted = await validator.request('POST', `${url}/information-requests`, {
      body: { message: 'Explain.', dueDate: dateInDays(t, 10) },
    });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json().dueDate).toBe(dateInDays(t, 10));

    const deciding = await readyForDecision(t, staff, 'Late Questions LLP');
    const wrongState = await validator.request(
      'POST',
      `/api/v1/applications/${deciding.applicationId}/information-requests`,
      { body: { message: 'Too late for this.' } },
    );
    expect(wrongState.statusCode).toBe(409);
    expect(wrongState.json().error.details).toMatchObject({
      reason: 'wrong_state',
      status: 'ready_for_decision',
    });
  });

  it('keeps other companies out (404) and customs from replying (403)', async () => {
    const made = await acceptedCase(t, staff, 'Private Answers LLP');
    const stranger = await acceptedCase(t, staff, 'Nosy Neighbour LLP');
    const url = `/api/v1/applications/${made.applicationId}`;
    const validator = await clientFor(t, staff.validator);
    const created = (
      await validator.request('POST', `${url}/information-requests`, { body: { message: 'Explain.' } })
    ).json();

    expect((await stranger.client.request('GET', `${url}/information-requests`)).statusCode).toBe(404);
    const strangerReply = await stranger.client.request(
      'POST',
      `${url}/information-requests/${created.id}/reply`,
      {
        body: { text: 'Not mine.' },
      },
    );
    expect(strangerReply.statusCode).toBe(404);
    const strangerUpload = await stranger.client.request(
      'POST',
      `${url}/information-requests/${created.id}/evidence`,
      multipart('x.pdf', PDF),
    );
    expect(strangerUpload.statusCode).toBe(404);
    // The stranger's own case has no such request.
    const elsewhere = await stranger.client.request(
      'POST',
      `/api/v1/applications/${stranger.applicationId}/information-requests/${created.id}/reply`,
      { body: { text: 'Wrong case.' } },
    );
    expect(elsewhere.statusCode).toBe(404);

    const customsReply = await validator.request('POST', `${url}/information-requests/${created.id}/reply`, {
      body: { text: 'Answering for them.' },
    });
    expect(customsReply.statusCode).toBe(403);
    const applicantAsks = await made.client.request('POST', `${url}/information-requests`, {
      body: { message: 'May I ask?' },
    });
    expect(applicantAsks.statusCode).toBe(403);
    expect((await validator.request('GET', `${url}/information-requests`)).json().items).toHaveLength(1);
  });

  it('refuses a reply after the reply date and lapses the request on the scheduler run, restarting the clock', async () => {
    const { calendar } = await programme();
    const made = await acceptedCase(t, staff, 'Silent Applicant LLP');
    const url = `/api/v1/applications/${made.applicationId}`;
    const validator = await clientFor(t, staff.validator);
    const decisionDue: string = (await validator.request('GET', `${url}/validation`)).json().clock
      .decisionDue;
    const created = (
      await validator.request('POST', `${url}/information-requests`, {
        body: { message: 'Explain the missing stock.', dueDate: dateInDays(t, 3) },
      })
    ).json();

    await later(6, async () => {
      const operator = await clientFor(t, made.owner);
      const validator = await clientFor(t, staff.validator);
      const late = await operator.request('POST', `${url}/information-requests/${created.id}/reply`, {
        body: { text: 'Sorry, late.' },
      });
      expect(late.statusCode).toBe(409);
      expect(late.json().error.details).toMatchObject({
        reason: 'reply_out_of_time',
        dueDate: created.dueDate,
      });
      const lateUpload = await operator.request(
        'POST',
        `${url}/information-requests/${created.id}/evidence`,
        multipart('late.pdf', PDF),
      );
      expect(lateUpload.statusCode).toBe(409);
      expect((await operator.request('GET', `${url}/information-requests`)).json().items[0]).toMatchObject({
        status: 'open',
        isOverdue: true,
      });

      await t.services.validation.runDueDeadlines(t.clock.now());
      expect((await operator.request('GET', `${url}/information-requests`)).json().items[0]).toMatchObject({
        status: 'lapsed',
        isOverdue: false,
      });
      // The applicant's period ended with the reply date (3 days after the request), not when the scheduler ran.
      expect((await validator.request('GET', `${url}/validation`)).json().clock).toMatchObject({
        isPaused: false,
        pausedDays: 4,
        decisionDue: computeDeadline(decisionDue, 4, calendar),
      });
      const events = await t.services.audit.listForEntity('application', made.applicationId);
      const lapsed = events.find((e) => e.action === 'validation.information_request_lapsed');
      expect(lapsed).toMatchObject({ actorUserId: null, summary: { requestId: created.id } });
      const inbox = (await validator.request('GET', '/api/v1/notifications')).json().items;
      expect(inbox.map((n: { event: string }) => n.event)).toContain('validation.information_lapsed');

      const stillLapsed = await operator.request('POST', `${url}/information-requests/${created.id}/reply`, {
        body: { text: 'Now?' },
      });
      expect(stillLapsed.json().error.details.reason).toBe('reply_out_of_time');
      // With nothing open, customs may ask again.
      const next = await validator.request('POST', `${url}/information-requests`, {
        body: { message: 'Last chance: explain the missing stock.' },
      });
      expect(next.statusCode).toBe(201);
    });
  });

  it('takes evidence only for a request of the case that is open', async () => {
    const made = await acceptedCase(t, staff, 'Eager Uploader LLP');
    const url = `/api/v1/applications/${made.applicationId}`;
    const none = await made.client.request(
      'POST',
      `${url}/information-requests/${randomUUID()}/evidence`,
      multipart('early.pdf', PDF),
    );
    expect(none.statusCode).toBe(404);
    const validator = await clientFor(t, staff.validator);
    const created = (
      await validator.request('POST', `${url}/information-requests`, { body: { message: 'Send the lease.' } })
    ).json();
    const notPdf = await made.client.request(
      'POST',
      `${url}/information-requests/${created.id}/evidence`,
      multipart('lease.pdf', Buffer.from('just text')),
    );
    expect(notPdf.statusCode).toBe(400);
    const lease = await made.client.request(
      'POST',
      `${url}/information-requests/${created.id}/evidence`,
      multipart('lease.pdf', PDF),
    );
    expect(lease.statusCode).toBe(201);
    const evidence = (await made.client.request('GET', url)).json().evidence;
    expect(evidence.map((e: { fileName: string }) => e.fileName)).toContain('lease.pdf');
  });
});
