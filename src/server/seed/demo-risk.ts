import { greenCustomsProfiles } from '../../risk-engine/rules/index';
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

  for (const profile of greenCustomsProfiles) {
    await settings.createProfile(analyst, {
      id: profile.id,
      name: profile.name,
      description: profile.description,
    });
    for (const rule of profile.rules) await settings.createRule(analyst, profile.id, rule);
  }
  await settings.createProfile(analyst, {
    id: 'valuation',
    name: 'Valuation',
    description: { en: 'Customs value checks', ru: 'Проверки таможенной стоимости' },
  });
  await settings.createRule(analyst, 'valuation', {
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
  });
  await settings.createProfile(agency, {
    id: 'sps-plant-health',
    name: 'Plant health',
    description: { en: 'Phytosanitary controls', ru: 'Фитосанитарный контроль' },
  });
  await settings.createRule(agency, 'sps-plant-health', {
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
  });

  await settings.savePolicy(
    analyst,
    '*',
    { id: 'budget', seed: 'demo', rates: { red: 0.02, yellow: 0.03, blue: 0 } } as never,
    undefined,
  );
  await settings.savePolicy(
    analyst,
    'ALA',
    { id: 'budget', seed: 'demo', rates: { red: 0.03, yellow: 0.03, blue: 0.01 } } as never,
    undefined,
  );

  await settings.upsertTrustedTraders(
    analyst,
    [
      ...[0, 1, 2, 5, 8, 13].map((index) => ({
        partyId: demoImporterId(index),
        status: 'active' as const,
        authorisationType: 'aeo',
        tier: 'standard',
        source: 'national' as const,
        legalName: `Demo importer ${index}`,
      })),
      {
        partyId: demoImporterId(21),
        status: 'suspended' as const,
        authorisationType: 'aeo',
        tier: 'standard',
        source: 'national' as const,
        legalName: 'Demo importer 21',
      },
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
