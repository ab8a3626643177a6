import type { Declaration, GoodsItem } from '../declaration';

/**
 * The declaration fields a rule may test, each with its type and whether it belongs to the declaration or to
 * one goods item. A closed list (rather than free JSON paths) lets the schema reject a misspelt field or a
 * value of the wrong type with a field-level error, and lets the evaluator read fields without reflection.
 */
export type FieldType = 'string' | 'number' | 'boolean';
export type FieldScope = 'declaration' | 'item';
export type FieldValue = string | number | boolean | undefined;

export interface FieldDefinition {
  type: FieldType;
  scope: FieldScope;
  label: { en: string; ru: string };
  read: (declaration: Declaration, item: GoodsItem | undefined) => FieldValue;
}

function itemField(
  type: FieldType,
  label: { en: string; ru: string },
  read: (item: GoodsItem) => FieldValue,
): FieldDefinition {
  return { type, scope: 'item', label, read: (_d, item) => (item === undefined ? undefined : read(item)) };
}

function declarationField(
  type: FieldType,
  label: { en: string; ru: string },
  read: (declaration: Declaration) => FieldValue,
): FieldDefinition {
  return { type, scope: 'declaration', label, read: (d) => read(d) };
}

export const ruleFields = {
  id: declarationField('string', { en: 'declaration id', ru: 'номер декларации' }, (d) => d.id),
  date: declarationField('string', { en: 'date', ru: 'дата' }, (d) => d.date),
  office: declarationField('string', { en: 'customs office', ru: 'таможенный пост' }, (d) => d.office),
  processType: declarationField('string', { en: 'process type', ru: 'тип процедуры' }, (d) => d.processType),
  importType: declarationField('string', { en: 'import type', ru: 'тип импорта' }, (d) => d.importType),
  importUse: declarationField('string', { en: 'import use', ru: 'цель ввоза' }, (d) => d.importUse),
  paymentType: declarationField('string', { en: 'payment type', ru: 'способ уплаты' }, (d) => d.paymentType),
  transportMode: declarationField(
    'string',
    { en: 'mode of transport', ru: 'вид транспорта' },
    (d) => d.transportMode,
  ),
  'importer.id': declarationField('string', { en: 'importer', ru: 'импортёр' }, (d) => d.importer.id),
  'importer.scheme': declarationField(
    'string',
    { en: 'importer id scheme', ru: 'схема идентификатора импортёра' },
    (d) => d.importer.scheme,
  ),
  'importer.country': declarationField(
    'string',
    { en: 'importer country', ru: 'страна импортёра' },
    (d) => d.importer.country,
  ),
  'seller.id': declarationField('string', { en: 'seller', ru: 'продавец' }, (d) => d.seller?.id),
  'seller.country': declarationField(
    'string',
    { en: 'seller country', ru: 'страна продавца' },
    (d) => d.seller?.country,
  ),
  'declarant.id': declarationField('string', { en: 'declarant', ru: 'декларант' }, (d) => d.declarant?.id),
  'carrier.id': declarationField('string', { en: 'carrier', ru: 'перевозчик' }, (d) => d.carrier?.id),
  'item.hsCode': itemField('string', { en: 'HS code', ru: 'код ТН ВЭД' }, (i) => i.hsCode),
  'item.description': itemField(
    'string',
    { en: 'goods description', ru: 'описание товара' },
    (i) => i.description,
  ),
  'item.originCountry': itemField(
    'string',
    { en: 'country of origin', ru: 'страна происхождения' },
    (i) => i.originCountry,
  ),
  'item.departureCountry': itemField(
    'string',
    { en: 'country of departure', ru: 'страна отправления' },
    (i) => i.departureCountry,
  ),
  'item.customsValue': itemField(
    'number',
    { en: 'customs value', ru: 'таможенная стоимость' },
    (i) => i.customsValue,
  ),
  'item.currency': itemField('string', { en: 'currency', ru: 'валюта' }, (i) => i.currency),
  'item.netMassKg': itemField('number', { en: 'net mass (kg)', ru: 'масса нетто (кг)' }, (i) => i.netMassKg),
  'item.quantity': itemField('number', { en: 'quantity', ru: 'количество' }, (i) => i.quantity),
  'item.dutyRate': itemField('number', { en: 'duty rate (%)', ru: 'ставка пошлины (%)' }, (i) => i.dutyRate),
  'item.taxType': itemField('string', { en: 'duty type', ru: 'вид ставки' }, (i) => i.taxType),
  'item.preferenceClaimed': itemField(
    'boolean',
    { en: 'preference claimed', ru: 'заявлена преференция' },
    (i) => i.preferenceClaimed,
  ),
  'item.originIndicator': itemField(
    'string',
    { en: 'origin marking', ru: 'маркировка происхождения' },
    (i) => i.originIndicator,
  ),
  /** Derived: value per kilogram, the usual undervaluation signal. */
  'item.valuePerKg': itemField('number', { en: 'value per kg', ru: 'стоимость за кг' }, (i) =>
    i.netMassKg !== undefined && i.netMassKg > 0 ? i.customsValue / i.netMassKg : undefined,
  ),
  /** Derived: duty at stake (value × rate / 100). */
  'item.dutyAmount': itemField('number', { en: 'duty at stake', ru: 'сумма пошлины' }, (i) =>
    i.dutyRate === undefined ? undefined : (i.customsValue * i.dutyRate) / 100,
  ),
} satisfies Record<string, FieldDefinition>;

export type RuleField = keyof typeof ruleFields;

export const ruleFieldNames = Object.keys(ruleFields) as [RuleField, ...RuleField[]];
