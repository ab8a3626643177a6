/**
 * Test data: declarations built from a seed, with a planted signal (some importers are mostly fraudulent, and
 * undervalued goods are riskier) so that a model has something to find.
 */
import type { Declaration, LabelledDeclaration } from '../declaration';
import { createRandom } from '../gbdt/random';

export function buildDeclaration(overrides: Partial<Declaration> = {}): Declaration {
  return {
    id: 'D-1',
    date: '2020-03-02',
    office: '30',
    processType: 'B',
    importType: '11',
    importUse: '21',
    paymentType: '11',
    transportMode: '10',
    importer: { scheme: 'other', id: 'IMP-1' },
    declarant: { scheme: 'other', id: 'DEC-1' },
    seller: { scheme: 'other', id: 'SEL-1' },
    items: [
      {
        hsCode: '851712',
        originCountry: 'CN',
        departureCountry: 'CN',
        customsValue: 100_000,
        currency: 'KRW',
        netMassKg: 10,
        dutyRate: 8,
        taxType: 'A',
        originIndicator: 'Y',
      },
    ],
    ...overrides,
  };
}

/** `count` labelled declarations over 2020, with importer- and unit-value-driven fraud. */
export function buildLabelledDeclarations(count: number, seed = 1): LabelledDeclaration[] {
  const random = createRandom(seed);
  const importers = 120;
  const risky = new Set(Array.from({ length: 15 }, (_, i) => i * 7));
  const hsCodes = ['851712', '640399', '071080', '940180', '392690', '847130'];
  const countries = ['CN', 'US', 'VN', 'DE', 'JP'];
  const rows: LabelledDeclaration[] = [];
  for (let i = 0; i < count; i++) {
    const importer = random.nextInt(importers);
    const hs = hsCodes[random.nextInt(hsCodes.length)] ?? '851712';
    const mass = 1 + Math.round(random.next() * 500);
    const isUndervalued = random.next() < 0.15;
    const unitPrice = (100 + hsCodes.indexOf(hs) * 50) * (isUndervalued ? 0.2 : 0.8 + 0.4 * random.next());
    const day = 1 + Math.floor((i / count) * 360);
    const date = new Date(Date.UTC(2020, 0, day)).toISOString().slice(0, 10);
    const country = countries[random.nextInt(countries.length)] ?? 'CN';
    const declaration = buildDeclaration({
      id: String(10_000_000 + i),
      date,
      office: String(10 + random.nextInt(5)),
      importer: { scheme: 'other', id: `IMP-${importer}` },
      declarant: { scheme: 'other', id: `DEC-${random.nextInt(30)}` },
      seller: { scheme: 'other', id: `SEL-${random.nextInt(200)}` },
      items: [
        {
          hsCode: hs,
          originCountry: country,
          departureCountry: country,
          customsValue: Math.round(unitPrice * mass),
          currency: 'KRW',
          netMassKg: mass,
          dutyRate: 8,
          taxType: random.next() < 0.3 ? 'FCN1' : 'A',
          originIndicator: 'Y',
        },
      ],
    });
    const risk = (risky.has(importer) ? 0.7 : 0.08) + (isUndervalued ? 0.25 : 0);
    const fraud = random.next() < risk;
    const critical = fraud && random.next() < (isUndervalued ? 0.4 : 0.05);
    rows.push({
      declaration,
      label: { fraud, critical, dutyRecovered: fraud ? unitPrice * mass * 0.08 : 0 },
    });
  }
  return rows;
}
