import { greenCustomsProfiles, type RuleProfile } from '../../risk-engine/rules/index';
import { systemContext, type RequestContext } from '../platform/request-context';
import type { Services } from '../services';
import type { UserDto } from '../modules/accounts/accounts.presenters';
import { contextFor } from './demo-applications';
import { demoImporterId, generateDemoDeclarations } from './demo-declarations';

/** Historical traffic decided before any model existed, then recent traffic decided by the first model. */
const HISTORY = 4000;
const RECENT = 600;
/** Share of green declarations checked after release (post-clearance audit), so labels are not all selected ones. */
const AUDITED_GREEN_SHARE = 0.08;

/** Customs' own profile beside the shipped ones. */
const VALUATION_PROFILE: RuleProfile = {
  id: 'valuation',
  name: 'Valuation',
  description: { en: 'Customs value checks', ru: 'Проверки таможенной стоимости' },
  owner: { kind: 'customs' },
  rules: [
    {
      id: 'VAL-CARS-LOW',
      name: 'Cars declared far below the reference price',
      description: {
        en: 'Passenger cars declared under USD 7 per kg are checked against the price database',
        ru: 'Легковые автомобили дешевле 7 долларов США за кг сверяются с ценовой базой',
      },
      owner: { kind: 'customs' },
      condition: {
        kind: 'all',
        conditions: [
          { kind: 'hsPrefix', prefixes: ['8703'] },
          { kind: 'range', field: 'item.valuePerKg', max: 7 },
        ],
      },
      action: { minimumChannel: 'yellow', scoreAdjustment: 0.1 },
    },
  ],
};

/** The partner agency's (phytosanitary inspection's) own profile, kept by its officer. */
const PLANT_HEALTH_PROFILE: RuleProfile = {
  id: 'sps-plant-health',
  name: 'Plant health',
  description: { en: 'Phytosanitary controls', ru: 'Фитосанитарный контроль' },
  owner: { kind: 'agency', agency: 'SPS' },
  rules: [
    {
      id: 'SPS-PHYTO-01',
      name: 'Fresh vegetables and fruit without a phytosanitary certificate',
      description: {
        en: 'Fresh vegetables and fruit need a phytosanitary certificate',
        ru: 'Для свежих овощей и фруктов нужен фитосанитарный сертификат',
      },
      owner: { kind: 'agency', agency: 'SPS' },
      condition: {
        kind: 'all',
        conditions: [
          { kind: 'hsPrefix', prefixes: ['0702', '0808'] },
          {
            kind: 'missingPermit',
            pattern: '^PHYTO',
            document: { en: 'phytosanitary certificate', ru: 'фитосанитарный сертификат' },
          },
        ],
      },
      action: { minimumChannel: 'red', notifyAgency: 'SPS' },
    },
  ],
};

/** Budgets: the default for every office, and Almaty's own. */
const DEMO_BUDGETS = [
  { office: '*', rates: { red: 0.02, yellow: 0.03, blue: 0 } },
  { office: 'ALA', rates: { red: 0.03, yellow: 0.03, blue: 0.01 } },
];

/** A demo importer on the national AEO register. */
function nationalAeo(index: number, status: 'active' | 'suspended') {
  return {
    partyId: demoImporterId(index),
    status,
    authorisationType: 'aeo',
    tier: 'standard',
    source: 'national' as const,
    legalName: `Demo importer ${index}`,
  };
}

function withRequestId(context: RequestContext, requestId: string): RequestContext {
  return { ...context, requestId };
}

/**
 * The risk unit's demo: the shipped green-customs profiles and a partner agency's own profile, budgets for two
 * offices, a trusted-trader list (national AEOs and one partner AEO under an MRA), a year of declarations with
 * inspection results, and a first model trained from them and activated — so every risk screen has content.
 */
export async function seedDemoRisk(
  services: Services,
  now: Date,
  users: { analyst: UserDto; agencyOfficer: UserDto },
): Promise<void> {
  const analyst = withRequestId(contextFor(users.analyst, now), 'seed');
  const agency = withRequestId(contextFor(users.agencyOfficer, now), 'seed');
  const settings = services.riskSettings;

  // The shipped profiles are customs' (the analyst's); each own profile is kept by its author.
  const profiles = [
    ...greenCustomsProfiles.map((profile) => ({ profile, author: analyst })),
    { profile: VALUATION_PROFILE, author: analyst },
    { profile: PLANT_HEALTH_PROFILE, author: agency },
  ];
  for (const { profile, author } of profiles) {
    await settings.createProfile(author, {
      id: profile.id,
      name: profile.name,
      description: profile.description,
    });
    for (const rule of profile.rules) await settings.createRule(author, profile.id, rule);
  }

  for (const { office, rates } of DEMO_BUDGETS) {
    await settings.savePolicy(analyst, office, { id: 'budget', seed: 'demo', rates } as never, undefined);
  }

  await settings.upsertTrustedTraders(
    analyst,
    [
      ...[0, 1, 2, 5, 8, 13].map((index) => nationalAeo(index, 'active')),
      nationalAeo(21, 'suspended'),
      {
        partyId: 'KR-AEO-0042',
        status: 'active' as const,
        authorisationType: 'AEO',
        tier: 'AA',
        source: 'mra' as const,
        partner: 'KR',
        legalName: 'Hanbit Electronics Co., Ltd.',
      },
    ],
    'api',
  );

  // A year of traffic before the first model: rules, random control and exploration choose.
  const context = systemContext(now, 'seed');
  const history = generateDemoDeclarations(HISTORY + RECENT, {
    seed: 2026,
    startDate: '2025-12-01',
    days: 350,
  });
  const past = history.slice(0, HISTORY);
  for (let start = 0; start < past.length; start += 1000) {
    const batch = past.slice(start, start + 1000);
    const decisions = await services.declarations.ingest(
      context,
      batch.map((row) => row.declaration),
      { source: 'demo' },
    );
    const results = batch.flatMap((row, i) => {
      const decision = decisions[i]!;
      const isInspected = decision.channel !== 'green' || (i * 7919) % 100 < AUDITED_GREEN_SHARE * 100;
      return isInspected ? [{ declarationId: row.declaration.id, label: row.truth }] : [];
    });
    await services.declarations.importInspectionResults(context, results);
  }

  const version = await services.riskModels.startTraining(analyst, {
    preset: 'fast',
    note: 'First model, trained from the inspection results of the demo year',
  });
  await services.riskModels.settle();
  const trained = await services.riskModels.get(version.id);
  if (trained.status === 'ready') await services.riskModels.activate(analyst, version.id);

  const recent = history.slice(HISTORY);
  await services.declarations.ingest(
    context,
    recent.map((row) => row.declaration),
    { source: 'demo' },
  );
}
