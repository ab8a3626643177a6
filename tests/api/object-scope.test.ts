import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, tinyPng } from '../support/upload-files';
import type { RouteEntry } from '../../src/server/platform/access-control';
import { systemContext } from '../../src/server/platform/request-context';
import {
  acceptedCase,
  clientFor,
  createStaff,
  reviewAll,
  type Staff,
} from '../../src/server/modules/validation/validation.test-support';
import { GENERATED_REQUEST_HEADER } from '../support/route-coverage';
import { createTestApp, factories, type TestApp, type TestClient } from '../support/test-app';

/**
 * Object and office scope, generated from the route table: every route with an id in its path is called by each
 * outsider with a real id and with a random one, and the two answers must be the same (status, error code and
 * message) — an outsider cannot tell a case it may not see from one that does not exist. A route added tomorrow is
 * covered without anyone remembering. Public routes are left out by rule (anyone may call them).
 */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const METHODS = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Whose object a path names, by its resource. A case (and what it begets: its authorisation, its consultations) is
 * closed to everyone outside its scope; a company's file is closed to other companies, agencies and analysts, while
 * customs of every office read it (the product's rule: change notifications go to every AEO manager); a notification
 * is its recipient's alone.
 */
type Kind = 'case' | 'company' | 'personal' | 'other';
const KIND_OF_RESOURCE: Record<string, Kind> = {
  applications: 'case',
  authorisations: 'case',
  consultations: 'case',
  operators: 'company',
  register: 'company',
  delegations: 'company',
  notifications: 'personal',
};

type Outsider =
  | 'another operator'
  | 'broker without delegation'
  | 'validator of another office'
  | 'AEO manager of another office'
  | 'agency officer not consulted'
  | 'risk analyst';

const OUTSIDERS_OF: Record<Kind, readonly Outsider[]> = {
  case: [
    'another operator',
    'broker without delegation',
    'validator of another office',
    'AEO manager of another office',
    'agency officer not consulted',
    'risk analyst',
  ],
  company: ['another operator', 'broker without delegation', 'agency officer not consulted', 'risk analyst'],
  personal: [
    'another operator',
    'broker without delegation',
    'validator of another office',
    'AEO manager of another office',
    'agency officer not consulted',
    'risk analyst',
  ],
  other: [
    'another operator',
    'broker without delegation',
    'validator of another office',
    'AEO manager of another office',
    'agency officer not consulted',
    'risk analyst',
  ],
};

function kindOf(url: string): Kind {
  return KIND_OF_RESOURCE[url.split('/')[3] ?? ''] ?? 'other';
}

function paramsOf(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]!);
}

function day(offset: number, now: Date): string {
  return new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
}

// ----- the fixture: one case worked through to a decision, and the people around it --------------------------

interface Fixture {
  staff: Staff;
  /** Real ids by resource and parameter name (questionId is not an id: it stays the same in both calls). */
  ids: Record<string, Record<string, string>>;
  bodies: Record<string, unknown>;
  insiders: TestClient[];
  outsiders: Record<Outsider, TestClient>;
}

let t: TestApp;
let fx: Fixture;

async function expectOk(response: LightMyRequestResponse | Promise<LightMyRequestResponse>) {
  const answered = await response;
  expect(answered.statusCode, answered.body).toBeLessThan(300);
  return answered;
}

