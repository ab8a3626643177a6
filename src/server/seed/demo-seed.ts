import { generateToken } from '../platform/crypto';
import { systemContext } from '../platform/request-context';
import type { Role } from '../platform/request-context';
import type { Db } from '../platform/database';
import type { UserDto } from '../modules/accounts/accounts.presenters';
import type { OperatorInput } from '../modules/organisations/organisations.service';
import type { OperatorRow } from '../modules/organisations/organisations.repository';
import type { Services } from '../services';
import { seedDemoApplications } from './demo-applications';
import { seedDemoRisk } from './demo-risk';
import { seedDemoTrust } from './demo-trust';
import { seedDemoValidation } from './demo-validation';

export const DEMO_DOMAIN = 'demo.openaeo.test';

export interface DemoAccount {
  email: string;
  role: Role;
  description: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: `admin@${DEMO_DOMAIN}`, role: 'admin', description: 'administrator' },
  { email: `validator@${DEMO_DOMAIN}`, role: 'validator', description: 'AEO validator (Almaty office)' },
  { email: `manager@${DEMO_DOMAIN}`, role: 'aeo_manager', description: 'AEO manager (headquarters)' },
  { email: `analyst@${DEMO_DOMAIN}`, role: 'risk_analyst', description: 'risk analyst (headquarters)' },
  {
    email: `operator@${DEMO_DOMAIN}`,
    role: 'operator',
    description: 'Steppe Trading LLP (importer, SME): AEO, certified; a new application in draft',
  },
  {
    email: `sps@${DEMO_DOMAIN}`,
    role: 'agency_officer',
    description: 'phytosanitary inspection (partner agency SPS)',
  },
];

/** The local offices under headquarters; the validator works at Almaty. */
const DEMO_LOCAL_OFFICES = [
  { code: 'ALA', name: 'Almaty customs office', regions: ['Almaty', 'Almaty Region', 'Zhetysu'] },
  { code: 'AST', name: 'Astana customs office', regions: ['Astana', 'Akmola Region', 'Karaganda Region'] },
  { code: 'KHO', name: 'Khorgos border post', regions: ['Khorgos'] },
];

/** The Kazakh operators: the SME importer of the operator@ account, a broker and a large logistics company. */
const DEMO_OPERATORS = {
  importer: {
    legalName: 'Steppe Trading LLP',
    taxpayerId: '120340012345',
    address: '45 Abay Avenue, Almaty 050000',
    roles: ['importer', 'exporter'],
    employees: 48,
    annualTurnover: 4_200_000,
  },
  broker: {
    legalName: 'Silk Road Customs Brokers LLP',
    taxpayerId: '090840067890',
    address: '12 Dostyk Street, Almaty 050010',
    roles: ['customs_broker', 'forwarder'],
    employees: 22,
    annualTurnover: 1_100_000,
  },
  logistics: {
    legalName: 'Altyn Logistics JSC',
    taxpayerId: '051140009876',
    address: '88 Seifullin Street, Almaty 050002',
    roles: ['forwarder', 'warehouse', 'carrier'],
    employees: 410,
    annualTurnover: 95_000_000,
  },
} satisfies Record<string, Omit<OperatorInput, 'country'>>;
type DemoOperator = keyof typeof DEMO_OPERATORS;

/** Users of the broker and the logistics company (the importer's is a demo account), in the order created. */
const DEMO_OPERATOR_USERS: { operator: DemoOperator; name: string }[] = [
  { operator: 'logistics', name: 'Askar Zhunusov' },
  { operator: 'broker', name: 'Saule Ibraimova' },
];

export interface SeedResult {
  isNew: boolean;
  /** Only when the password was generated on this run: it is shown once and never stored in clear. */
  generatedPassword: string | undefined;
}

/** Idempotent: the first start creates the demo administration; later starts find it and add nothing. */
export async function seedDemo(
  db: Db,
  services: Services,
  options: { password: string | undefined; now: Date },
): Promise<SeedResult> {
  if (await services.organisations.findOfficeByCode('HQ'))
    return { isNew: false, generatedPassword: undefined };
  const generatedPassword = options.password ? undefined : `Demo-${generateToken(12)}`;
  const password = options.password ?? generatedPassword!;
  const context = systemContext(options.now, 'seed');

  const headquarters = await services.organisations.createOffice(context, {
    code: 'HQ',
    name: 'Customs headquarters — AEO and risk management department',
    kind: 'headquarters',
    regions: [],
  });
  const localOffices = [];
  for (const office of DEMO_LOCAL_OFFICES) {
    localOffices.push(
      await services.organisations.createOffice(context, {
        ...office,
        kind: 'local',
        parentId: headquarters.id,
      }),
    );
  }
  const almaty = localOffices.find((office) => office.code === 'ALA')!;

  const operators = await db.transaction().execute(async (trx) => {
    const operators: Partial<Record<DemoOperator, OperatorRow>> = {};
    for (const [key, operator] of Object.entries(DEMO_OPERATORS)) {
      operators[key as DemoOperator] = await services.organisations.createOperator(trx, context, {
        ...operator,
        country: 'KZ',
      });
    }
    return operators as Record<DemoOperator, OperatorRow>;
  });

  const offices: Partial<Record<Role, string>> = {
    validator: almaty.id,
    aeo_manager: headquarters.id,
    risk_analyst: headquarters.id,
  };
  const names: Record<Role, string> = {
    admin: 'Aigerim Sadykova',
    validator: 'Daniyar Omarov',
    aeo_manager: 'Gulnara Bekova',
    risk_analyst: 'Timur Akhmetov',
    agency_officer: 'Madina Serikova',
    operator: 'Yerlan Nurpeisov',
  };
  const created: Partial<Record<Role, UserDto>> = {};
  for (const account of DEMO_ACCOUNTS) {
    created[account.role] = await services.users.create(context, {
      email: account.email,
      name: names[account.role],
      password,
      roles: [account.role],
      officeId: offices[account.role] ?? null,
      operatorId: account.role === 'operator' ? operators.importer.id : null,
      agency: account.role === 'agency_officer' ? 'SPS' : null,
    });
  }
  const operatorUsers: Partial<Record<DemoOperator, UserDto>> = {};
  for (const { operator, name } of DEMO_OPERATOR_USERS) {
    operatorUsers[operator] = await services.users.create(context, {
      email: `${operator}@${DEMO_DOMAIN}`,
      name,
      password,
      roles: ['operator'],
      operatorId: operators[operator].id,
    });
  }
  // The validation cases are played out two weeks back, so the granted one — Steppe Trading, the operator@ account —
  // is in force (and certified) today. They come before Steppe's new application in draft, which the applications
  // demo adds (an operator has one open application per type at a time).
  const twoWeeksAgo = new Date(options.now.getTime() - 14 * 86_400_000);
  await seedDemoValidation(services, twoWeeksAgo, {
    password,
    granted: { operatorId: operators.importer.id, owner: created.operator! },
  });
  await seedDemoApplications(services, options.now, {
    importer: created.operator!,
    logistics: operatorUsers.logistics!,
  });
  await seedDemoTrust(services, options.now);
  await seedDemoRisk(services, options.now, {
    analyst: created.risk_analyst!,
    agencyOfficer: created.agency_officer!,
  });
  return { isNew: true, generatedPassword };
}
