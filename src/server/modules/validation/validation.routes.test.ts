import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp, factories } from '../../../../tests/support/test-app';
import { acceptedCase, clientFor, dateInDays, useStaff, reviewAll } from './validation.test-support';

const DAY = 86_400_000;
const t = useTestApp();
const staff = useStaff(t);

describe('report', () => {
  it('never shows internal notes in the shared report, and hides the report from other companies', async () => {
    const made = await acceptedCase(t, staff, 'Secret Notes LLP');
    const questions = await reviewAll(t, staff, made.applicationId);
    const validator = await clientFor(t, staff.validator);
    const url = `/api/v1/applications/${made.applicationId}`;
    const [first, second] = questions;
    expect(
      (
        await validator.request('PUT', `${url}/findings/${first!.id}`, {
          body: {
            finding: 'needs_improvement',
            note: 'INTERNAL-ONLY suspicion from intelligence',
            visibility: 'internal',
          },
        })
      ).statusCode,
    ).toBe(200);
    await validator.request('PUT', `${url}/findings/${second!.id}`, {
      body: { finding: 'unsatisfactory', note: 'Shared: seal register missing', visibility: 'shared' },
    });
    const batch = await validator.request('PUT', `${url}/findings`, {
      body: {
        items: [
          { questionId: questions[2]!.id, finding: 'satisfactory', visibility: 'shared' },
          { questionId: 'no.such.question', finding: 'satisfactory', visibility: 'shared' },
        ],
      },
    });
    expect(batch.statusCode).toBe(400);
    expect(batch.json().error.details.fields[0].path).toBe('items[1].questionId');
    const risk = await validator.request('POST', `${url}/risks`, {
      body: { catalogueId: 'risk.A.misdeclaration', likelihood: 4, impact: 4, controlEffectiveness: 'weak' },
    });
    expect(risk.statusCode).toBe(201);
    expect(
      (await validator.request('POST', `${url}/report`, { body: { recommendation: 'improve' } })).statusCode,
    ).toBe(201);

    const shared = await made.client.request('GET', `${url}/report?version=shared`);
    expect(shared.statusCode).toBe(200);
    expect(shared.body).not.toContain('INTERNAL-ONLY');
    expect(shared.body).toContain('seal register missing');
    expect(shared.json().recommendation).toBeUndefined();
    expect((await made.client.request('GET', `${url}/report?version=internal`)).statusCode).toBe(404);
    const internal = await validator.request('GET', `${url}/report?version=internal`);
    expect(internal.body).toContain('INTERNAL-ONLY');

    const pdf = await made.client.request('GET', `${url}/report.pdf?version=shared`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await made.client.request('GET', `${url}/report.pdf?version=internal`)).statusCode).toBe(404);

    const comment = await made.client.request('POST', `${url}/report/comments`, {
      body: { body: 'The register exists; see annex 4.' },
    });
    expect(comment.statusCode).toBe(201);
    expect((await made.client.request('GET', `${url}/report`)).json().comments).toHaveLength(1);

    // The company's case history shows the steps it takes part in, without details; customs' internal work (findings,
    // risk map) and the details of every event stay with customs.
    const history = (await made.client.request('GET', `${url}/timeline`)).json().items as Array<{
      action: string;
      summary: Record<string, unknown>;
    }>;
    const actions = history.map((entry) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining(['application.issue_report', 'validation.report_commented']),
    );
    expect(actions).not.toContain('validation.finding_recorded');
    expect(actions).not.toContain('validation.risk_added');
    expect(history.every((entry) => Object.keys(entry.summary).length === 0)).toBe(true);
    const customsHistory = (await validator.request('GET', `${url}/timeline`)).json().items as Array<{
      action: string;
    }>;
    expect(customsHistory.map((entry) => entry.action)).toContain('validation.finding_recorded');

    const other = await acceptedCase(t, staff, 'Nosy Neighbour LLP');
    const foreign = await other.client.request('GET', `${url}/report?version=shared`);
    const missing = await other.client.request('GET', `/api/v1/applications/${randomUUID()}/report`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    expect((await other.client.request('GET', `${url}/report.pdf`)).statusCode).toBe(404);
    expect(
      (await other.client.request('POST', `${url}/report/comments`, { body: { body: 'x' } })).statusCode,
    ).toBe(404);
  });
});