async function buildFixture(): Promise<Fixture> {
  const staff = await createStaff(t);
  const now = t.clock.now();
  // The case goes to the local office (the operator's address names its region); headquarters oversees it.
  await t.services.organisations.updateOffice(systemContext(now, 'test'), staff.local.id, {
    regions: ['Almaty'],
  });
  const consultedOffice = await factories.office(t.services, 'local');
  const elsewhere = await factories.office(t.services, 'local');
  // A partner agency can be consulted once it has an active officer.
  await factories.user(t, { roles: ['agency_officer'], agency: 'SPS' });
  await factories.user(t, { roles: ['aeo_manager'], officeId: consultedOffice.id });

  const made = await acceptedCase(t, staff, 'Scoped Trading LLP');
  const id = made.applicationId;
  const url = `/api/v1/applications/${id}`;
  const questions = await reviewAll(t, staff, id);
  const validator = await clientFor(t, staff.validator);
  const owner = made.client;

  const consulted = await expectOk(
    validator.request('POST', `${url}/consultations`, {
      body: {
        officeIds: [consultedOffice.id],
        agencies: ['SPS'],
        question: 'Any objection to this applicant?',
        dueDate: day(20, now),
      },
    }),
  );
  const risk = await expectOk(
    validator.request('POST', `${url}/risks`, {
      body: {
        catalogueId: 'risk.A.misdeclaration',
        likelihood: 4,
        impact: 4,
        controlEffectiveness: 'adequate',
      },
    }),
  );
  const asked = await expectOk(
    validator.request('POST', `${url}/information-requests`, {
      body: { message: 'Send the guard contract.' },
    }),
  );
  const requestId: string = asked.json().id;
  const evidence = await expectOk(
    owner.request(
      'POST',
      `${url}/information-requests/${requestId}/evidence`,
      multipart('guard.png', tinyPng()),
    ),
  );
  await expectOk(
    owner.request('POST', `${url}/information-requests/${requestId}/reply`, {
      body: { text: 'Attached.', evidenceIds: [evidence.json().id] },
    }),
  );
  const slots = await expectOk(
    validator.request('POST', `${url}/visit/slots`, {
      body: { slots: [{ startsAt: `${day(10, now)}T09:00:00Z`, endsAt: `${day(10, now)}T17:00:00Z` }] },
    }),
  );
  await expectOk(
    owner.request('POST', `${url}/visit/choice`, { body: { slotId: slots.json().items[0].id } }),
  );
  await expectOk(validator.request('PUT', `${url}/visit/team`, { body: { userIds: [staff.validator.id] } }));
  const checklist = await expectOk(validator.request('POST', `${url}/visit/checklist`));
  const itemId: string = checklist.json().items[0].id;
  await expectOk(validator.request('POST', `${url}/visit/start`));
  const photo = await expectOk(
    validator.request('POST', `${url}/visit/checklist/${itemId}/photos`, multipart('gate.png', tinyPng())),
  );
  await expectOk(validator.request('PUT', `${url}/visit/minutes`, { body: { minutes: 'Visit held.' } }));
  await expectOk(validator.request('POST', `${url}/report`, { body: { recommendation: 'grant' } }));
  await expectOk(validator.request('POST', `${url}/sign-off/request`));
  const signer = await clientFor(t, staff.signer);
  await expectOk(signer.request('POST', `${url}/sign-off`, { body: { outcome: 'approved' } }));
  const decider = await clientFor(t, staff.decider);
  const granted = await expectOk(decider.request('POST', `${url}/decision/grant`, { body: {} }));
  const authorisationId: string = granted.json().authorisation.id;
  await expectOk(owner.request('GET', `/api/v1/authorisations/${authorisationId}/certificate`));
  const documents = (await expectOk(owner.request('GET', `${url}/documents`))).json().items;
  const notifications = (await expectOk(owner.request('GET', '/api/v1/notifications'))).json().items;
  const sites = await t.services.applications.listSiteRows(id);

  const otherOperator = await factories.operator(t, 'Other Trading LLP');
  const broker = await factories.operator(t, 'Unrelated Brokers LLP');
  const operatorUser = (operatorId: string) =>
    factories.user(t, {
      roles: ['operator'],
      operatorId,
      operatorRights: ['view', 'prepare', 'submit', 'manage_users'],
    });
  const outsiders: Record<Outsider, TestClient> = {
    'another operator': await clientFor(t, await operatorUser(otherOperator.id)),
    'broker without delegation': await clientFor(t, await operatorUser(broker.id)),
    'validator of another office': await clientFor(
      t,
      await factories.user(t, { roles: ['validator'], officeId: elsewhere.id }),
    ),
    'AEO manager of another office': await clientFor(
      t,
      await factories.user(t, { roles: ['aeo_manager'], officeId: elsewhere.id }),
    ),
    'agency officer not consulted': await clientFor(
      t,
      await factories.user(t, { roles: ['agency_officer'], agency: 'CITES' }),
    ),
    // At headquarters, so that only the role keeps the analyst out of case files.
    'risk analyst': await clientFor(
      t,
      await factories.user(t, { roles: ['risk_analyst'], officeId: staff.headquarters.id }),
    ),
  };

  const questionId = questions[0]!.id;
  const soon = day(30, now);
  return {
    staff,
    ids: {
      applications: {
        id,
        questionId,
        evidenceId: evidence.json().id,
        siteId: sites[0]!.id,
        riskId: risk.json().id,
        itemId,
        photoId: photo.json().id,
        consultationId: consulted.json().items[0].id,
        requestId,
        documentId: documents[0].id,
      },
      authorisations: { id: authorisationId },
      consultations: { consultationId: consulted.json().items[1].id },
      operators: { id: made.operator.id, userId: made.owner.id },
      register: { operatorId: made.operator.id },
      notifications: { id: notifications[0].id },
    },
    // Bodies that pass validation, so that the scope check itself answers (keyed by method and route).
    bodies: {
      'POST /api/v1/applications/:id/acceptance': { outcome: 'not_accepted', reason: 'Outside my office.' },
      'PUT /api/v1/applications/:id/answers/:questionId': { notApplicable: true, explanation: 'Changed.' },
      'POST /api/v1/applications/:id/sites': { kind: 'site', name: 'Depot', address: '2 Other Street' },
      'POST /api/v1/applications/:id/reply': { body: 'A reply.' },
      'POST /api/v1/applications/:id/withdraw': { reason: 'Withdrawn.' },
      'POST /api/v1/applications/:id/assignment': { validatorId: staff.validator.id },
      'POST /api/v1/applications/:id/messages': { body: 'A message.' },
      'PUT /api/v1/applications/:id/findings/:questionId': {
        finding: 'unsatisfactory',
        visibility: 'internal',
      },
      'PUT /api/v1/applications/:id/findings': {
        items: [{ questionId, finding: 'unsatisfactory', visibility: 'internal' }],
      },
      'PUT /api/v1/applications/:id/review-assignments': {
        assignments: [{ sectionId: 'A', reviewerId: staff.validator.id }],
      },
      'POST /api/v1/applications/:id/clock/extension': { reason: 'More time is needed.' },
      'POST /api/v1/applications/:id/risks': {
        catalogueId: 'risk.A.misdeclaration',
        likelihood: 5,
        impact: 5,
      },
      'PATCH /api/v1/applications/:id/risks/:riskId': { likelihood: 1, impact: 1 },
      'POST /api/v1/applications/:id/risks/:riskId/measures': { description: 'CCTV', dueDate: soon },
      'POST /api/v1/applications/:id/visit/slots': {
        slots: [{ startsAt: `${day(15, now)}T09:00:00Z`, endsAt: `${day(15, now)}T17:00:00Z` }],
      },
      'POST /api/v1/applications/:id/visit/choice': { slotId: randomUUID() },
      'PUT /api/v1/applications/:id/visit/team': { userIds: [staff.validator.id] },
      'PATCH /api/v1/applications/:id/visit/checklist/:itemId': { result: 'issue', observation: 'Broken.' },
      'PUT /api/v1/applications/:id/visit/minutes': { minutes: 'Rewritten minutes.' },
      'POST /api/v1/applications/:id/report': { recommendation: 'reject' },
      'POST /api/v1/applications/:id/report/comments': { body: 'A comment.' },
      'POST /api/v1/applications/:id/improvement-plan': {
        dueDate: soon,
        measures: [{ description: 'Fix the gate.' }],
      },
      'POST /api/v1/applications/:id/improvement-plan/extension': { dueDate: soon, reason: 'Later.' },
      'POST /api/v1/applications/:id/improvement-plan/measures/:measureId/report': { note: 'Done.' },
      'POST /api/v1/applications/:id/improvement-plan/measures/:measureId/verification': {
        outcome: 'verified',
      },
      'POST /api/v1/applications/:id/consultations': {
        agencies: ['CITES'],
        question: 'Any objection?',
        dueDate: soon,
      },
      'POST /api/v1/applications/:id/consultations/:consultationId/reply': { kind: 'no_objection' },
      'POST /api/v1/applications/:id/information-requests': { message: 'Send more.' },
      'POST /api/v1/applications/:id/information-requests/:requestId/reply': { text: 'More.' },
      'POST /api/v1/applications/:id/sign-off': { outcome: 'approved' },
      'POST /api/v1/applications/:id/intended-rejection': { reasons: 'Records are not kept.' },
      'POST /api/v1/applications/:id/intended-rejection/reply': { reply: 'We disagree.' },
      'POST /api/v1/applications/:id/decision/grant': {},
      'POST /api/v1/applications/:id/decision/rejection': { grounds: 'No.', rulesReliedOn: ['TFA 7.7'] },
      'POST /api/v1/applications/:id/appeal': { grounds: 'Wrong.', body: 'It was wrong.' },
      'POST /api/v1/applications/:id/appeal/review': { outcome: 'upheld', note: 'Upheld.' },
      'POST /api/v1/authorisations/:id/status': { action: 'suspend', reason: 'Suspended by an outsider.' },
      'PUT /api/v1/register/consent/:operatorId': { isPublished: false },
    },
    insiders: [owner, validator, decider],
    outsiders,
  };
}

