import { generateToken } from '../platform/crypto';
import { systemContext } from '../platform/request-context';
import type { Role } from '../platform/request-context';
import type { Db } from '../platform/database';
import type { UserDto } from '../modules/accounts/accounts.presenters';
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
  const almaty = await services.organisations.createOffice(context, {
    code: 'ALA',
    name: 'Almaty customs office',
    kind: 'local',
    parentId: headquarters.id,
    regions: ['Almaty', 'Almaty Region', 'Zhetysu'],
  });
  await services.organisations.createOffice(context, {
    code: 'AST',
    name: 'Astana customs office',
    kind: 'local',
    parentId: headquarters.id,
    regions: ['Astana', 'Akmola Region', 'Karaganda Region'],
  });
  await services.organisations.createOffice(context, {
    code: 'KHO',
    name: 'Khorgos border post',
    kind: 'local',
    parentId: headquarters.id,
    regions: ['Khorgos'],
  });

  const { importer, broker, logistics } = await db.transaction().execute(async (trx) => ({
    importer: await services.organisations.createOperator(trx, context, {
      legalName: 'Steppe Trading LLP',
      taxpayerId: '120340012345',
      country: 'KZ',
      address: '45 Abay Avenue, Almaty 050000',
      roles: ['importer', 'exporter'],
      employees: 48,
      annualTurnover: 4_200_000,
    }),
    broker: await services.organisations.createOperator(trx, context, {
      legalName: 'Silk Road Customs Brokers LLP',
      taxpayerId: '090840067890',
      country: 'KZ',
      address: '12 Dostyk Street, Almaty 050010',
      roles: ['customs_broker', 'forwarder'],
      employees: 22,
      annualTurnover: 1_100_000,
    }),
    logistics: await services.organisations.createOperator(trx, context, {
      legalName: 'Altyn Logistics JSC',
      taxpayerId: '051140009876',
      country: 'KZ',
      address: '88 Seifullin Street, Almaty 050002',
      roles: ['forwarder', 'warehouse', 'carrier'],
      employees: 410,
      annualTurnover: 95_000_000,
    }),
  }));

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
      operatorId: account.role === 'operator' ? importer.id : null,
      agency: account.role === 'agency_officer' ? 'SPS' : null,
    });
  }
  const logisticsUser = await services.users.create(context, {
    email: `logistics@${DEMO_DOMAIN}`,
    name: 'Askar Zhunusov',
    password,
    roles: ['operator'],
    operatorId: logistics.id,
  });
  await services.users.create(context, {
    email: `broker@${DEMO_DOMAIN}`,
    name: 'Saule Ibraimova',
    password,
    roles: ['operator'],
    operatorId: broker.id,
  });
  // The validation cases are played out two weeks back, so the granted one — Steppe Trading, the operator@ account —
  // is in force (and certified) today. They come before Steppe's new application in draft, which the applications
  // demo adds (an operator has one open application per type at a time).
  const twoWeeksAgo = new Date(options.now.getTime() - 14 * 86_400_000);
  await seedDemoValidation(services, twoWeeksAgo, {
    password,
    granted: { operatorId: importer.id, owner: created.operator! },
  });
  await seedDemoApplications(services, options.now, {
    importer: created.operator!,
    logistics: logisticsUser,
  });
  await seedDemoTrust(services, options.now);
  await seedDemoRisk(services, options.now, {
    analyst: created.risk_analyst!,
    agencyOfficer: created.agency_officer!,
  });
  return { isNew: true, generatedPassword };
}
