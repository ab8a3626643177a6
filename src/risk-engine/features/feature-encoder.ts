/**
 * Turns declarations into a numeric feature matrix from what history knows: smoothed target encodings (fraud and
 * critical-fraud rates) and frequencies of ids, HS levels, countries, codes and their crosses; value, mass and duty
 * rate against the HS-code norm; and the date.
 *
 * On training rows the encodings are out-of-fold (K folds): a row's own label never reaches its features, so the
 * trees learn how far to trust an encoding rather than memorising it. New declarations are encoded from statistics
 * over all training rows; ids never seen fall back to the prior.
 */
import type { Declaration, LabelledDeclaration } from '../declaration';
import { createRandom } from '../gbdt/random';
import {
  CATEGORY_FIELDS,
  KEY_FIELDS,
  MAX_CATEGORIES,
  MEASURES,
  MISSING_KEY,
  NUMERIC_KEY_FIELDS,
  extractKeyValues,
  extractKeys,
  listEncodingTables,
  listFeatureSpecs,
  type FeatureSpec,
  type KeyField,
  type MeasureName,
} from './feature-catalogue';
import { KeyHashTable, combineFieldHashes, hashField, hashNumber } from './key-hash-table';

export interface FeatureEncoderOptions {
  /** Folds for out-of-fold encodings of the training rows. */
  folds?: number;
  /** Pseudo-count pulling a fraud rate toward the prior: (frauds + m·prior) / (n + m). */
  smoothing?: number;
  /** Pseudo-count for the critical-fraud rate, whose prior is tiny and noisy. */
  criticalSmoothing?: number;
  /** HS norms need this many training declarations before they are trusted (else the next HS level up is used). */
  minNormCount?: number;
  /**
   * Encode consignment profiles (HS code with the exact net mass or value). They recognise repeat shipments, which
   * the synthetic dataset has many of; on a real stream they matter less. Default true.
   */
  consignmentKeys?: boolean;
  seed?: number;
}

/** History of one categorical field or cross, as stored in a model. */
export interface EncodingTableStatistics {
  table: string;
  fields: KeyField[];
  keys: string[];
  count: number[];
  fraud: number[];
  critical: number[];
}

export type NormLevel = 'hs6' | 'hs4' | 'hs2';

/** Per-HS-code sums behind the "against the HS norm" measures. */
export interface NormStatistics {
  level: NormLevel;
  keys: string[];
  count: number[];
  sumLogUnitValue: number[];
  sumLogMass: number[];
  sumLogValue: number[];
  sumDutyRate: number[];
}

export interface FeatureStatistics {
  rows: number;
  priorFraud: number;
  priorCritical: number;
  smoothing: number;
  criticalSmoothing: number;
  minNormCount: number;
  tables: EncodingTableStatistics[];
  norms: NormStatistics[];
  vocabularies: { field: KeyField; values: string[] }[];
}

/** Row-major feature matrix: `values[row * columns + column]`. */
export interface FeatureMatrix {
  rows: number;
  columns: number;
  values: Float64Array;
}

const KEY_SEPARATOR = '\u001f';
const NORM_LEVELS: readonly NormLevel[] = ['hs6', 'hs4', 'hs2'];
const NORM_PREFIX: Record<NormLevel, number> = { hs6: 6, hs4: 4, hs2: 2 };

const DEFAULTS = { folds: 5, smoothing: 1, criticalSmoothing: 10, minNormCount: 3, seed: 7 } as const;

interface RowMeasures {
  logValue: number;
  logMass: number;
  logUnitValue: number;
  dutyRate: number;
  month: number;
  weekday: number;
  dayOfMonth: number;
}