// ----- calling a route ----------------------------------------------------------------------------------------

interface Answer {
  status: number;
  code: string | null;
  message: string | null;
}

function answerOf(response: LightMyRequestResponse): Answer {
  let error: { code?: string; message?: string } | undefined;
  try {
    error = response.json<{ error?: { code?: string; message?: string } }>().error;
  } catch {
    error = undefined;
  }
  return { status: response.statusCode, code: error?.code ?? null, message: error?.message ?? null };
}

/** Id-bearing (or all), non-public routes, with whether they take an upload (their summary says multipart). */
function routesUnderTest(isIdlessIncluded = false): Array<RouteEntry & { isUpload: boolean }> {
  const document = (
    t.app as unknown as { swagger(): { paths: Record<string, Record<string, { summary?: string }>> } }
  ).swagger();
  const seen = new Set<string>();
  return t.app.routeTable.flatMap((route) => {
    const key = `${route.method} ${route.url}`;
    if (!METHODS.has(route.method) || seen.has(key)) return [];
    seen.add(key);
    if ((!isIdlessIncluded && paramsOf(route.url).length === 0) || route.access?.kind === 'public') return [];
    const openApiPath = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const summary = document.paths[openApiPath]?.[route.method.toLowerCase()]?.summary ?? '';
    return [{ ...route, isUpload: /multipart/i.test(summary) }];
  });
}

