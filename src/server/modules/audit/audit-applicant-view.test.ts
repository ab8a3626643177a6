import { describe, expect, it } from 'vitest';
import { contextFor } from '../../seed/demo-applications';
import { useTestApp, factories, signIn } from '../../../../tests/support/test-app';
import { signInAs } from '../accounts/accounts.test-support';
import { acceptedCase, useStaff, reviewAll } from '../validation/validation.test-support';
import { isApplicantCaseEvent } from '../applications/applicant-audit-view';

interface EventDto {
  action: string;
  entityType: string;
  entityId: string;
  actor: { id: string | null; label: string | null; kind: string };
  summary: Record<string, unknown>;
}

const t = useTestApp();
const staff = useStaff(t);

/** A case through customs' internal work: findings, a risk entry, an agency consultation and a noted sign-off. */
async function examinedCase() {
  const made = await acceptedCase(t, staff, 'Open Book Trading LLP');
  const agency = `SPS${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  await factories.user(t, { roles: ['agency_officer'], agency });
  const as = (user: typeof staff.validator) => contextFor(user, t.clock.now());
  await reviewAll(t, staff, made.applicationId);
  await t.services.validation.riskMap.add(as(staff.validator), made.applicationId, {
    criterion: 'records',
    title: 'Director keeps two sets of books',
    likelihood: 4,
    impact: 5,
  });
  await t.services.validation.consultations.send(as(staff.validator), made.applicationId, {
    agencies: [agency],
    question: 'Any phytosanitary infringements on record?',
    dueDate: new Date(t.clock.now().getTime() + 10 * 86_400_000).toISOString().slice(0, 10),
  });
  await t.services.validation.reports.issue(as(staff.validator), made.applicationId, {
    recommendation: 'grant',
  });
  await t.services.validation.decisions.requestSignOff(as(staff.validator), made.applicationId);
  await t.services.validation.decisions.signOff(as(staff.signer), made.applicationId, {
    outcome: 'approved',
    note: 'Internal: keep an eye on the director',
  });
  return { ...made, agency };
}

async function listEvents(client: Awaited<ReturnType<typeof signIn>>, query = '') {
  const response = await client.request('GET', `/api/v1/audit/events?limit=500${query}`);
  expect(response.statusCode).toBe(200);
  return response.json<{ items: EventDto[] }>().items;
}

describe('what an operator reads of the audit trail', () => {
  it('shows its case only as its case timeline does: no internal events, details or officers', async () => {
    const made = await examinedCase();
    const admin = await signInAs(t, { roles: ['admin'] });

    // Customs (an administrator here) still see every event of the case, with its details and its officers.
    const full = await listEvents(admin, `&entityType=application&entityId=${made.applicationId}`);
    const fullActions = full.map((event) => event.action);
    expect(fullActions).toEqual(
      expect.arrayContaining([
        'validation.finding_recorded',
        'validation.risk_added',
        'validation.consultation_sent',
        'application.sign_off',
      ]),
    );
    const fullText = JSON.stringify(full);
    for (const secret of ['likelihood', made.agency, 'keep an eye on the director', staff.validator.email])
      expect(fullText).toContain(secret);

    const events = await listEvents(made.client);
    const caseEvents = events.filter((event) => event.entityId === made.applicationId);
    expect(caseEvents.map((event) => event.action)).toEqual(
      expect.arrayContaining(['application.submit', 'application.accept', 'application.sign_off']),
    );
    const internal = fullActions.filter((action) => !isApplicantCaseEvent(action));
    expect(internal.length).toBeGreaterThan(2);
    for (const event of caseEvents) {
      expect(internal).not.toContain(event.action);
      expect(event.summary).toEqual({});
    }
    const text = JSON.stringify(events);
    for (const secret of [
      'likelihood',
      'impact',
      made.agency,
      'keep an eye on the director',
      staff.validator.email,
      staff.signer.email,
      staff.validator.id,
      staff.signer.id,
    ])
      expect(text).not.toContain(secret);
    // Its own users' acts keep their name; customs' acts name no one.
    expect(caseEvents.find((event) => event.action === 'application.submit')?.actor).toMatchObject({
      label: made.owner.email,
      kind: 'user',
    });
    expect(caseEvents.find((event) => event.action === 'application.accept')?.actor).toEqual({
      id: null,
      label: null,
      kind: 'customs',
    });

    // Asking for an internal action, or for an officer's acts, finds nothing.
    expect(await listEvents(made.client, '&action=validation.risk_added')).toEqual([]);
    expect(await listEvents(made.client, `&actorId=${staff.signer.id}`)).toEqual([]);
  });

  it('gives the case timeline the same form: no officer e-mail for the applicant, everything for customs', async () => {
    const made = await examinedCase();
    const url = `/api/v1/applications/${made.applicationId}/timeline`;
    const mine = (await made.client.request('GET', url)).json<{ items: { actor: string | null }[] }>().items;
    expect(mine.length).toBeGreaterThan(0);
    const text = JSON.stringify(mine);
    expect(text).not.toContain(staff.validator.email);
    expect(text).not.toContain(staff.signer.email);
    expect(text).toContain(made.owner.email);

    const signer = await signIn(t.app, staff.signer.email);
    const customs = JSON.stringify((await signer.request('GET', url)).json());
    expect(customs).toContain(staff.validator.email);
    expect(customs).toContain('validation.finding_recorded');
  });
});

describe('searching the trail by actor as an operator', () => {
  it("answers the same for a hidden officer's id as for an unknown one, page and cursor alike", async () => {
    const made = await acceptedCase(t, staff, 'Quiet Search Trading LLP');
    await reviewAll(t, staff, made.applicationId);
    // More acts than an operator's page reads at limit 1, so a filter applied in the query would end with a cursor.
    for (let i = 0; i < 12; i += 1) {
      await t.services.validation.riskMap.add(
        contextFor(staff.validator, t.clock.now()),
        made.applicationId,
        {
          criterion: 'records',
          title: `Risk ${i}`,
          likelihood: 2,
          impact: 2,
        },
      );
    }
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const limit of [1, 2, 500]) {
      const page = async (actorId: string) => {
        const response = await made.client.request(
          'GET',
          `/api/v1/audit/events?limit=${limit}&actorId=${actorId}`,
        );
        expect(response.statusCode).toBe(200);
        return response.json<{ items: EventDto[]; nextCursor: number | null }>();
      };
      const forUnknown = await page(unknown);
      expect(await page(staff.validator.id)).toEqual(forUnknown);
      expect(await page(staff.signer.id)).toEqual(forUnknown);
    }
    // Its own users remain searchable.
    const own = await made.client.request('GET', `/api/v1/audit/events?limit=500&actorId=${made.owner.id}`);
    expect(own.json<{ items: EventDto[] }>().items.map((event) => event.action)).toContain(
      'application.submit',
    );
  });
});