describe('consultation of other offices', () => {
  it('counts silence past the deadline as no objection and closes it, audited, on the scheduler tick', async () => {
    const made = await acceptedCase(t, staff, 'Quiet Offices LLP');
    const border = await factories.office(t.services, 'local');
    const borderOfficer = await factories.user(t, {
      roles: ['aeo_manager'],
      officeId: border.id,
    });
    const validator = await clientFor(t, staff.validator);
    const url = `/api/v1/applications/${made.applicationId}`;
    const sent = await validator.request('POST', `${url}/consultations`, {
      body: {
        officeIds: [border.id],
        question: 'Any infringements or unlisted branches?',
        dueDate: dateInDays(t, 3),
      },
    });
    expect(sent.statusCode).toBe(201);
    const consultationId = sent.json().items[0].id;
    expect((await validator.request('GET', `${url}/consultations`)).json().items[0]).toMatchObject({
      outcome: 'pending',
    });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: {} })).statusCode,
    ).toBe(401);

    t.clock.advance(4 * DAY);
    try {
      const validator = await clientFor(t, staff.validator);
      const listed = (await validator.request('GET', `${url}/consultations`)).json().items[0];
      expect(listed).toMatchObject({ outcome: 'no_objection', isSilence: true, status: 'pending' });
      expect(await t.services.validation.runDueDeadlines(t.clock.now())).toEqual({ consultationsClosed: 1 });
      expect(await t.services.validation.runDueDeadlines(t.clock.now())).toEqual({ consultationsClosed: 0 });
      expect((await validator.request('GET', `${url}/consultations`)).json().items[0]).toMatchObject({
        status: 'closed_silent',
        outcome: 'no_objection',
      });
      const late = await (
        await clientFor(t, borderOfficer)
      ).request('POST', `${url}/consultations/${consultationId}/reply`, {
        body: { kind: 'objection', text: 'Too late' },
      });
      expect(late.statusCode).toBe(409);
      const events = await t.services.audit.listForEntity('application', made.applicationId);
      expect(events.map((e) => e.action)).toContain('validation.consultation_closed_silent');
    } finally {
      t.clock.advance(-4 * DAY);
    }
  });

  it('takes a reply from the consulted office only', async () => {
    const made = await acceptedCase(t, staff, 'Talkative Offices LLP');
    const border = await factories.office(t.services, 'local');
    const borderOfficer = await factories.user(t, {
      roles: ['aeo_manager'],
      officeId: border.id,
    });
    const url = `/api/v1/applications/${made.applicationId}`;
    const validator = await clientFor(t, staff.validator);
    const id = (
      await validator.request('POST', `${url}/consultations`, {
        body: { officeIds: [border.id], question: 'Q?', dueDate: dateInDays(t, 5) },
      })
    ).json().items[0].id;
    expect(
      (
        await validator.request('POST', `${url}/consultations/${id}/reply`, {
          body: { kind: 'no_objection' },
        })
      ).statusCode,
    ).toBe(403);
    const reply = await (
      await clientFor(t, borderOfficer)
    ).request('POST', `${url}/consultations/${id}/reply`, {
      body: { kind: 'infringement', text: 'Undervaluation penalty 2025-114.' },
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ status: 'replied', replyKind: 'infringement' });
  });
});