/** The route's URL with the fixture's real ids (`real`), or with a random id for every id (`random`). */
function urlFor(route: RouteEntry, variant: 'real' | 'random', unfilled: Map<string, string>): string {
  const real = fx.ids[route.url.split('/')[3] ?? ''] ?? {};
  return route.url.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const value = real[name];
    if (value === undefined) return unfilled.get(name) ?? randomUUID();
    if (name === 'questionId') return value;
    return variant === 'real' ? value : randomUUID();
  });
}

function isFullyReal(route: RouteEntry): boolean {
  const real = fx.ids[route.url.split('/')[3] ?? ''] ?? {};
  return paramsOf(route.url).every((name) => real[name] !== undefined);
}

async function call(
  client: TestClient,
  route: RouteEntry & { isUpload: boolean },
  url: string,
  bodies: Record<string, unknown> = fx.bodies,
): Promise<Answer> {
  const method = route.method as Method;
  // Marked, so that the route-coverage check does not count a generated request as a test of the route.
  const generated = { [GENERATED_REQUEST_HEADER]: '1' };
  if (route.isUpload) {
    const upload = multipart('scope.png', tinyPng());
    return answerOf(
      await client.request(method, url, { ...upload, headers: { ...upload.headers, ...generated } }),
    );
  }
  const body =
    bodies[`${route.method} ${route.url}`] ?? (method === 'GET' || method === 'DELETE' ? undefined : {});
  return answerOf(
    await client.request(method, url, { headers: generated, ...(body === undefined ? {} : { body }) }),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  fx = await buildFixture();
}, 240_000);

