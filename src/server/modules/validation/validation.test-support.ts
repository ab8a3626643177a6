import type { UserDto } from '../accounts/accounts.presenters';
import { visibleQuestions } from '../../../programme-core';
import { answerQuestionnaire, contextFor } from '../../seed/demo-applications';
import { factories, signIn, type TestApp, type TestClient } from '../../../../tests/support/test-app';
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

/** An operator with an application accepted for examination and assigned to the validator. */
export async function acceptedCase(t: TestApp, staff: Staff, name = 'Test Trading LLP') {
  const operator = await factories.operator(t, name);
  const owner = await factories.user(t, {
    roles: ['operator'],
    operatorId: operator.id,
    operatorRights: ['view', 'prepare', 'submit', 'manage_users'],
  });
  const now = t.clock.now();
  const as = (user: UserDto) => contextFor(user, t.clock.now());
  const type = (await t.services.programme.getActive()).definition.authorisationTypes[0]!.id;
  const application = await t.services.applications.create(as(owner), { authorisationType: type });
  await t.services.applications.addSite(as(owner), application.id, {
    kind: 'head_office',
    name: 'Head office',
    address: '1 Test Street, Almaty',
  });
  await answerQuestionnaire(t.services, contextFor(owner, now), application.id);
  await t.services.applications.submit(as(owner), application.id);
  await t.services.applications.decideAcceptance(as(staff.signer), application.id, { outcome: 'accepted' });
  await t.services.applications.assign(as(staff.signer), application.id, staff.validator.id);
  return { operator, owner, applicationId: application.id, client: await signIn(t.app, owner.email) };
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

export async function clientFor(t: TestApp, user: UserDto): Promise<TestClient> {
  return signIn(t.app, user.email);
}
