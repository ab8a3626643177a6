import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD, useTestApp, factories, signIn } from '../../../../tests/support/test-app';
import { seedDemoValidation } from '../../seed/demo-validation';
import {
  acceptedCase,
  clientFor,
  createDemoValidationPeople,
  dateInDays,
  useStaff,
} from './validation.test-support';

const DAY = 86_400_000;
const t = useTestApp();
const staff = useStaff(t);

/** A partner agency with a code of its own (the database is shared by the test files). */
async function agencyWithOfficer(prefix: string) {
  const code = `${prefix}${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  const officer = await factories.user(t, { roles: ['agency_officer'], agency: code });
  return { code, officer };
}

describe('consultation of offices and partner agencies', () => {
  it('consults an agency and an office; the agency answers from its inbox, seeing only the case summary and sites', async () => {
    const made = await acceptedCase(t, staff, 'Agency Consulted LLP');
    const url = `/api/v1/applications/${made.applicationId}`;
    const border = await factories.office(t.services, 'local');
    const sps = await agencyWithOfficer('SPS');
    const cites = await agencyWithOfficer('CITES');
    const validator = await clientFor(t, staff.validator);

    const addressees = (await validator.request('GET', '/api/v1/consultations/addressees')).json();
    expect(addressees.agencies).toContainEqual({ code: sps.code, officers: 1 });
    expect(addressees.offices.map((o: { id: string }) => o.id)).toContain(border.id);

    const sent = await validator.request('POST', `${url}/consultations`, {
      body: {
        officeIds: [border.id],
        agencies: [sps.code],
        question: 'Any plant-health infringements or unlisted branches?',
        dueDate: dateInDays(t, 10),
      },
    });
    expect(sent.statusCode).toBe(201);
    expect(sent.json().items).toMatchObject([
      { officeId: border.id, agency: null, addressee: 'Test office', outcome: 'pending' },
      { officeId: null, officeName: null, agency: sps.code, addressee: sps.code, outcome: 'pending' },
    ]);
    const agencyConsultationId: string = sent.json().items[1].id;

    const listed = (await validator.request('GET', `${url}/consultations`)).json().items;
    expect(listed.map((c: { addressee: string }) => c.addressee)).toEqual(['Test office', sps.code]);

    // The agency's officers are told, with a link to their inbox.
    const spsClient = await clientFor(t, sps.officer);
    const notifications = (await spsClient.request('GET', '/api/v1/notifications')).json().items;
    expect(notifications[0]).toMatchObject({
      event: 'validation.agency_consultation_requested',
      link: `/consultations?open=${agencyConsultationId}`,
    });

    const inbox = (await spsClient.request('GET', '/api/v1/consultations')).json().items;
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({
      id: agencyConsultationId,
      applicationId: made.applicationId,
      applicationReference: expect.any(String),
      operatorName: 'Agency Consulted LLP',
      operatorTaxpayerId: made.operator.taxpayer_id,
      question: 'Any plant-health infringements or unlisted branches?',
      dueDate: dateInDays(t, 10),
      askingOfficeName: expect.any(String),
      status: 'pending',
      outcome: 'pending',
      isSilence: false,
    });
    const detail = await spsClient.request('GET', `/api/v1/consultations/${agencyConsultationId}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().sites).toEqual([
      expect.objectContaining({ kind: 'head_office', name: 'Head office', address: '1 Test Street, Almaty' }),
    ]);
    // Nothing else of the case, and nothing of the office's consultation.
    expect((await spsClient.request('GET', url)).statusCode).toBe(404);
    expect((await spsClient.request('GET', `${url}/consultations`)).statusCode).toBe(403);
    expect(
      (await spsClient.request('GET', `/api/v1/consultations/${sent.json().items[0].id}`)).statusCode,
    ).toBe(404);

    // Another agency sees nothing: an empty inbox, 404 on the consultation and on a reply.
    const citesClient = await clientFor(t, cites.officer);
    expect((await citesClient.request('GET', '/api/v1/consultations?status=all')).json().items).toEqual([]);
    const foreign = await citesClient.request('GET', `/api/v1/consultations/${agencyConsultationId}`);
    const missing = await citesClient.request('GET', `/api/v1/consultations/${randomUUID()}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    expect(
      (
        await citesClient.request('POST', `${url}/consultations/${agencyConsultationId}/reply`, {
          body: { kind: 'objection', text: 'Not ours' },
        })
      ).statusCode,
    ).toBe(404);
    // Customs other than the consulted office still get 403, as before.
    expect(
      (
        await validator.request('POST', `${url}/consultations/${agencyConsultationId}/reply`, {
          body: { kind: 'no_objection' },
        })
      ).statusCode,
    ).toBe(403);

    const noText = await spsClient.request('POST', `${url}/consultations/${agencyConsultationId}/reply`, {
      body: { kind: 'infringement' },
    });
    expect(noText.statusCode).toBe(400);
    expect(noText.json().error.details.fields[0].path).toBe('text');

    const reply = await spsClient.request('POST', `${url}/consultations/${agencyConsultationId}/reply`, {
      body: { kind: 'infringement', text: 'Phytosanitary certificate forged, case SPS-2025-77.' },
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ status: 'replied', replyKind: 'infringement', agency: sps.code });

    expect((await spsClient.request('GET', '/api/v1/consultations')).json().items).toEqual([]);
    expect((await spsClient.request('GET', '/api/v1/consultations?status=all')).json().items).toMatchObject([
      {
        id: agencyConsultationId,
        status: 'replied',
        outcome: 'infringement',
        replyText: 'Phytosanitary certificate forged, case SPS-2025-77.',
      },
    ]);
    const onCase = (await validator.request('GET', `${url}/consultations`)).json().items;
    expect(onCase[1]).toMatchObject({ agency: sps.code, outcome: 'infringement', isSilence: false });

    const again = await spsClient.request('POST', `${url}/consultations/${agencyConsultationId}/reply`, {
      body: { kind: 'no_objection' },
    });
    expect(again.statusCode).toBe(409);

    const events = await t.services.audit.listForEntity('application', made.applicationId);
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['validation.consultation_sent', 'validation.consultation_replied']),
    );
  });

  it('refuses a consultation without addressee, to an unknown agency, to the own office, or twice', async () => {
    const made = await acceptedCase(t, staff, 'Refused Addressees LLP');
    const url = `/api/v1/applications/${made.applicationId}`;
    const border = await factories.office(t.services, 'local');
    const sps = await agencyWithOfficer('SPS');
    const disabled = await agencyWithOfficer('GONE');
    await t.services.users.update(
      { principal: undefined, requestId: 'test', ip: undefined, now: t.clock.now() },
      disabled.officer.id,
      { disabled: true },
    );
    const validator = await clientFor(t, staff.validator);
    const ownOffice: string = (await validator.request('GET', `${url}/validation`)).json().officeId;
    const send = (body: Record<string, unknown>) =>
      validator.request('POST', `${url}/consultations`, {
        body: { question: 'Anything to report?', dueDate: dateInDays(t, 7), ...body },
      });
    const paths = async (body: Record<string, unknown>) => {
      const response = await send(body);
      expect(response.statusCode).toBe(400);
      return response.json().error.details.fields.map((f: { path: string }) => f.path);
    };

    expect(await paths({})).toEqual(['officeIds']);
    expect(await paths({ officeIds: [], agencies: [] })).toEqual(['officeIds']);
    expect(await paths({ agencies: [sps.code, 'NOSUCHAGENCY', disabled.code] })).toEqual([
      'agencies[1]',
      'agencies[2]',
    ]);
    expect(await paths({ officeIds: [ownOffice] })).toEqual(['officeIds[0]']);
    expect(await paths({ officeIds: [border.id, border.id], agencies: [sps.code, sps.code] })).toEqual([
      'officeIds[1]',
      'agencies[1]',
    ]);
    expect(await paths({ agencies: [sps.code], dueDate: dateInDays(t, 0) })).toEqual(['dueDate']);
    expect((await send({ agencies: ['   '] })).statusCode).toBe(400);

    expect((await send({ officeIds: [border.id], agencies: [sps.code.toLowerCase()] })).statusCode).toBe(201);
    expect(await paths({ officeIds: [border.id], agencies: [sps.code] })).toEqual([
      'officeIds[0]',
      'agencies[0]',
    ]);
    expect((await validator.request('GET', `${url}/consultations`)).json().items).toHaveLength(2);
  });

  it('closes an agency silent past the deadline as no objection and escalates it to headquarters', async () => {
    const made = await acceptedCase(t, staff, 'Silent Agency LLP');
    const url = `/api/v1/applications/${made.applicationId}`;
    const sps = await agencyWithOfficer('SPS');
    const validator = await clientFor(t, staff.validator);
    const sent = await validator.request('POST', `${url}/consultations`, {
      body: { agencies: [sps.code], question: 'Any infringements?', dueDate: dateInDays(t, 3) },
    });
    expect(sent.statusCode).toBe(201);
    const consultationId: string = sent.json().items[0].id;
    const reminder = await t.services.notifications.findReminder(`consultation:${consultationId}`);
    expect(reminder).toMatchObject({
      status: 'pending',
      recipient_user_ids: [sps.officer.id],
      escalation_role: 'aeo_manager',
    });

    t.clock.advance(5 * DAY);
    try {
      const spsClient = await clientFor(t, sps.officer);
      expect((await spsClient.request('GET', '/api/v1/consultations')).json().items).toEqual([]);
      expect(
        (await t.services.validation.runDueDeadlines(t.clock.now())).consultationsClosed,
      ).toBeGreaterThan(0);
      const validatorNow = await clientFor(t, staff.validator);
      expect((await validatorNow.request('GET', `${url}/consultations`)).json().items[0]).toMatchObject({
        agency: sps.code,
        status: 'closed_silent',
        outcome: 'no_objection',
        isSilence: true,
      });
      const late = await spsClient.request('POST', `${url}/consultations/${consultationId}/reply`, {
        body: { kind: 'objection', text: 'Too late' },
      });
      expect(late.statusCode).toBe(409);

      await t.services.notifications.runDueReminders(t.clock.now());
      expect((await t.services.notifications.findReminder(`consultation:${consultationId}`))?.status).toBe(
        'escalated',
      );
      // The escalation links headquarters to the consultation: its managers may read it, not answer it.
      const headquarters = await clientFor(t, staff.signer);
      const escalated = await headquarters.request('GET', `/api/v1/consultations/${consultationId}`);
      expect(escalated.statusCode, escalated.body).toBe(200);
      expect(escalated.json()).toMatchObject({ outcome: 'no_objection', canReply: false });
      const events = await t.services.audit.listForEntity('application', made.applicationId);
      const closed = events.find((e) => e.action === 'validation.consultation_closed_silent');
      expect(closed?.summary).toMatchObject({ consultationId, agency: sps.code, outcome: 'no_objection' });
    } finally {
      t.clock.advance(-5 * DAY);
    }
  });

  it('lets an officer of the consulted office answer from its inbox; others of the office see it too', async () => {
    const made = await acceptedCase(t, staff, 'Office Inbox LLP');
    const url = `/api/v1/applications/${made.applicationId}`;
    const border = await factories.office(t.services, 'local');
    const borderValidator = await factories.user(t, { roles: ['validator'], officeId: border.id });
    const validator = await clientFor(t, staff.validator);
    const id: string = (
      await validator.request('POST', `${url}/consultations`, {
        body: { officeIds: [border.id], question: 'Branches in your region?', dueDate: dateInDays(t, 4) },
      })
    ).json().items[0].id;

    const borderClient = await clientFor(t, borderValidator);
    expect((await borderClient.request('GET', '/api/v1/consultations')).json().items).toMatchObject([
      { id, officeId: border.id, addressee: 'Test office', outcome: 'pending' },
    ]);
    // The asking validator's office is not the addressee.
    expect((await validator.request('GET', `/api/v1/consultations/${id}`)).statusCode).toBe(404);
    const reply = await borderClient.request('POST', `${url}/consultations/${id}/reply`, {
      body: { kind: 'unlisted_branch', text: 'Warehouse at 4 Port Road, Aktau, not declared.' },
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ replyKind: 'unlisted_branch', status: 'replied' });
  });
});

// Last: the demo's Almaty office would take the other tests' cases (their address is in Almaty).
describe('the validation demo', () => {
  it('leaves a consultation of the SPS agency pending in sps@’s inbox', async () => {
    await createDemoValidationPeople(t);
    await seedDemoValidation(t.services, t.clock.now(), { password: TEST_PASSWORD });

    const sps = await signIn(t.app, 'sps@demo.openaeo.test');
    const inbox = (await sps.request('GET', '/api/v1/consultations')).json().items;
    expect(inbox).toMatchObject([
      { agency: 'SPS', operatorName: 'Kumys Foods LLP', askingOfficeName: 'Almaty', outcome: 'pending' },
    ]);
    expect(inbox[0].dueDate > dateInDays(t, 0)).toBe(true);
    const manager = await signIn(t.app, 'manager@demo.openaeo.test');
    const cases = (await manager.request('GET', '/api/v1/validation/cases')).json().items;
    expect(cases.find((c: { operatorName: string }) => c.operatorName === 'Kumys Foods LLP')?.status).toBe(
      'ready_for_decision',
    );
  });
});