function readMeasures(declaration: Declaration): RowMeasures {
  const item = declaration.items[0];
  const value = item ? item.customsValue : Number.NaN;
  const mass = item?.netMassKg ?? Number.NaN;
  const rate = item?.dutyRate ?? Number.NaN;
  const logValue = value >= 0 ? Math.log1p(value) : Number.NaN;
  const logMass = mass >= 0 ? Math.log1p(mass) : Number.NaN;
  const date = parseIsoDate(declaration.date);
  return {
    logValue,
    logMass,
    logUnitValue: logValue - logMass,
    dutyRate: rate,
    month: date ? date.month : Number.NaN,
    weekday: date ? date.weekday : Number.NaN,
    dayOfMonth: date ? date.day : Number.NaN,
  };
}

/** YYYY-MM-DD by hand: Date.parse and a Date object per declaration cost more than the rest of the measures. */
function parseIsoDate(text: string): { month: number; day: number; weekday: number } | undefined {
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (!(year > 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return undefined;
  // Sakamoto's day-of-week method (0 = Sunday).
  const offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
  const y = month < 3 ? year - 1 : year;
  const weekday =
    (y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + (offsets[month - 1] ?? 0) + day) % 7;
  return { month, day, weekday };
}

function joinKeys(keys: readonly string[], fieldIndexes: readonly number[]): string {
  // A plain loop: this runs for every table of every scored declaration, and map/join allocate.
  let key = keys[fieldIndexes[0] ?? 0] ?? '';
  for (let i = 1; i < fieldIndexes.length; i++) key += KEY_SEPARATOR + (keys[fieldIndexes[i] ?? 0] ?? '');
  return key;
}

const FIELD_INDEX = new Map<KeyField, number>(KEY_FIELDS.map((field, index) => [field, index]));
const CATEGORY_POSITIONS = CATEGORY_FIELDS.map((field) => FIELD_INDEX.get(field) ?? 0);
const NUMERIC_FIELDS = new Set<KeyField>(NUMERIC_KEY_FIELDS);

function indexFields(fields: readonly KeyField[]): number[] {
  return fields.map((field) => FIELD_INDEX.get(field) ?? 0);
}

interface NormLookup {
  count: Float64Array;
  logUnitValue: Float64Array;
  logMass: Float64Array;
  logValue: Float64Array;
  dutyRate: Float64Array;
  index: Map<string, number>;
}

/** Runtime form of `FeatureStatistics`: hash maps for lookups, built once per model. */
export class FeatureEncoder {
  readonly specs: readonly FeatureSpec[];
  private readonly tableIndex: KeyHashTable[];
  /** Per table, (count, frauds, criticals) of each key side by side. */
  private readonly tableStats: Float64Array[];
  private readonly missingHash = new Int32Array(2);
  private readonly tableFields: Int32Array[];
  private readonly fieldHashes = new Int32Array(2 * KEY_FIELDS.length);
  private readonly keyHash = new Int32Array(2);
  private readonly norms: NormLookup[];
  private readonly vocabularies: Map<string, number>[];

  constructor(readonly statistics: FeatureStatistics) {
    this.specs = listFeatureSpecs(statistics.tables);
    hashField(MISSING_KEY, this.missingHash, 0);
    this.tableFields = statistics.tables.map((table) => Int32Array.from(indexFields(table.fields)));
    this.tableStats = statistics.tables.map((table) => {
      const stats = new Float64Array(3 * table.keys.length);
      for (let i = 0; i < table.keys.length; i++) {
        stats[3 * i] = table.count[i] ?? 0;
        stats[3 * i + 1] = table.fraud[i] ?? 0;
        stats[3 * i + 2] = table.critical[i] ?? 0;
      }
      return stats;
    });
    this.tableIndex = statistics.tables.map((table) => {
      const lookup = new KeyHashTable(table.keys.length);
      const parts = Int32Array.from(table.fields, (_, i) => i);
      const partHashes = new Int32Array(2 * table.fields.length);
      table.keys.forEach((key, index) => {
        key.split(KEY_SEPARATOR).forEach((part, i) => {
          const isNumeric = NUMERIC_FIELDS.has(table.fields[i] ?? 'importer') && part !== MISSING_KEY;
          if (isNumeric) hashNumber(Number(part), partHashes, 2 * i);
          else hashField(part, partHashes, 2 * i);
        });
        combineFieldHashes(partHashes, parts, this.keyHash);
        lookup.set(this.keyHash[0] as number, this.keyHash[1] as number, index);
      });
      return lookup;
    });
    this.norms = statistics.norms.map((norm) => {
      const mean = (sums: number[]): Float64Array =>
        Float64Array.from(sums, (sum, index) => sum / Math.max(1, norm.count[index] ?? 1));
      return {
        count: Float64Array.from(norm.count),
        logUnitValue: mean(norm.sumLogUnitValue),
        logMass: mean(norm.sumLogMass),
        logValue: mean(norm.sumLogValue),
        dutyRate: mean(norm.sumDutyRate),
        index: new Map(norm.keys.map((key, index) => [key, index])),
      };
    });
    this.vocabularies = statistics.vocabularies.map(
      (vocabulary) => new Map(vocabulary.values.map((value, index) => [value, index + 1])),
    );
  }

  get columns(): number {
    return this.specs.length;
  }

  /** Encodes new declarations from the stored statistics. */
  encode(declarations: readonly Declaration[]): FeatureMatrix {
    const columns = this.columns;
    const values = new Float64Array(declarations.length * columns);
    const { priorFraud, priorCritical, smoothing, criticalSmoothing } = this.statistics;
    for (let row = 0; row < declarations.length; row++) {
      const declaration = declarations[row];
      if (!declaration) continue;
      const keyValues = extractKeyValues(declaration);
      const offset = row * columns;
      this.hashKeys(keyValues);
      for (let t = 0; t < this.tableIndex.length; t++) {
        const stats = this.tableStats[t];
        const index = this.findKey(t);
        const n = index < 0 || !stats ? 0 : (stats[3 * index] as number);
        const fraud = index < 0 || !stats ? 0 : (stats[3 * index + 1] as number);
        const critical = index < 0 || !stats ? 0 : (stats[3 * index + 2] as number);
        values[offset + 3 * t] = (fraud + smoothing * priorFraud) / (n + smoothing);
        values[offset + 3 * t + 1] = (critical + criticalSmoothing * priorCritical) / (n + criticalSmoothing);
        values[offset + 3 * t + 2] = n;
      }
      this.writeTail(declaration, keyValues, values, offset + 3 * this.tableIndex.length);
    }
    return { rows: declarations.length, columns, values };
  }

  /** Hashes each field once; numbers by their bits, absent values as MISSING_KEY (as training keyed them). */
  private hashKeys(keyValues: readonly (string | number | undefined)[]): void {
    for (let i = 0; i < keyValues.length; i++) {
      const value = keyValues[i];
      if (typeof value === 'number' && Number.isFinite(value)) hashNumber(value, this.fieldHashes, 2 * i);
      else if (typeof value === 'string' && value !== '') hashField(value, this.fieldHashes, 2 * i);
      else this.fieldHashes.set(this.missingHash, 2 * i);
    }
  }

  /** Row of table `t` for the keys last hashed by `hashKeys`, or -1 when history has not seen them. */
  private findKey(t: number): number {
    const fields = this.tableFields[t];
    const lookup = this.tableIndex[t];
    if (!fields || !lookup) return -1;
    combineFieldHashes(this.fieldHashes, fields, this.keyHash);
    return lookup.get(this.keyHash[0] as number, this.keyHash[1] as number);
  }

  /** Writes the category codes and measures, which involve no labels and are the same for training and new rows. */
  writeTail(
    declaration: Declaration,
    keyValues: readonly (string | number | undefined)[],
    values: Float64Array,
    start: number,
  ): void {
    let column = start;
    for (let c = 0; c < CATEGORY_FIELDS.length; c++) {
      const value = keyValues[CATEGORY_POSITIONS[c] ?? 0];
      const code = this.vocabularies[c]?.get(typeof value === 'string' && value !== '' ? value : MISSING_KEY);
      // Unseen codes are missing (NaN), which the binning sends to the missing bin.
      values[column++] = code === undefined ? Number.NaN : Math.min(code, MAX_CATEGORIES + 1);
    }
    const measures = readMeasures(declaration);
    const norm = this.findNorm(declaration);
    const measureValues: Record<MeasureName, number> = {
      logValue: measures.logValue,
      logMass: measures.logMass,
      logUnitValue: measures.logUnitValue,
      dutyRate: measures.dutyRate,
      logDuty: Math.log1p(Math.max(0, Math.expm1(measures.logValue) * measures.dutyRate) / 100),
      unitValueVsHs: norm ? measures.logUnitValue - norm.logUnitValue : Number.NaN,
      massVsHs: norm ? measures.logMass - norm.logMass : Number.NaN,
      valueVsHs: norm ? measures.logValue - norm.logValue : Number.NaN,
      dutyRateVsHs: norm ? measures.dutyRate - norm.dutyRate : Number.NaN,
      month: measures.month,
      weekday: measures.weekday,
      dayOfMonth: measures.dayOfMonth,
    };
    for (const measure of MEASURES) values[column++] = measureValues[measure];
  }

  /** The HS-code norm for a declaration at the most specific level with enough history. */
  findNorm(declaration: Declaration):
    | {
        level: NormLevel;
        code: string;
        count: number;
        logUnitValue: number;
        logMass: number;
        logValue: number;
        dutyRate: number;
      }
    | undefined {
    const hs = declaration.items[0]?.hsCode ?? '';
    for (let level = 0; level < NORM_LEVELS.length; level++) {
      const name = NORM_LEVELS[level] ?? 'hs6';
      const lookup = this.norms[level];
      const code = hs.slice(0, NORM_PREFIX[name]);
      const index = lookup?.index.get(code);
      if (lookup === undefined || index === undefined) continue;
      const count = lookup.count[index] ?? 0;
      if (count < this.statistics.minNormCount) continue;
      return {
        level: name,
        code,
        count,
        logUnitValue: lookup.logUnitValue[index] ?? 0,
        logMass: lookup.logMass[index] ?? 0,
        logValue: lookup.logValue[index] ?? 0,
        dutyRate: lookup.dutyRate[index] ?? 0,
      };
    }
    return undefined;
  }

  /** Raw history of one table for a declaration (for reasons): declarations seen, frauds and criticals found. */
  lookupHistory(
    declaration: Declaration,
    table: string,
  ): { count: number; fraud: number; critical: number; key: string } | undefined {
    const t = this.statistics.tables.findIndex((candidate) => candidate.table === table);
    const stats = this.statistics.tables[t];
    if (!stats) return undefined;
    const key = joinKeys(
      extractKeys(declaration),
      stats.fields.map((field) => FIELD_INDEX.get(field) ?? 0),
    );
    this.hashKeys(extractKeyValues(declaration));
    const index = this.findKey(t);
    if (index < 0) return { count: 0, fraud: 0, critical: 0, key };
    return {
      count: stats.count[index] ?? 0,
      fraud: stats.fraud[index] ?? 0,
      critical: stats.critical[index] ?? 0,
      key,
    };
  }
}

/**
 * Fits the encoder on labelled declarations and returns it with the training matrix, whose encodings are out-of-fold
 * and whose frequency counts leave the row itself out.
 */
export function fitFeatureEncoder(
  rows: readonly LabelledDeclaration[],
  options: FeatureEncoderOptions = {},
): { encoder: FeatureEncoder; matrix: FeatureMatrix } {
  const folds = Math.max(2, Math.floor(options.folds ?? DEFAULTS.folds));
  const smoothing = options.smoothing ?? DEFAULTS.smoothing;
  const criticalSmoothing = options.criticalSmoothing ?? DEFAULTS.criticalSmoothing;
  const minNormCount = options.minNormCount ?? DEFAULTS.minNormCount;
  const random = createRandom(options.seed ?? DEFAULTS.seed);
  const n = rows.length;
  if (n === 0) throw new RangeError('cannot fit features on zero rows');

  const fraud = new Uint8Array(n);
  const critical = new Uint8Array(n);
  const keys: string[][] = new Array<string[]>(n);
  let fraudTotal = 0;
  let criticalTotal = 0;
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (!row) continue;
    fraud[i] = row.label.fraud ? 1 : 0;
    critical[i] = row.label.critical ? 1 : 0;
    fraudTotal += fraud[i] ?? 0;
    criticalTotal += critical[i] ?? 0;
    keys[i] = extractKeys(row.declaration);
  }
  const priorFraud = fraudTotal / n;
  const priorCritical = criticalTotal / n;

  // Balanced random folds: a shuffled ordinal modulo K.
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  random.shuffle(order);
  const fold = new Uint8Array(n);
  for (let i = 0; i < n; i++) fold[order[i] ?? 0] = i % folds;
  // The prior a training row is smoothed toward also leaves its own fold out.
  const foldRows = new Float64Array(folds);
  const foldFraud = new Float64Array(folds);
  const foldCritical = new Float64Array(folds);
  for (let i = 0; i < n; i++) {
    const k = fold[i] ?? 0;
    foldRows[k] = (foldRows[k] ?? 0) + 1;
    foldFraud[k] = (foldFraud[k] ?? 0) + (fraud[i] ?? 0);
    foldCritical[k] = (foldCritical[k] ?? 0) + (critical[i] ?? 0);
  }
  const foldPriorFraud = Float64Array.from(
    foldRows,
    (rows, k) => (fraudTotal - (foldFraud[k] ?? 0)) / (n - rows),
  );
  const foldPriorCritical = Float64Array.from(
    foldRows,
    (rows, k) => (criticalTotal - (foldCritical[k] ?? 0)) / (n - rows),
  );

  const tables = listEncodingTables({ consignmentKeys: options.consignmentKeys ?? true });
  const columns = listFeatureSpecs(tables).length;
  const values = new Float64Array(n * columns);
  const tableStats: EncodingTableStatistics[] = [];

  tables.forEach(({ table, fields }, t) => {
    const fieldIndexes = indexFields(fields);
    const index = new Map<string, number>();
    const rowKey = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const key = joinKeys(keys[i] ?? [], fieldIndexes);
      let id = index.get(key);
      if (id === undefined) {
        id = index.size;
        index.set(key, id);
      }
      rowKey[i] = id;
    }
    const size = index.size;
    const total = new Float64Array(size * 3);
    const perFold = new Float64Array(size * folds * 3);
    for (let i = 0; i < n; i++) {
      const id = rowKey[i] ?? 0;
      const f = fraud[i] ?? 0;
      const c = critical[i] ?? 0;
      total[3 * id] = (total[3 * id] ?? 0) + 1;
      total[3 * id + 1] = (total[3 * id + 1] ?? 0) + f;
      total[3 * id + 2] = (total[3 * id + 2] ?? 0) + c;
      const slot = 3 * (id * folds + (fold[i] ?? 0));
      perFold[slot] = (perFold[slot] ?? 0) + 1;
      perFold[slot + 1] = (perFold[slot + 1] ?? 0) + f;
      perFold[slot + 2] = (perFold[slot + 2] ?? 0) + c;
    }
    for (let i = 0; i < n; i++) {
      const id = rowKey[i] ?? 0;
      const slot = 3 * (id * folds + (fold[i] ?? 0));
      const count = (total[3 * id] ?? 0) - (perFold[slot] ?? 0);
      const frauds = (total[3 * id + 1] ?? 0) - (perFold[slot + 1] ?? 0);
      const criticals = (total[3 * id + 2] ?? 0) - (perFold[slot + 2] ?? 0);
      const offset = i * columns + 3 * t;
      const k = fold[i] ?? 0;
      values[offset] = (frauds + smoothing * (foldPriorFraud[k] ?? 0)) / (count + smoothing);
      values[offset + 1] =
        (criticals + criticalSmoothing * (foldPriorCritical[k] ?? 0)) / (count + criticalSmoothing);
      // Frequency leaves the row itself out, matching what a new declaration sees.
      values[offset + 2] = (total[3 * id] ?? 1) - 1;
    }
    const keyList = new Array<string>(size);
    for (const [key, id] of index) keyList[id] = key;
    tableStats.push({
      table,
      fields: [...fields],
      keys: keyList,
      count: Array.from({ length: size }, (_, id) => total[3 * id] ?? 0),
      fraud: Array.from({ length: size }, (_, id) => total[3 * id + 1] ?? 0),
      critical: Array.from({ length: size }, (_, id) => total[3 * id + 2] ?? 0),
    });
  });

  const statistics: FeatureStatistics = {
    rows: n,
    priorFraud,
    priorCritical,
    smoothing,
    criticalSmoothing,
    minNormCount,
    tables: tableStats,
    norms: NORM_LEVELS.map((level) => fitNorm(rows, level)),
    vocabularies: CATEGORY_FIELDS.map((field) => ({ field, values: fitVocabulary(keys, field) })),
  };
  const encoder = new FeatureEncoder(statistics);
  const tailStart = 3 * tables.length;
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (row) encoder.writeTail(row.declaration, keys[i] ?? [], values, i * columns + tailStart);
  }
  return { encoder, matrix: { rows: n, columns, values } };
}

