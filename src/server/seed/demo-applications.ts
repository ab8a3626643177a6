import type { UserDto } from '../modules/accounts/accounts.presenters';
import {
  visibleQuestions,
  type AnswerMap,
  type Column,
  type OperatorRole,
  type Question,
} from '../../programme-core';
import type { RequestContext } from '../platform/request-context';
import type { Services } from '../services';

/** Acts as a seeded user, so demo data goes through the same services, checks and audit as real use. */
export function contextFor(user: UserDto, now: Date): RequestContext {
  return {
    principal: {
      kind: 'user',
      userId: user.id,
      email: user.email,
      name: user.name,
      roles: user.roles,
      language: user.language,
      officeId: user.officeId,
      operatorId: user.operatorId,
      operatorRights: user.operatorRights,
      agency: user.agency,
      sessionId: 'seed',
      csrfToken: 'seed',
      isSecondFactorPending: false,
    },
    requestId: 'seed',
    ip: undefined,
    now,
  };
}

function sampleCell(column: Column): unknown {
  switch (column.type) {
    case 'number':
    case 'money':
      return 1;
    case 'date':
      return '2024-01-15';
    case 'yes_no':
      return true;
    case 'choice':
      return column.options?.[0]?.id ?? '';
    default:
      return 'As described in our procedures manual';
  }
}

/** A plausible answer of the right type, as a diligent demo applicant would give. */
function sampleAnswer(question: Question): Record<string, unknown> {
  switch (question.type) {
    case 'yes_no':
      return { value: true };
    case 'choice':
      return { value: question.options?.[0]?.id };
    case 'multi_choice':
      return { value: [question.options?.[0]?.id] };
    case 'number':
      return { value: Math.max(question.min ?? 0, Math.min(question.max ?? 12, 12)) };
    case 'money':
      return { value: 250_000 };
    case 'date':
      return { value: '2024-06-01' };
    case 'table':
      return {
        value: [
          Object.fromEntries((question.columns ?? []).map((column) => [column.id, sampleCell(column)])),
        ],
      };
    case 'file':
      return {
        alreadyProvided: true,
        reference: 'Customs registration file 2023/114',
        explanation: 'Filed with the customs office when the company registered as a declarant.',
      };
    default:
      return {
        value: 'Documented in our customs compliance manual, section 3, reviewed yearly by management.',
      };
  }
}

/** Answers every visible question (re-evaluating conditions as answers arrive) through the public service. */
export async function answerQuestionnaire(
  services: Services,
  context: RequestContext,
  applicationId: string,
  limit = Infinity,
) {
  const caseData = await services.applications.getCase(context, applicationId);
  const answers: Record<string, unknown> = {};
  let saved = 0;
  for (let pass = 0; pass < 5 && saved < limit; pass += 1) {
    const visible = visibleQuestions(caseData.definition, {
      variant: caseData.application.variant as 'standard' | 'sme' | 'ecommerce',
      authorisationType: caseData.application.authorisation_type,
      operatorRoles: caseData.operator.roles as OperatorRole[],
      isSme: caseData.application.is_sme,
      answers: answers as AnswerMap,
    });
    const pending = visible.filter((question) => !(question.id in answers));
    if (pending.length === 0) break;
    for (const question of pending) {
      if (saved >= limit) break;
      const answer = sampleAnswer(question);
      await services.applications.saveAnswer(context, applicationId, question.id, answer, undefined);
      answers[question.id] = answer;
      saved += 1;
    }
  }
}

export async function seedDemoApplications(
  services: Services,
  now: Date,
  people: { importer: UserDto; logistics: UserDto },
): Promise<void> {
  const programme = await services.programme.getActive();
  const type = programme.definition.authorisationTypes[0]!.id;

  // Steppe Trading has a draft under way: the operator can continue it right after `npm start`.
  const importer = contextFor(people.importer, now);
  const draft = await services.applications.create(importer, { authorisationType: type });
  await answerQuestionnaire(services, importer, draft.id, 12);

  // Altyn Logistics has submitted a complete application: the intake queue has a case to accept.
  const logistics = contextFor(people.logistics, now);
  const submitted = await services.applications.create(logistics, { authorisationType: type });
  await services.applications.addSite(logistics, submitted.id, {
    kind: 'head_office',
    name: 'Head office',
    address: '88 Seifullin Street, Almaty',
    activities: 'Management, customs declarations',
  });
  await answerQuestionnaire(services, logistics, submitted.id);
  await services.applications.submit(logistics, submitted.id);
}
