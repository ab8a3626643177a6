import type { UserDto } from '../modules/accounts/accounts.presenters';
import type { ConsultationRequest } from '../modules/validation/consultation.service';
import type { FindingValue } from '../modules/validation/validation.tables';
import { visibleQuestions, type AnswerMap, type OperatorRole } from '../../programme-core';
import { generateToken } from '../platform/crypto';
import { systemContext } from '../platform/request-context';
import type { Services } from '../services';
import { answerQuestionnaire, contextFor } from './demo-applications';

const DOMAIN = 'demo.openaeo.test';

interface DemoCompany {
  legalName: string;
  taxpayerId: string;
  address: string;
  roles: OperatorRole[];
  user: { email: string; name: string };
}

const COMPANIES = {
  ready: {
    legalName: 'Kumys Foods LLP',
    taxpayerId: '150740011223',
    address: '17 Raiymbek Avenue, Almaty 050016',
    roles: ['importer', 'manufacturer'],
    user: { email: `kumys@${DOMAIN}`, name: 'Aliya Serikova' },
  },
  granted: {
    legalName: 'Turan Express LLP',
    taxpayerId: '110540033445',
    address: '5 Suyunbay Avenue, Almaty 050050',
    roles: ['importer', 'exporter'],
    user: { email: `turan@${DOMAIN}`, name: 'Marat Iskakov' },
  },
  appealed: {
    legalName: 'Caspian Chemicals LLP',
    taxpayerId: '080340055667',
    address: '30 Zhandosov Street, Almaty 050057',
    roles: ['importer'],
    user: { email: `caspian@${DOMAIN}`, name: 'Dana Utegenova' },
  },
} satisfies Record<string, DemoCompany>;

/**
 * Demo applications in each stage of validation and decision, made through the services as the people involved:
 * one ready for decision (Kumys Foods), one granted with its authorisation and letters (Turan Express), and one
 * rejected and under appeal (Caspian Chemicals). The reports are signed off by a senior officer of the Almaty
 * office, so the headquarters manager may decide (four eyes) and the administrator may review the appeal.
 * SME applicants keep the questionnaires short, and so the first start.
 */
