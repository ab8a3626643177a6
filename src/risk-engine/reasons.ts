/**
 * Why a declaration scored as it did: TreeSHAP contributions per feature, grouped by what an officer recognises
 * (the importer's record, the importer's record for this HS code, the unit value against the HS norm, …) and put
 * into sentences in English or Russian.
 */
import type { Declaration } from './declaration';
import {
  KEY_FIELDS,
  MISSING_KEY,
  extractKeys,
  type KeyField,
  type MeasureName,
} from './features/feature-catalogue';
import type { FeatureEncoder } from './features/feature-encoder';
import { addTreeShap } from './gbdt/tree-shap';
import { getModelRuntime, type HeadName, type RiskModel } from './model';

export type ReasonLanguage = 'en' | 'ru';

export interface Reason {
  head: HeadName;
  /** What the reason is about: a field (`importer`), a cross (`importer×hs6`) or a measure (`unitValue`). */
  topic: string;
  /** Signed contribution to the score in log-odds (positive raises risk). */
  contribution: number;
  effect: 'raises' | 'lowers';
  text: string;
  /** Model features the contribution sums over. */
  features: string[];
}

export interface ExplainOptions {
  /** How many reasons to return, largest contribution first (default 5). */
  top?: number;
  language?: ReasonLanguage;
  head?: HeadName;
}

export interface Contributions {
  head: HeadName;
  featureNames: string[];
  /** One SHAP value per feature, in log-odds. */
  contributions: Float64Array;
  /** Expected raw score over the training rows (the model's starting point). */
  baseValue: number;
  /** The declaration's raw score (log-odds); equals baseValue + sum of contributions. */
  rawScore: number;
}

/** Exact per-feature contributions (TreeSHAP) of one declaration's score for one head. */
export function explainContributions(
  model: RiskModel,
  declaration: Declaration,
  head: HeadName = 'fraud',
): Contributions {
  const runtime = getModelRuntime(model);
  const row = runtime.encoder.encode([declaration]).values;
  const contributions = new Float64Array(row.length);
  const raw = new Float64Array(1).fill(model.heads[head].initScore);
  runtime.forests[head].addRawScores(row, 1, row.length, raw);
  let baseValue = model.heads[head].initScore;
  for (const tree of model.heads[head].trees) baseValue += addTreeShap(tree, row, 0, contributions);
  return { head, featureNames: model.featureNames, contributions, baseValue, rawScore: raw[0] ?? 0 };
}

const MEASURE_TOPIC: Record<MeasureName, string> = {
  logValue: 'value',
  valueVsHs: 'value',
  logMass: 'mass',
  massVsHs: 'mass',
  logUnitValue: 'unitValue',
  unitValueVsHs: 'unitValue',
  dutyRate: 'dutyRate',
  dutyRateVsHs: 'dutyRate',
  logDuty: 'dutyRate',
  month: 'date',
  weekday: 'date',
  dayOfMonth: 'date',
};

/** The topic each feature belongs to (codes join their field's history, measures their quantity). */
function listFeatureTopics(encoder: FeatureEncoder): string[] {
  return encoder.specs.map((spec) => {
    switch (spec.source.kind) {
      case 'encoding':
        return spec.source.table;
      case 'category':
        return spec.source.field;
      case 'measure':
        return MEASURE_TOPIC[spec.source.measure];
    }
  });
}