describe('improvement plan', () => {
  it('runs to its deadline, extends once with a reason, and refuses reports after the deadline', async () => {
    const made = await acceptedCase(t, staff, 'Improving Ltd');
    await reviewAll(t, staff, made.applicationId, () => 'needs_improvement');
    const validator = await clientFor(t, staff.validator);
    const url = `/api/v1/applications/${made.applicationId}`;
    await validator.request('POST', `${url}/report`, { body: { recommendation: 'improve' } });
    const created = await validator.request('POST', `${url}/improvement-plan`, {
      body: {
        dueDate: dateInDays(t, 10),
        measures: [
          { description: 'Install seals register', criterion: 'safe.G' },
          { description: 'Train staff' },
        ],
      },
    });
    expect(created.statusCode).toBe(201);
    const plan = created.json();
    expect(plan.measures).toHaveLength(2);
    const paused = (await validator.request('GET', `${url}/validation`)).json();
    expect(paused).toMatchObject({ status: 'improvement_plan', clock: { isPaused: true } });

    const [first, second] = plan.measures as { id: string }[];
    expect(
      (
        await made.client.request('POST', `${url}/improvement-plan/measures/${first!.id}/report`, {
          body: { note: 'Done, see photo.' },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await made.client.request('POST', `${url}/improvement-plan/extension`, {
          body: { dueDate: dateInDays(t, 20), reason: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    const tooEarly = await validator.request('POST', `${url}/improvement-plan/extension`, {
      body: { dueDate: dateInDays(t, 5), reason: 'Need time' },
    });
    expect(tooEarly.statusCode).toBe(400);
    const extended = await validator.request('POST', `${url}/improvement-plan/extension`, {
      body: { dueDate: dateInDays(t, 20), reason: 'Supplier delay for the badge readers.' },
    });
    expect(extended.statusCode).toBe(200);
    expect(extended.json()).toMatchObject({
      dueDate: dateInDays(t, 20),
      extensionReason: 'Supplier delay for the badge readers.',
    });
    const again = await validator.request('POST', `${url}/improvement-plan/extension`, {
      body: { dueDate: dateInDays(t, 30), reason: 'More' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.reason).toBe('already_extended');

    t.clock.advance(21 * DAY);
    try {
      const validator = await clientFor(t, staff.validator);
      const operator = await clientFor(t, made.owner);
      const late = await operator.request('POST', `${url}/improvement-plan/measures/${second!.id}/report`, {
        body: { note: 'Late' },
      });
      expect(late.statusCode).toBe(409);
      expect(late.json().error.details.reason).toBe('improvement_plan_overdue');
      expect((await operator.request('GET', `${url}/improvement-plan`)).json().isOverdue).toBe(true);
      const incomplete = await validator.request('POST', `${url}/improvement-plan/completion`);
      expect(incomplete.statusCode).toBe(409);
      for (const measure of [first!, second!]) {
        await validator.request('POST', `${url}/improvement-plan/measures/${measure.id}/verification`, {
          body: { outcome: 'verified' },
        });
      }
      const done = await validator.request('POST', `${url}/improvement-plan/completion`);
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({ status: 'report_issued', pausedSince: null, pausedDays: 21 });
    } finally {
      t.clock.advance(-21 * DAY);
    }
  });
});

describe('risk map and on-site visit', () => {
  it('builds the risk map with its heat map, plans the visit with notice, and generates the checklist', async () => {
    const made = await acceptedCase(t, staff, 'Visited LLP');
    let index = 0;
    await reviewAll(t, staff, made.applicationId, () =>
      index++ % 5 === 0 ? 'needs_improvement' : 'satisfactory',
    );
    const validator = await clientFor(t, staff.validator);
    const url = `/api/v1/applications/${made.applicationId}`;
    const before = (await validator.request('GET', `${url}/risks`)).json();
    expect(before.heatMap).toHaveLength(5);
    const suggestion = before.suggestions[0];
    const added = await validator.request('POST', `${url}/risks`, {
      body: {
        catalogueId: suggestion?.catalogueId ?? 'risk.A.misdeclaration',
        likelihood: 5,
        impact: 4,
        controlEffectiveness: 'adequate',
      },
    });
    expect(added.statusCode).toBe(201);
    const bad = await validator.request('POST', `${url}/risks`, { body: { likelihood: 6, impact: 1 } });
    expect(bad.statusCode).toBe(400);
    await validator.request('POST', `${url}/risks/${added.json().id}/measures`, {
      body: { description: 'CCTV', dueDate: dateInDays(t, 60) },
    });
    const after = (await validator.request('GET', `${url}/risks`)).json();
    expect(after.items[0]).toMatchObject({ inherent: { score: 20 }, residual: { score: 12, level: 'high' } });
    expect(after.heatMap[0][3].inherent).toEqual([added.json().id]);

    const tooSoon = await validator.request('POST', `${url}/visit/slots`, {
      body: {
        slots: [{ startsAt: `${dateInDays(t, 1)}T09:00:00Z`, endsAt: `${dateInDays(t, 1)}T17:00:00Z` }],
      },
    });
    expect(tooSoon.statusCode).toBe(400);
    expect(tooSoon.json().error.details.fields[0].path).toBe('slots[0].startsAt');
    const slots = await validator.request('POST', `${url}/visit/slots`, {
      body: {
        slots: [
          { startsAt: `${dateInDays(t, 10)}T09:00:00Z`, endsAt: `${dateInDays(t, 10)}T17:00:00Z` },
          { startsAt: `${dateInDays(t, 12)}T09:00:00Z`, endsAt: `${dateInDays(t, 12)}T17:00:00Z` },
        ],
      },
    });
    expect(slots.statusCode).toBe(201);
    expect((await validator.request('POST', `${url}/visit/start`)).statusCode).toBe(409);
    const chosen = await made.client.request('POST', `${url}/visit/choice`, {
      body: { slotId: slots.json().items[1].id },
    });
    expect(chosen.json().status).toBe('chosen');
    expect((await made.client.request('GET', `${url}/visit`)).json().checklist).toBeUndefined();
    expect(
      (await validator.request('PUT', `${url}/visit/team`, { body: { userIds: [staff.validator.id] } }))
        .statusCode,
    ).toBe(200);
    const checklist = (await validator.request('POST', `${url}/visit/checklist`)).json().items;
    expect(checklist[0]).toMatchObject({ source: 'risk', sourceRef: added.json().id });
    expect(checklist.map((item: { source: string }) => item.source)).toContain('question');
    expect((await validator.request('POST', `${url}/visit/start`)).json().status).toBe('on_site');
    const observed = await validator.request('PATCH', `${url}/visit/checklist/${checklist[0].id}`, {
      body: { result: 'issue', observation: 'Camera 3 offline' },
    });
    expect(observed.json()).toMatchObject({ result: 'issue' });
    expect(
      (await validator.request('PUT', `${url}/visit/minutes`, { body: { minutes: 'Visit held.' } }))
        .statusCode,
    ).toBe(200);
  });
});

describe('compliance history', () => {
  it('pulls the applicant’s declarations and inspection findings from the risk service into the case', async () => {
    const made = await acceptedCase(t, staff, 'Ile Import LLP');
    const context = { principal: undefined, requestId: 'test', ip: undefined, now: t.clock.now() };
    const [decided] = await t.services.declarations.ingest(
      context,
      [
        {
          id: `CH-${randomUUID().slice(0, 8)}`,
          date: dateInDays(t, -30),
          office: 'ALA',
          importer: { scheme: 'tin', id: made.operator.taxpayer_id },
          items: [{ hsCode: '851712', customsValue: 12_000, currency: 'USD', dutyRate: 5 }],
        },
      ],
      { source: 'api' },
    );
    await t.services.declarations.recordInspection(
      context,
      decided!.declarationId,
      { found: true, critical: false, dutyRecovered: 600, officer: 'A. Bekov', notes: 'undervalued' },
      undefined,
    );
    const validator = await clientFor(t, staff.validator);
    const history = (
      await validator.request('GET', `/api/v1/applications/${made.applicationId}/compliance-history`)
    ).json();
    expect(history).toMatchObject({ declarations: 1, inspected: 1, found: 1, dutyRecovered: 600 });
    expect(history.latestFindings[0]).toMatchObject({ declarationId: decided!.declarationId });
    expect(
      (await made.client.request('GET', `/api/v1/applications/${made.applicationId}/compliance-history`))
        .statusCode,
    ).toBe(403);
  });
});