export async function seedDemoValidation(
  services: Services,
  now: Date,
  options: {
    password?: string | undefined;
    /** An operator (and its account manager) that already exists gets the granted case instead of Turan Express. */
    granted?: { operatorId: string; owner: UserDto } | undefined;
  } = {},
): Promise<void> {
  const [validator, manager] = await Promise.all([
    services.users.findByEmail(`validator@${DOMAIN}`),
    services.users.findByEmail(`manager@${DOMAIN}`),
  ]);
  const almaty = await services.organisations.findOfficeByCode('ALA');
  if (!validator || !manager || !almaty) return;
  if (await services.users.findByEmail(COMPANIES.ready.user.email)) return;
  // Without the demo password (not passed yet by the caller) these accounts exist for the record but cannot sign in.
  const password = options.password ?? `Demo-${generateToken(12)}`;
  const system = systemContext(now, 'seed');
  const senior = await services.users.create(system, {
    email: `senior@${DOMAIN}`,
    name: 'Yerbol Kassymov',
    password,
    roles: ['aeo_manager'],
    officeId: almaty.id,
  });
  const as = (user: UserDto) => contextFor(user, now);

  async function toReadyForDecision(
    company: DemoCompany,
    pick: (index: number) => FindingValue,
    existing?: { operatorId: string; owner: UserDto },
    consultation?: ConsultationRequest,
  ) {
    const operator = existing
      ? { id: existing.operatorId }
      : await services.validation.db.transaction().execute((trx) =>
          services.organisations.createOperator(trx, system, {
            legalName: company.legalName,
            taxpayerId: company.taxpayerId,
            country: 'KZ',
            address: company.address,
            roles: company.roles,
            employees: 30,
            annualTurnover: 1_500_000,
          }),
        );
    const owner =
      existing?.owner ??
      (await services.users.create(system, {
        ...company.user,
        password,
        roles: ['operator'],
        operatorId: operator.id,
      }));
    const programme = await services.programme.getActive();
    const application = await services.applications.create(as(owner), {
      authorisationType: programme.definition.authorisationTypes[0]!.id,
    });
    await services.applications.addSite(as(owner), application.id, {
      kind: 'head_office',
      name: 'Head office and warehouse',
      address: company.address,
      activities: 'Management, customs declarations, storage',
    });
    await answerQuestionnaire(services, as(owner), application.id);
    await services.applications.submit(as(owner), application.id);
    await services.applications.decideAcceptance(as(manager!), application.id, { outcome: 'accepted' });
    await services.applications.assign(as(manager!), application.id, validator!.id);
    if (consultation) {
      await services.validation.consultations.send(as(validator!), application.id, consultation);
    }

    const caseData = await services.applications.getCase(as(validator!), application.id);
    const answers: AnswerMap = Object.fromEntries(
      caseData.answers.map((row) => [row.question_id, row.answer as never]),
    );
    const questions = visibleQuestions(caseData.definition, {
      variant: caseData.application.variant as 'sme',
      authorisationType: caseData.application.authorisation_type,
      operatorRoles: caseData.operator.roles as OperatorRole[],
      isSme: caseData.application.is_sme,
      answers,
    });
    await services.validation.deskReview.recordFindings(
      as(validator!),
      application.id,
      questions.map((question, index) => ({
        questionId: question.id,
        finding: pick(index),
        note:
          pick(index) === 'satisfactory'
            ? ''
            : 'Procedure exists on paper; not applied at the warehouse gate.',
        visibility: 'shared' as const,
      })),
    );
    const catalogueRisk = caseData.definition.riskCatalogue[0];
    if (catalogueRisk) {
      await services.validation.riskMap.add(as(validator!), application.id, {
        catalogueId: catalogueRisk.id,
        likelihood: 3,
        impact: 4,
        controls: 'Second check of classification by the customs manager',
        controlEffectiveness: 'adequate',
      });
    }
    const isAdverse = questions.some((_, index) => pick(index) !== 'satisfactory');
    await services.validation.reports.issue(as(validator!), application.id, {
      recommendation: isAdverse ? 'reject' : 'grant',
    });
    await services.validation.decisions.requestSignOff(as(validator!), application.id);
    await services.validation.decisions.signOff(as(senior), application.id, { outcome: 'approved' });
    return { owner, applicationId: application.id };
  }

  // Ready for decision: the manager can grant it in the UI. The partner agency SPS (sps@, when the demo has it) was
  // consulted on it and has not answered yet: the consultation waits in its inbox, due in about a month.
  const sps = await services.users.findByEmail(`sps@${DOMAIN}`);
  await toReadyForDecision(
    COMPANIES.ready,
    () => 'satisfactory',
    undefined,
    sps?.agency
      ? {
          agencies: [sps.agency],
          question:
            'Kumys Foods imports dairy cultures and packaging from outside the Union. Do you hold infringements, ' +
            'unlisted branches or objections concerning this company?',
          dueDate: new Date(now.getTime() + 45 * 86_400_000).toISOString().slice(0, 10),
        }
      : undefined,
  );

  // Granted: an authorisation record and the decision letters in English and Russian.
  const granted = await toReadyForDecision(COMPANIES.granted, () => 'satisfactory', options.granted);
  await services.validation.decisions.grant(as(manager), granted.applicationId, {
    grounds: 'Every criterion is satisfied; the on-site checks confirmed the procedures described.',
  });

  // Rejected after a hearing, and appealed: the administrator (headquarters) can review the appeal.
  const appealed = await toReadyForDecision(COMPANIES.appealed, (index) =>
    index % 4 === 0 ? 'unsatisfactory' : 'satisfactory',
  );
  await services.validation.decisions.notifyIntendedRejection(as(manager), appealed.applicationId, {
    reasons: 'Premises and cargo security are not shown to be applied (SAFE conditions G and I).',
  });
  await services.validation.decisions.answerNotice(as(appealed.owner), appealed.applicationId, {
    reply: 'Seals and access badges were introduced last month; the register is attached to the case.',
  });
  await services.validation.decisions.reject(as(manager), appealed.applicationId, {
    grounds: 'The security measures described were not found in place at the warehouse gate.',
    rulesReliedOn: ['WTO TFA Art. 7.7(b)', 'WCO SAFE Framework 2021, AEO conditions G and I'],
  });
  await services.validation.appeals.lodge(as(appealed.owner), appealed.applicationId, {
    grounds: 'The examination ignored the measures introduced before the decision.',
    body: 'We ask headquarters to reverse the decision or order a new on-site visit.',
  });
}