function fitNorm(rows: readonly LabelledDeclaration[], level: NormLevel): NormStatistics {
  const index = new Map<string, number>();
  const norm: NormStatistics = {
    level,
    keys: [],
    count: [],
    sumLogUnitValue: [],
    sumLogMass: [],
    sumLogValue: [],
    sumDutyRate: [],
  };
  for (const { declaration } of rows) {
    const hs = declaration.items[0]?.hsCode ?? '';
    const code = hs.slice(0, NORM_PREFIX[level]);
    const measures = readMeasures(declaration);
    if (
      code.length < NORM_PREFIX[level] ||
      !Number.isFinite(measures.logUnitValue) ||
      !Number.isFinite(measures.dutyRate)
    ) {
      continue;
    }
    let id = index.get(code);
    if (id === undefined) {
      id = norm.keys.length;
      index.set(code, id);
      norm.keys.push(code);
      norm.count.push(0);
      norm.sumLogUnitValue.push(0);
      norm.sumLogMass.push(0);
      norm.sumLogValue.push(0);
      norm.sumDutyRate.push(0);
    }
    norm.count[id] = (norm.count[id] ?? 0) + 1;
    norm.sumLogUnitValue[id] = (norm.sumLogUnitValue[id] ?? 0) + measures.logUnitValue;
    norm.sumLogMass[id] = (norm.sumLogMass[id] ?? 0) + measures.logMass;
    norm.sumLogValue[id] = (norm.sumLogValue[id] ?? 0) + measures.logValue;
    norm.sumDutyRate[id] = (norm.sumDutyRate[id] ?? 0) + measures.dutyRate;
  }
  return norm;
}

/** Most frequent codes first, so that the rare tail is what shares the overflow bin. */
function fitVocabulary(keys: readonly string[][], field: KeyField): string[] {
  const position = FIELD_INDEX.get(field) ?? 0;
  const counts = new Map<string, number>();
  for (const rowKeys of keys) {
    const key = rowKeys[position] ?? '';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([key]) => key)
    .slice(0, 4 * MAX_CATEGORIES);
}
