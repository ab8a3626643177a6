import { describe, expect, it } from 'vitest';
import {
  assertDatasetHeader,
  readDeclarations,
  readLabelledDeclarations,
  type DatasetRecord,
} from './csv-layout';

const RECORD: DatasetRecord = {
  'Declaration ID': '97061800',
  Date: '2020-01-01',
  'Office ID': '30',
  'Process Type': 'B',
  'Import Type': '11',
  'Import Use': '21',
  'Payment Type': '11',
  'Mode of Transport': '10',
  'Declarant ID': 'ZZR1LT6',
  'Importer ID': 'QLRUBN9',
  'Seller ID': '0VKY2BR',
  'Courier ID': '',
  'HS6 Code': '40890',
  'Country of Departure': 'BE',
  'Country of Origin': 'BE',
  'Tax Rate': '8.0',
  'Tax Type': 'FEU1',
  'Country of Origin Indicator': 'G',
  'Net Mass': '108.0',
  'Item Price': '372254.4',
  Fraud: '1',
  'Critical Fraud': '2',
};

describe('dataset layout', () => {
  it('maps a record onto a declaration with its labels', () => {
    const [row] = readLabelledDeclarations([RECORD]);
    expect(row?.declaration).toMatchObject({
      id: '97061800',
      date: '2020-01-01',
      office: '30',
      importer: { id: 'QLRUBN9' },
      declarant: { id: 'ZZR1LT6' },
      seller: { id: '0VKY2BR' },
      items: [{ hsCode: '040890', originCountry: 'BE', customsValue: 372254.4, netMassKg: 108, dutyRate: 8 }],
    });
    expect(row?.declaration.carrier).toBeUndefined();
    expect(row?.label).toEqual({ fraud: true, critical: true, dutyRecovered: 372254.4 * 0.08 });
  });

  it('reads critical fraud only from code 2 and ignores labels when scoring', () => {
    const [row] = readLabelledDeclarations([{ ...RECORD, 'Critical Fraud': '1' }]);
    expect(row?.label.critical).toBe(false);
    expect(readDeclarations([RECORD])[0]).not.toHaveProperty('label');
  });

  it('rejects a file without the required columns', () => {
    expect(() => assertDatasetHeader(['Declaration ID', 'Date'])).toThrow(/missing column/);
    expect(() => readLabelledDeclarations([{ ...RECORD, Fraud: '' }])).toThrow(/Fraud label/);
  });
});