const FIELD_LABELS: Record<KeyField, Record<ReasonLanguage, string>> = {
  importer: { en: 'Importer', ru: 'Импортёр' },
  declarant: { en: 'Declarant', ru: 'Декларант' },
  seller: { en: 'Seller', ru: 'Продавец' },
  courier: { en: 'Courier', ru: 'Экспресс-перевозчик' },
  hs6: { en: 'HS', ru: 'ТН ВЭД' },
  hs4: { en: 'HS heading', ru: 'товарная позиция' },
  hs2: { en: 'HS chapter', ru: 'группа ТН ВЭД' },
  origin: { en: 'origin', ru: 'происхождение' },
  departure: { en: 'departure from', ru: 'отправление из' },
  office: { en: 'Customs office', ru: 'Таможенный пост' },
  taxType: { en: 'duty type', ru: 'вид пошлины' },
  importType: { en: 'import type', ru: 'тип импорта' },
  importUse: { en: 'import use', ru: 'цель ввоза' },
  paymentType: { en: 'payment type', ru: 'способ уплаты' },
  processType: { en: 'process type', ru: 'тип процедуры' },
  transportMode: { en: 'transport mode', ru: 'вид транспорта' },
  originIndicator: { en: 'origin marking', ru: 'маркировка происхождения' },
  dutyRate: { en: 'duty rate', ru: 'ставка пошлины' },
  netMass: { en: 'net mass (kg)', ru: 'масса нетто (кг)' },
  itemValue: { en: 'value', ru: 'стоимость' },
};

function formatHs(code: string): string {
  return code.length > 4 ? `${code.slice(0, 4)}.${code.slice(4)}` : code;
}

