/**
 * The column layout of the customs declarations dataset (KCS/IBS synthetic import declarations) mapped onto the
 * `Declaration` contract. Pure: the caller parses the file (csv-parse in the CLI) and hands over records.
 */
import type { Declaration, GoodsItem, InspectionLabel, LabelledDeclaration, Party } from './declaration';

/** Columns of the dataset in file order. */
export const DATASET_COLUMNS = [
  'Declaration ID',
  'Date',
  'Office ID',
  'Process Type',
  'Import Type',
  'Import Use',
  'Payment Type',
  'Mode of Transport',
  'Declarant ID',
  'Importer ID',
  'Seller ID',
  'Courier ID',
  'HS6 Code',
  'Country of Departure',
  'Country of Origin',
  'Tax Rate',
  'Tax Type',
  'Country of Origin Indicator',
  'Net Mass',
  'Item Price',
  'Fraud',
  'Critical Fraud',
] as const;

export type DatasetColumn = (typeof DATASET_COLUMNS)[number];

/** One parsed CSV record keyed by header name (csv-parse with `columns: true`). */
export type DatasetRecord = Readonly<Record<string, string | undefined>>;

const REQUIRED_COLUMNS: readonly DatasetColumn[] = [
  'Declaration ID',
  'Date',
  'Office ID',
  'Importer ID',
  'HS6 Code',
  'Item Price',
];

/** The dataset carries values in Korean won. */
const DATASET_CURRENCY = 'KRW';

export class DatasetLayoutError extends Error {
  constructor(
    message: string,
    readonly row: number,
  ) {
    super(message);
    this.name = 'DatasetLayoutError';
  }
}

/** Throws when the header lacks a column the reader needs, so a wrong file fails before any work. */
export function assertDatasetHeader(header: readonly string[]): void {
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    throw new DatasetLayoutError(`missing column(s): ${missing.join(', ')}`, 0);
  }
}

function readText(record: DatasetRecord, column: DatasetColumn): string | undefined {
  const value = record[column]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function readNumber(record: DatasetRecord, column: DatasetColumn): number | undefined {
  const text = readText(record, column);
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function toParty(id: string | undefined): Party | undefined {
  return id === undefined ? undefined : { scheme: 'other', id };
}

/** HS codes lose their leading zero when a spreadsheet has touched the file; pad back to 6 digits. */
function normaliseHsCode(text: string): string {
  const digits = text.replace(/\D/g, '');
  return digits.length < 6 ? digits.padStart(6, '0') : digits;
}

/** Maps one dataset record onto a declaration. `row` is used in error messages only (1-based data row). */
export function readDeclarationRecord(record: DatasetRecord, row = 0): Declaration {
  const id = readText(record, 'Declaration ID');
  const date = readText(record, 'Date');
  const office = readText(record, 'Office ID');
  const importer = readText(record, 'Importer ID');
  const hs = readText(record, 'HS6 Code');
  const price = readNumber(record, 'Item Price');
  if (id === undefined || date === undefined || office === undefined || importer === undefined) {
    throw new DatasetLayoutError(`row ${row}: declaration id, date, office and importer are required`, row);
  }
  if (hs === undefined || price === undefined) {
    throw new DatasetLayoutError(`row ${row}: HS code and item price are required`, row);
  }
  const item: GoodsItem = { hsCode: normaliseHsCode(hs), customsValue: price, currency: DATASET_CURRENCY };
  const origin = readText(record, 'Country of Origin');
  const departure = readText(record, 'Country of Departure');
  const mass = readNumber(record, 'Net Mass');
  const rate = readNumber(record, 'Tax Rate');
  const taxType = readText(record, 'Tax Type');
  const originIndicator = readText(record, 'Country of Origin Indicator');
  if (origin !== undefined) item.originCountry = origin;
  if (departure !== undefined) item.departureCountry = departure;
  if (mass !== undefined) item.netMassKg = mass;
  if (rate !== undefined) item.dutyRate = rate;
  if (taxType !== undefined) item.taxType = taxType;
  if (originIndicator !== undefined) item.originIndicator = originIndicator;

  const declaration: Declaration = {
    id,
    date,
    office,
    importer: { scheme: 'other', id: importer },
    items: [item],
  };
  const optionalCodes: [keyof Declaration, DatasetColumn][] = [
    ['processType', 'Process Type'],
    ['importType', 'Import Type'],
    ['importUse', 'Import Use'],
    ['paymentType', 'Payment Type'],
    ['transportMode', 'Mode of Transport'],
  ];
  for (const [field, column] of optionalCodes) {
    const value = readText(record, column);
    if (value !== undefined) (declaration as unknown as Record<string, string>)[field] = value;
  }
  const seller = toParty(readText(record, 'Seller ID'));
  const declarant = toParty(readText(record, 'Declarant ID'));
  const carrier = toParty(readText(record, 'Courier ID'));
  if (seller) declaration.seller = seller;
  if (declarant) declaration.declarant = declarant;
  if (carrier) declaration.carrier = carrier;
  return declaration;
}

/** Proxy for the duty an inspection recovers: the item's duty (value × rate) when the declaration was fraudulent. */
export function estimateDutyAtStake(declaration: Declaration): number {
  let duty = 0;
  for (const item of declaration.items) duty += (item.customsValue * (item.dutyRate ?? 0)) / 100;
  return duty;
}

/** Reads the labels of one record; `undefined` when the record carries none (e.g. a scoring file). */
export function readInspectionLabel(
  record: DatasetRecord,
  declaration: Declaration,
): InspectionLabel | undefined {
  const fraud = readNumber(record, 'Fraud');
  if (fraud === undefined) return undefined;
  const critical = readNumber(record, 'Critical Fraud') ?? 0;
  const isFraud = fraud > 0;
  // "Critical Fraud" is 0/1/2 and only 2 means a public-safety case (drugs, IPR, origin fraud).
  return {
    fraud: isFraud,
    critical: critical >= 2,
    dutyRecovered: isFraud ? estimateDutyAtStake(declaration) : 0,
  };
}

/** Maps parsed records onto declarations (labels, if any, are ignored). */
export function readDeclarations(records: readonly DatasetRecord[]): Declaration[] {
  return records.map((record, index) => readDeclarationRecord(record, index + 1));
}

/** Maps parsed records onto labelled declarations; every record must carry a `Fraud` label. */
export function readLabelledDeclarations(records: readonly DatasetRecord[]): LabelledDeclaration[] {
  return records.map((record, index) => {
    const declaration = readDeclarationRecord(record, index + 1);
    const label = readInspectionLabel(record, declaration);
    if (!label) throw new DatasetLayoutError(`row ${index + 1}: the Fraud label is missing`, index + 1);
    return { declaration, label };
  });
}
