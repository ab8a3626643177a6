/**
 * Which facts about a declaration become model features: the categorical fields (and crosses) that get target and
 * frequency encodings, the low-cardinality codes the trees split on directly, and the numeric measures.
 */
import type { Declaration } from '../declaration';

/** Categorical fields read from a declaration, in a fixed order (crosses refer to them by name). */
export const KEY_FIELDS = [
  'importer',
  'declarant',
  'seller',
  'courier',
  'hs6',
  'hs4',
  'hs2',
  'origin',
  'departure',
  'office',
  'taxType',
  'importType',
  'importUse',
  'paymentType',
  'processType',
  'transportMode',
  'originIndicator',
  'dutyRate',
  'netMass',
  'itemValue',
] as const;

export type KeyField = (typeof KEY_FIELDS)[number];

/** Marks an absent value; absence (no seller, no courier) is itself informative, so it is a category of its own. */
export const MISSING_KEY = '\u2205';

/**
 * Fields and crosses that get target and frequency encodings. Parties and their crosses carry what history knows
 * about who trades (an importer's record *for this HS code*); goods crosses carry what it knows about what is traded,
 * from where, under which duty; the consignment profiles (HS code with the exact mass or value) recognise repeat
 * shipments. Which goods crosses to keep was chosen by their separate power on the latest months of the training
 * year (and checked on the 2021 Q1 quarter); see docs/risk-engine.md.
 */
export const ENCODED_KEYS: readonly (readonly KeyField[])[] = [
  ['importer'],
  ['declarant'],
  ['seller'],
  ['courier'],
  ['hs6'],
  ['hs4'],
  ['netMass'],
  ['itemValue'],
  ['importer', 'hs6'],
  ['declarant', 'importer'],
  ['importer', 'seller'],
  ['declarant', 'hs6'],
  ['importer', 'origin'],
  ['office', 'hs6'],
  ['hs6', 'origin'],
  ['hs6', 'departure'],
  ['hs6', 'taxType'],
  ['hs6', 'dutyRate'],
  ['hs4', 'origin'],
  ['hs4', 'departure'],
  ['hs4', 'taxType'],
  ['origin', 'departure'],
  ['hs6', 'origin', 'departure'],
  ['hs6', 'departure', 'taxType'],
  ['hs6', 'origin', 'taxType'],
  ['hs6', 'departure', 'importUse'],
  ['hs6', 'origin', 'departure', 'taxType', 'dutyRate'],
  ['hs6', 'netMass'],
  ['hs6', 'itemValue'],
  ['hs6', 'origin', 'departure', 'taxType', 'dutyRate', 'netMass'],
];

/** Low-cardinality codes the trees split on as categories (besides their target encodings). */
export const CATEGORY_FIELDS: readonly KeyField[] = [
  'office',
  'taxType',
  'importType',
  'importUse',
  'paymentType',
  'processType',
  'transportMode',
  'originIndicator',
  'origin',
  'departure',
  'hs2',
];

/** Categories beyond this many (by training frequency) share the last bin. */
export const MAX_CATEGORIES = 254;

export type EncodingStat = 'fraudRate' | 'criticalRate' | 'count';

export type FeatureSource =
  | { kind: 'encoding'; table: string; fields: readonly KeyField[]; stat: EncodingStat }
  | { kind: 'category'; field: KeyField }
  | { kind: 'measure'; measure: MeasureName };

export interface FeatureSpec {
  name: string;
  /** Categorical features are split by category sets; numeric ones by thresholds. */
  isCategorical: boolean;
  source: FeatureSource;
}

export const MEASURES = [
  'logValue',
  'logMass',
  'logUnitValue',
  'dutyRate',
  'logDuty',
  'unitValueVsHs',
  'massVsHs',
  'valueVsHs',
  'dutyRateVsHs',
  'month',
  'weekday',
  'dayOfMonth',
] as const;

export type MeasureName = (typeof MEASURES)[number];

export function nameTable(fields: readonly KeyField[]): string {
  return fields.join('×');
}

/** Every encoded table, in matrix column order. */
export function listEncodingTables(
  options: { consignmentKeys?: boolean } = {},
): { table: string; fields: readonly KeyField[] }[] {
  const isConsignmentKey = (fields: readonly KeyField[]): boolean =>
    fields.includes('netMass') || fields.includes('itemValue');
  return ENCODED_KEYS.filter((fields) => options.consignmentKeys !== false || !isConsignmentKey(fields)).map(
    (fields) => ({ table: nameTable(fields), fields }),
  );
}

/** The full feature list in matrix column order. */
export function listFeatureSpecs(
  tables: readonly { table: string; fields: readonly KeyField[] }[] = listEncodingTables(),
): FeatureSpec[] {
  const specs: FeatureSpec[] = [];
  for (const { table, fields } of tables) {
    for (const stat of ['fraudRate', 'criticalRate', 'count'] as const) {
      specs.push({
        name: `${table}.${stat}`,
        isCategorical: false,
        source: { kind: 'encoding', table, fields, stat },
      });
    }
  }
  for (const field of CATEGORY_FIELDS) {
    specs.push({ name: `${field}.code`, isCategorical: true, source: { kind: 'category', field } });
  }
  for (const measure of MEASURES) {
    specs.push({ name: measure, isCategorical: false, source: { kind: 'measure', measure } });
  }
  return specs;
}

/** Numbers as keys: the shortest round-trip form, so "108.0" in a file and 108 from an API are the same key. */
export function formatKeyNumber(value: number | undefined): string | undefined {
  return value === undefined || !Number.isFinite(value) ? undefined : String(value);
}

/** Fields in `KEY_FIELDS` that hold numbers (keys by exact value). */
export const NUMERIC_KEY_FIELDS: readonly KeyField[] = ['dutyRate', 'netMass', 'itemValue'];

/**
 * Reads the categorical fields of a declaration in `KEY_FIELDS` order, numbers left as numbers and absent values as
 * undefined. Multi-item declarations use the first item.
 */
export function extractKeyValues(declaration: Declaration): (string | number | undefined)[] {
  const item = declaration.items[0];
  const hs = item?.hsCode ?? '';
  return [
    declaration.importer.id,
    declaration.declarant?.id,
    declaration.seller?.id,
    declaration.carrier?.id,
    hs.length >= 6 ? hs.slice(0, 6) : undefined,
    hs.length >= 4 ? hs.slice(0, 4) : undefined,
    hs.length >= 2 ? hs.slice(0, 2) : undefined,
    item?.originCountry,
    item?.departureCountry,
    declaration.office,
    item?.taxType,
    declaration.importType,
    declaration.importUse,
    declaration.paymentType,
    declaration.processType,
    declaration.transportMode,
    item?.originIndicator,
    item?.dutyRate,
    item?.netMassKg,
    item?.customsValue,
  ];
}

/** The categorical keys of a declaration as strings, in `KEY_FIELDS` order; absent values are `MISSING_KEY`. */
export function extractKeys(declaration: Declaration): string[] {
  return extractKeyValues(declaration).map((value) => {
    const key = typeof value === 'number' ? formatKeyNumber(value) : value;
    return key === undefined || key === '' ? MISSING_KEY : key;
  });
}