function describeKey(field: KeyField, key: string, language: ReasonLanguage): string {
  const label = FIELD_LABELS[field][language];
  if (key === MISSING_KEY)
    return language === 'en' ? `no ${label.toLowerCase()} declared` : `${label.toLowerCase()} не указан`;
  const value = field === 'hs6' || field === 'hs4' ? formatHs(key) : field === 'dutyRate' ? `${key} %` : key;
  return `${label} ${value}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function formatPercent(value: number): string {
  return `${Math.round(value * 100)} %`;
}

function formatRatio(ratio: number): string {
  return ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1).replace(/\.0$/, '');
}

function describeHistory(
  encoder: FeatureEncoder,
  declaration: Declaration,
  topic: string,
  head: HeadName,
  language: ReasonLanguage,
): string | undefined {
  const table = encoder.statistics.tables.find((candidate) => candidate.table === topic);
  const history = encoder.lookupHistory(declaration, topic);
  if (!table || !history) return undefined;
  const keys = extractKeys(declaration);
  const subject = capitalise(
    table.fields
      .map((field) => describeKey(field, keys[FIELD_ORDER.get(field) ?? 0] ?? MISSING_KEY, language))
      .join(language === 'en' ? ' with ' : ', '),
  );
  if (history.count === 0) {
    return language === 'en'
      ? `${subject}: no past inspections on record`
      : `${subject}: проверок ранее не было`;
  }
  const found = head === 'critical' ? history.critical : history.fraud;
  const share = formatPercent(found / history.count);
  if (language === 'en') {
    const what = head === 'critical' ? 'critical fraud' : 'fraud';
    return `${subject}: past inspections found ${what} in ${share} of cases (${found} of ${history.count})`;
  }
  const what = head === 'critical' ? 'опасные нарушения' : 'нарушения';
  return `${subject}: прошлые проверки выявили ${what} в ${share} случаев (${found} из ${history.count})`;
}

function describeMeasure(
  encoder: FeatureEncoder,
  declaration: Declaration,
  topic: string,
  language: ReasonLanguage,
): string | undefined {
  const item = declaration.items[0];
  if (!item) return undefined;
  const norm = encoder.findNorm(declaration);
  const hs = norm ? formatHs(norm.code) : formatHs(item.hsCode.slice(0, 6));
  const where = language === 'en' ? `for HS ${hs}` : `для ТН ВЭД ${hs}`;
  const compare = (logRatio: number, en: string, ru: string): string => {
    const ratio = Math.exp(logRatio);
    if (ratio > 0.8 && ratio < 1.25) {
      return language === 'en'
        ? `${en} is in line with the norm ${where}`
        : `${ru} в пределах нормы ${where}`;
    }
    const times = formatRatio(ratio >= 1 ? ratio : 1 / ratio);
    if (language === 'en') return `${en} is ${times}× ${ratio >= 1 ? 'above' : 'below'} the norm ${where}`;
    return `${ru} в ${times} раза ${ratio >= 1 ? 'выше' : 'ниже'} нормы ${where}`;
  };
  const mass = item.netMassKg ?? Number.NaN;
  const logValue = Math.log1p(item.customsValue);
  const logMass = Math.log1p(mass);
  switch (topic) {
    case 'unitValue':
      if (!norm || !Number.isFinite(logMass)) return undefined;
      return compare(logValue - logMass - norm.logUnitValue, 'Unit value', 'Стоимость единицы');
    case 'mass':
      if (!norm || !Number.isFinite(logMass)) return undefined;
      return compare(logMass - norm.logMass, 'Net mass', 'Масса нетто');
    case 'value':
      if (!norm) return undefined;
      return compare(logValue - norm.logValue, 'Declared value', 'Заявленная стоимость');
    case 'dutyRate': {
      const rate = item.dutyRate;
      if (rate === undefined) return undefined;
      if (!norm) return language === 'en' ? `Duty rate ${rate} %` : `Ставка пошлины ${rate} %`;
      const usual = norm.dutyRate.toFixed(1).replace(/\.0$/, '');
      return language === 'en'
        ? `Duty rate ${rate} % against ${usual} % usual ${where}`
        : `Ставка пошлины ${rate} % при обычной ${usual} % ${where}`;
    }
    case 'date':
      return language === 'en' ? `Filing date ${declaration.date}` : `Дата подачи ${declaration.date}`;
    default:
      return undefined;
  }
}

/** A code the trees split on directly (office, HS chapter, countries, …), named with its value. */
function describeCode(declaration: Declaration, topic: string, language: ReasonLanguage): string | undefined {
  const position = FIELD_ORDER.get(topic as KeyField);
  if (position === undefined) return undefined;
  const key = extractKeys(declaration)[position] ?? MISSING_KEY;
  return capitalise(describeKey(topic as KeyField, key, language));
}

const FIELD_ORDER = new Map<KeyField, number>(KEY_FIELDS.map((field, index) => [field, index]));

/**
 * The main reasons behind a declaration's score, largest first, as sentences ("Importer X: past inspections found
 * fraud in 64 % of cases (12 of 19) (raises risk)").
 */
export function explainDeclaration(
  model: RiskModel,
  declaration: Declaration,
  options: ExplainOptions = {},
): Reason[] {
  const head = options.head ?? 'fraud';
  const language = options.language ?? 'en';
  const { contributions, featureNames } = explainContributions(model, declaration, head);
  const { encoder } = getModelRuntime(model);
  const topics = listFeatureTopics(encoder);
  const byTopic = new Map<string, { contribution: number; features: string[] }>();
  contributions.forEach((value, index) => {
    const topic = topics[index] ?? featureNames[index] ?? String(index);
    const entry = byTopic.get(topic) ?? { contribution: 0, features: [] };
    entry.contribution += value;
    if (value !== 0) entry.features.push(featureNames[index] ?? topic);
    byTopic.set(topic, entry);
  });
  return [...byTopic.entries()]
    .filter(([, entry]) => entry.contribution !== 0)
    .sort((a, b) => Math.abs(b[1].contribution) - Math.abs(a[1].contribution))
    .slice(0, options.top ?? 5)
    .map(([topic, entry]): Reason => {
      const effect = entry.contribution > 0 ? 'raises' : 'lowers';
      const sentence =
        describeHistory(encoder, declaration, topic, head, language) ??
        describeMeasure(encoder, declaration, topic, language) ??
        describeCode(declaration, topic, language) ??
        topic;
      const suffix =
        language === 'en'
          ? effect === 'raises'
            ? 'raises risk'
            : 'lowers risk'
          : effect === 'raises'
            ? 'повышает риск'
            : 'снижает риск';
      return {
        head,
        topic,
        contribution: entry.contribution,
        effect,
        text: `${sentence} (${suffix})`,
        features: entry.features,
      };
    });
}