afterAll(async () => t.close());

describe('object and office scope, for every route with an id in its path', () => {
  it('finds the case routes in the route table', () => {
    const urls = routesUnderTest().map((route) => `${route.method} ${route.url}`);
    expect(urls).toEqual(
      expect.arrayContaining([
        'GET /api/v1/applications/:id',
        'POST /api/v1/applications/:id/acceptance',
        'POST /api/v1/authorisations/:id/status',
        'GET /api/v1/consultations/:consultationId',
      ]),
    );
  });

  it('uses real ids: those who work on the case get another answer than for a missing one', async () => {
    const unreal: string[] = [];
    for (const route of routesUnderTest()) {
      if (route.method !== 'GET' || kindOf(route.url) !== 'case' || !isFullyReal(route)) continue;
      const unfilled = new Map<string, string>();
      let isDifferent = false;
      for (const insider of fx.insiders) {
        const real = await call(insider, route, urlFor(route, 'real', unfilled));
        const random = await call(insider, route, urlFor(route, 'random', unfilled));
        if (JSON.stringify(real) !== JSON.stringify(random)) isDifferent = true;
      }
      if (!isDifferent) unreal.push(`${route.method} ${route.url}`);
    }
    expect(unreal).toEqual([]);
  });

  it('answers every outsider with a real id exactly as with a random one', async () => {
    const leaks: string[] = [];
    for (const route of routesUnderTest()) {
      // Parameters the fixture has no real id for get the same random id in both calls.
      const unfilled = new Map(paramsOf(route.url).map((name) => [name, randomUUID()]));
      for (const outsider of OUTSIDERS_OF[kindOf(route.url)]) {
        const client = fx.outsiders[outsider];
        const real = await call(client, route, urlFor(route, 'real', unfilled));
        const random = await call(client, route, urlFor(route, 'random', unfilled));
        if (JSON.stringify(real) !== JSON.stringify(random)) {
          leaks.push(
            `${route.method} ${route.url} as ${outsider}: real ${real.status} ${real.code ?? ''}, random ${random.status} ${random.code ?? ''}`,
          );
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('lists for customs only the cases and authorisations each of them opens by id', async () => {
    const callers = [...fx.insiders.slice(1), ...Object.values(fx.outsiders)];
    const applicationId = fx.ids.applications!.id!;
    const authorisationId = fx.ids.authorisations!.id!;
    for (const client of callers) {
      for (const [list, open] of [
        ['/api/v1/applications', (itemId: string) => `/api/v1/applications/${itemId}`],
        ['/api/v1/validation/cases', (itemId: string) => `/api/v1/applications/${itemId}`],
        ['/api/v1/authorisations', (itemId: string) => `/api/v1/authorisations/${itemId}`],
      ] as const) {
        const listed = await client.request('GET', list);
        if (listed.statusCode !== 200) continue;
        const items: Array<{ id: string }> = listed.json().items;
        for (const item of items) expect((await client.request('GET', open(item.id))).statusCode).toBe(200);
      }
    }
    const elsewhere = fx.outsiders['validator of another office'];
    const ids = (await elsewhere.request('GET', '/api/v1/applications'))
      .json()
      .items.map((i: { id: string }) => i.id);
    expect(ids).not.toContain(applicationId);
    const granted = (await elsewhere.request('GET', '/api/v1/authorisations')).json().items;
    expect(granted.map((i: { id: string }) => i.id)).not.toContain(authorisationId);
    const ownOffice = (await fx.insiders[1]!.request('GET', '/api/v1/authorisations')).json().items;
    expect(ownOffice.map((i: { id: string }) => i.id)).toContain(authorisationId);
  });
});

// ----- the applicant's writes, sent by another operator ---------------------------------------------------------

/** Writes on the caller's own account, session or inbox: they name no one else's record. */
const OWN_ACCOUNT_WRITES = new Set([
  'DELETE /api/v1/session',
  'PATCH /api/v1/me',
  'POST /api/v1/me/password',
  'POST /api/v1/me/totp',
  'POST /api/v1/me/totp/confirm',
  'DELETE /api/v1/me/totp',
  'POST /api/v1/notifications/read-all',
]);

/** What only a draft allows goes to operator A's draft, so that a missing owner check would store something. */
const ON_THE_DRAFT = new Set([
  'PUT /api/v1/applications/:id/answers/:questionId',
  'POST /api/v1/applications/:id/evidence',
  'POST /api/v1/applications/:id/sites',
  'DELETE /api/v1/applications/:id/sites/:siteId',
  'POST /api/v1/applications/:id/submit',
  'POST /api/v1/applications/:id/withdraw',
  'POST /api/v1/applications/:id/messages',
]);

/** Write routes an operator's user may call: the policy lets the operator role through, from the route table. */
function operatorWrites(): Array<RouteEntry & { isUpload: boolean }> {
  return routesUnderTest(true).filter(
    (route) =>
      route.method !== 'GET' &&
      route.access?.kind === 'authenticated' &&
      (route.access.roles === undefined || route.access.roles.includes('operator')),
  );
}

describe("operator A's records, written to by operator B", () => {
  let own: { ids: Record<string, Record<string, string>>; bodies: Record<string, unknown> };
  let reads: string[];

  /** What A's own user reads of its draft, case, company and inbox: nothing of it may change. */
  async function readAsOwner(): Promise<string[]> {
    const owner = fx.insiders[0]!;
    const { applications, operators } = own.ids;
    const urls = [
      `/api/v1/applications/${applications!.draft!}`,
      `/api/v1/applications/${applications!.id!}`,
      `/api/v1/applications/${applications!.id!}/information-requests`,
      `/api/v1/applications/${applications!.id!}/report`,
      `/api/v1/operators/${operators!.id!}/users`,
      `/api/v1/operators/${operators!.id!}/delegations`,
      `/api/v1/operators/${operators!.id!}/change-notifications`,
      `/api/v1/register/consent/${operators!.id!}`,
      '/api/v1/applications',
      '/api/v1/notifications',
    ];
    const bodies: string[] = [];
    for (const url of urls) bodies.push((await expectOk(owner.request('GET', url))).body);
    return bodies;
  }

  beforeAll(async () => {
    const owner = fx.insiders[0]!;
    const caseIds = fx.ids.applications!;
    const operatorId = fx.ids.operators!.id!;
    const types = (await t.services.programme.getActive()).definition.authorisationTypes;
    const draft = await expectOk(
      owner.request('POST', '/api/v1/applications', {
        body: { authorisationType: (types[1] ?? types[0]!).id },
      }),
    );
    const draftId: string = draft.json().id;
    const site = await expectOk(
      owner.request('POST', `/api/v1/applications/${draftId}/sites`, {
        body: { kind: 'head_office', name: 'Head office', address: '1 Test Street, Almaty' },
      }),
    );
    // An answer A gave on its case is one the draft's questionnaire accepts too.
    const caseAnswers = (await expectOk(owner.request('GET', `/api/v1/applications/${caseIds.id!}`))).json()
      .answers as Record<string, Record<string, unknown>>;
    const answer = { ...caseAnswers[caseIds.questionId!] };
    delete answer.version;
    const representative = await factories.operator(t, 'Appointed Brokers LLP');
    const delegation = await expectOk(
      owner.request('POST', `/api/v1/operators/${operatorId}/delegations`, {
        body: {
          delegateTaxpayerId: representative.taxpayer_id,
          delegateLegalName: representative.legal_name,
          delegateCountry: representative.country,
          rights: ['view'],
          validFrom: day(0, t.clock.now()),
          validUntil: day(365, t.clock.now()),
        },
      }),
    );
    own = {
      ids: {
        applications: { ...caseIds, draft: draftId, siteId: site.json().id },
        operators: fx.ids.operators!,
        delegations: { id: delegation.json().delegation.id },
        notifications: fx.ids.notifications!,
        register: fx.ids.register!,
      },
      bodies: {
        ...fx.bodies,
        'PUT /api/v1/applications/:id/answers/:questionId': answer,
        'POST /api/v1/applications': { authorisationType: types[0]!.id, operatorId },
        'PATCH /api/v1/operators/:id/users/:userId': { rights: ['view'] },
        'POST /api/v1/operators/:id/invitations': {
          email: 'taken-over@example.test',
          name: 'Intruder',
          rights: ['view', 'prepare', 'submit', 'manage_users'],
        },
        'POST /api/v1/operators/:id/delegations': {
          delegateTaxpayerId: representative.taxpayer_id,
          delegateLegalName: representative.legal_name,
          delegateCountry: representative.country,
          rights: ['view', 'prepare', 'submit'],
          validFrom: day(0, t.clock.now()),
          validUntil: day(365, t.clock.now()),
        },
        'POST /api/v1/operators/:id/change-notifications': {
          kind: 'address',
          description: 'We moved.',
          effectiveDate: day(10, t.clock.now()),
        },
        'POST /api/v1/applications/:id/improvement-plan/measures/:measureId/report': { note: 'Done.' },
        'POST /api/v1/applications/:id/visit/choice': { slotId: randomUUID() },
      },
    };
    reads = await readAsOwner();
  }, 120_000);

  /** A's real ids (`real`) or random ones (`random`); operatorId in the body counts as an id. */
  function target(route: RouteEntry, variant: 'real' | 'random', unfilled: Map<string, string>) {
    const key = `${route.method} ${route.url}`;
    const real = own.ids[route.url.split('/')[3] ?? ''] ?? {};
    const url = route.url.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
      const value = name === 'id' && ON_THE_DRAFT.has(key) ? real.draft : real[name];
      if (value === undefined) return unfilled.get(name) ?? randomUUID();
      if (name === 'questionId') return value;
      return variant === 'real' ? value : randomUUID();
    });
    const body = own.bodies[key];
    const bodies =
      variant === 'random' && body && typeof body === 'object' && 'operatorId' in body
        ? { ...own.bodies, [key]: { ...body, operatorId: randomUUID() } }
        : own.bodies;
    return { url, bodies };
  }

  it('finds the applicant-side writes in the route table', () => {
    const keys = operatorWrites().map((route) => `${route.method} ${route.url}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'PUT /api/v1/applications/:id/answers/:questionId',
        'POST /api/v1/applications/:id/submit',
        'POST /api/v1/operators/:id/delegations',
        'PUT /api/v1/register/consent/:operatorId',
      ]),
    );
  });

  it("refuses every write on A's records with the 404 of a missing id, and stores nothing", async () => {
    const intruder = fx.outsiders['another operator'];
    const failures: string[] = [];
    let checked = 0;
    for (const route of operatorWrites()) {
      const key = `${route.method} ${route.url}`;
      if (OWN_ACCOUNT_WRITES.has(key)) continue;
      if (paramsOf(route.url).length === 0 && !(key in own.bodies)) {
        failures.push(
          `${key}: names no record of A; add it to OWN_ACCOUNT_WRITES or give it a body naming A`,
        );
        continue;
      }
      const unfilled = new Map(paramsOf(route.url).map((name) => [name, randomUUID()]));
      const real = target(route, 'real', unfilled);
      const random = target(route, 'random', unfilled);
      checked += 1;
      const onA = await call(intruder, route, real.url, real.bodies);
      const onNothing = await call(intruder, route, random.url, random.bodies);
      if (onA.status !== 404 || onA.code !== 'not_found' || JSON.stringify(onA) !== JSON.stringify(onNothing))
        failures.push(`${key}: on A's ${onA.status} ${onA.code ?? ''}, on a missing id ${onNothing.status}`);
    }
    expect.soft(failures).toEqual([]);
    expect.soft(await readAsOwner()).toEqual(reads);
    expect(checked).toBeGreaterThan(20);
    // The answer was one A's own user saves: only the owner check kept B's out.
    const draftId = own.ids.applications!.draft!;
    const questionId = own.ids.applications!.questionId!;
    const answer = own.bodies['PUT /api/v1/applications/:id/answers/:questionId'];
    await expectOk(
      fx.insiders[0]!.request('PUT', `/api/v1/applications/${draftId}/answers/${questionId}`, {
        body: answer,
      }),
    );
  });
});
