/**
 * The demo's own declarations: synthetic imports into Kazakhstan with planted risk patterns (a few importers and
 * sellers who undervalue, some goods that need permits), so that the risk unit's screens, retraining and the
 * benchmarks have realistic traffic without any outside data.
 */
import type { Declaration, InspectionLabel } from '../../risk-engine/index';
import { mulberry32 } from '../../risk-engine/policy/index';

export interface DemoDeclaration {
  declaration: Declaration;
  /** What an inspection would find (the generator knows the truth; only inspected ones are recorded). */
  truth: InspectionLabel;
}

const OFFICES = ['ALA', 'AST', 'KHR', 'SHY'];
const GOODS: { hs: string; description: string; unitValue: number; duty: number }[] = [
  { hs: '851712', description: 'Mobile telephones', unitValue: 180, duty: 0 },
  { hs: '847130', description: 'Laptop computers', unitValue: 420, duty: 0 },
  { hs: '640399', description: 'Leather footwear', unitValue: 22, duty: 10 },
  { hs: '611020', description: 'Cotton jerseys', unitValue: 9, duty: 12 },
  { hs: '870323', description: 'Passenger cars 1.5–3 l', unitValue: 14, duty: 15 },
  { hs: '940360', description: 'Wooden furniture', unitValue: 6, duty: 8 },
  { hs: '070200', description: 'Fresh tomatoes', unitValue: 1.1, duty: 5 },
  { hs: '080810', description: 'Fresh apples', unitValue: 0.8, duty: 5 },
  { hs: '293339', description: 'Heterocyclic compounds', unitValue: 35, duty: 5 },
  { hs: '392690', description: 'Articles of plastics', unitValue: 5, duty: 6.5 },
];
const ORIGINS = ['CN', 'CN', 'CN', 'TR', 'RU', 'DE', 'KR', 'UZ', 'AE', 'VN'];

/** Importer taxpayer ids (BIN, 12 digits); the first ones are the demo operators'. */
export function demoImporterId(index: number): string {
  return String(100_000_000_000 + index * 7919).padStart(12, '0');
}

/**
 * `count` declarations from `startDate` on, deterministic for a seed. About 6 % are fraudulent: undervaluation by
 * risky importers or sellers, wrong origin on preferential claims, and plants without a phytosanitary certificate.
 */
export function generateDemoDeclarations(
  count: number,
  options: { seed?: number; startDate?: string; days?: number; idPrefix?: string } = {},
): DemoDeclaration[] {
  const random = mulberry32(options.seed ?? 7);
  const start = Date.parse(`${options.startDate ?? '2026-01-05'}T00:00:00Z`);
  const days = options.days ?? 300;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const riskyImporters = new Set([3, 11, 17, 29, 42, 57]);
  const riskySellers = new Set([2, 9, 21]);
  const rows: DemoDeclaration[] = [];
  for (let i = 0; i < count; i++) {
    const importerIndex = Math.floor(random() ** 1.6 * 80);
    const sellerIndex = Math.floor(random() * 40);
    const goods = pick(GOODS);
    const origin = pick(ORIGINS);
    const mass = Math.round(10 + random() * 2000);
    const isRisky = riskyImporters.has(importerIndex) || riskySellers.has(sellerIndex);
    const undervalues = random() < (isRisky ? 0.45 : 0.02);
    const value = Math.round(
      mass * goods.unitValue * (undervalues ? 0.25 + random() * 0.2 : 0.85 + random() * 0.3),
    );
    const preference = origin !== 'CN' && random() < 0.3;
    const wrongOrigin = preference && random() < 0.08;
    const isPlant = goods.hs.startsWith('07') || goods.hs.startsWith('08');
    const hasPermit = !isPlant || random() > 0.1;
    const date = new Date(start + Math.floor((i / count) * days) * 86_400_000).toISOString().slice(0, 10);
    const declaration: Declaration = {
      id: `${options.idPrefix ?? 'KZ'}${String(i + 1).padStart(7, '0')}`,
      date,
      office: pick(OFFICES),
      processType: pick(['40', '40', '40', '51']),
      importType: 'IM',
      transportMode: pick(['3', '3', '2', '4']),
      importer: { scheme: 'tin', id: demoImporterId(importerIndex), country: 'KZ' },
      seller: { scheme: 'other', id: `SELLER-${sellerIndex}`, country: origin },
      declarant: { scheme: 'tin', id: demoImporterId(500 + Math.floor(random() * 12)), country: 'KZ' },
      items: [
        {
          hsCode: goods.hs,
          description: goods.description,
          originCountry: origin,
          departureCountry: origin === 'DE' ? 'PL' : origin,
          customsValue: value,
          currency: 'USD',
          netMassKg: mass,
          dutyRate: preference ? 0 : goods.duty,
          ...(preference ? { taxType: 'FTA', preferenceClaimed: true } : {}),
          ...(isPlant && hasPermit ? { permits: [`PHYTO-${100_000 + i}`] } : {}),
        },
      ],
    };
    const fraud = undervalues || wrongOrigin || !hasPermit;
    rows.push({
      declaration,
      truth: {
        fraud,
        critical: !hasPermit || (undervalues && value > 50_000),
        ...(fraud ? { dutyRecovered: Math.round(value * (goods.duty / 100) * 2) } : {}),
      },
    });
  }
  return rows;
}
