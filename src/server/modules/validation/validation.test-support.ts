import { beforeAll, expect } from 'vitest';
import type { UserDto } from '../accounts/accounts.presenters';
import { visibleQuestions } from '../../../programme-core';
import { answerQuestionnaire, contextFor } from '../../seed/demo-applications';
import {
  factories,
  signIn,
  TEST_PASSWORD,
  type TestApp,
  type TestClient,
} from '../../../../tests/support/test-app';
import { systemContext } from '../../platform/request-context';
import type { FindingValue } from './validation.tables';

/** People of one test administration: headquarters with two managers, a local office with its validator. */
export async function createStaff(t: TestApp) {
  const headquarters = await factories.office(t.services, 'headquarters');
  const local = await factories.office(t.services, 'local');
  const validator = await factories.user(t, { roles: ['validator'], officeId: local.id });
  const signer = await factories.user(t, { roles: ['aeo_manager'], officeId: headquarters.id });
  const decider = await factories.user(t, { roles: ['aeo_manager'], officeId: headquarters.id });
  const appealReviewer = await factories.user(t, {
    roles: ['aeo_manager'],
    officeId: headquarters.id,
  });
  return { headquarters, local, validator, signer, decider, appealReviewer };
}

export type Staff = Awaited<ReturnType<typeof createStaff>>;

/**
 * The staff of a test file's app, made in a `beforeAll` registered where this is called (after `useTestApp`, before
 * the file's own hooks that use them); the returned object is filled in then.
 */
export function useStaff(t: TestApp): Staff {
  const staff = {} as Staff;
  beforeAll(async () => {
    Object.assign(staff, await createStaff(t));
  });
  return staff;
}

/** The calendar day (YYYY-MM-DD) `offsetDays` from the test clock's now. */
export function dateInDays(t: TestApp, offsetDays: number): string {
  return new Date(t.clock.now().getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** An operator whose account manager holds a draft with its head office and every visible question answered. */
export async function answeredDraft(t: TestApp, name = 'Test Trading LLP') {
  const operator = await factories.operator(t, name);
  const owner = await factories.user(t, {
    roles: ['operator'],
    operatorId: operator.id,
    operatorRights: ['view', 'prepare', 'submit', 'manage_users'],
  });
  const as = contextFor(owner, t.clock.now());
  const type = (await t.services.programme.getActive()).definition.authorisationTypes[0]!.id;
  const application = await t.services.applications.create(as, { authorisationType: type });
  await t.services.applications.addSite(as, application.id, {
    kind: 'head_office',
    name: 'Head office',
    address: '1 Test Street, Almaty',
  });
  await answerQuestionnaire(t.services, as, application.id);
  return { operator, owner, applicationId: application.id };
}

/** An operator with an application accepted for examination and assigned to the validator. */
export async function acceptedCase(t: TestApp, staff: Staff, name = 'Test Trading LLP') {
  const { operator, owner, applicationId } = await answeredDraft(t, name);
  const as = (user: UserDto) => contextFor(user, t.clock.now());
  await t.services.applications.submit(as(owner), applicationId);
  await t.services.applications.decideAcceptance(as(staff.signer), applicationId, { outcome: 'accepted' });
  await t.services.applications.assign(as(staff.signer), applicationId, staff.validator.id);
  return { operator, owner, applicationId, client: await signIn(t.app, owner.email) };
}

/** The validator records the same finding on every visible answer (or what `pick` says). */
export async function reviewAll(
  t: TestApp,
  staff: Staff,
  applicationId: string,
  pick: (questionId: string) => FindingValue = () => 'satisfactory',
) {
  const context = contextFor(staff.validator, t.clock.now());
  const caseData = await t.services.applications.getCase(context, applicationId);
  const questions = visibleQuestions(caseData.definition, {
    variant: caseData.application.variant as 'standard',
    authorisationType: caseData.application.authorisation_type,
    operatorRoles: caseData.operator.roles as ['importer'],
    isSme: caseData.application.is_sme,
    answers: Object.fromEntries(caseData.answers.map((a) => [a.question_id, a.answer as never])),
  });
  await t.services.validation.deskReview.recordFindings(
    context,
    applicationId,
    questions.map((question) => ({
      questionId: question.id,
      finding: pick(question.id),
      note: '',
      visibility: 'shared' as const,
    })),
  );
  return questions;
}

/** Through desk review, report and sign-off: the case awaits a decision. */
export async function readyForDecision(t: TestApp, staff: Staff, name?: string) {
  const made = await acceptedCase(t, staff, name);
  await reviewAll(t, staff, made.applicationId);
  const validator = contextFor(staff.validator, t.clock.now());
  await t.services.validation.reports.issue(validator, made.applicationId, { recommendation: 'grant' });
  await t.services.validation.decisions.requestSignOff(validator, made.applicationId);
  await t.services.validation.decisions.signOff(contextFor(staff.signer, t.clock.now()), made.applicationId, {
    outcome: 'approved',
  });
  return made;
}

/** The decider rejects the case (its notice of intended rejection already sent) and the applicant appeals: the appeal. */
export async function rejectAndAppeal(
  t: TestApp,
  staff: Staff,
  made: { applicationId: string; client: TestClient },
) {
  const url = `/api/v1/applications/${made.applicationId}`;
  const rejected = await (
    await clientFor(t, staff.decider)
  ).request('POST', `${url}/decision/rejection`, {
    body: { grounds: 'Gate not guarded.', rulesReliedOn: ['SAFE condition I'] },
  });
  expect(rejected.statusCode, rejected.body).toBe(201);
  const lodged = await made.client.request('POST', `${url}/appeal`, {
    body: { grounds: 'The guard was there.', body: 'See the contract.' },
  });
  expect(lodged.statusCode, lodged.body).toBe(201);
  return lodged.json<{ id: string; status: string }>();
}

export async function clientFor(t: TestApp, user: UserDto): Promise<TestClient> {
  return signIn(t.app, user.email);
}

/**
 * The offices and people `seedDemoValidation` looks for, as the demo seed makes them: headquarters with the manager,
 * the Almaty office (taking every case with an Almaty address) with the validator, and the SPS agency's officer.
 */
export async function createDemoValidationPeople(t: TestApp): Promise<void> {
  const context = systemContext(t.clock.now());
  const hq = await t.services.organisations.createOffice(context, {
    code: 'HQ',
    name: 'Headquarters',
    kind: 'headquarters',
    regions: [],
  });
  const almaty = await t.services.organisations.createOffice(context, {
    code: 'ALA',
    name: 'Almaty',
    kind: 'local',
    parentId: hq.id,
    regions: ['Almaty'],
  });
  for (const [email, role, officeId, agency] of [
    ['validator@demo.openaeo.test', 'validator', almaty.id, undefined],
    ['manager@demo.openaeo.test', 'aeo_manager', hq.id, undefined],
    ['sps@demo.openaeo.test', 'agency_officer', undefined, 'SPS'],
  ] as const) {
    await t.services.users.create(context, {
      email,
      name: email,
      password: TEST_PASSWORD,
      roles: [role],
      ...(officeId ? { officeId } : {}),
      ...(agency ? { agency } : {}),
    });
  }
}
