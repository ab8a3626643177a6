import type { LocalizedText } from '../rules/rule.schemas';
import { channelNames, type Channel } from './channel';
import type { AeoFacilitation } from './trusted-trader';

/** The sentences a decision carries, in English and Russian; kept apart so wording changes do not touch logic. */

function en(value: number, digits: number): string {
  return value.toFixed(digits);
}

function ru(value: number, digits: number): string {
  return value.toFixed(digits).replace('.', ',');
}

function percent(rate: number): LocalizedText {
  return { en: `${en(rate * 100, 1)} %`, ru: `${ru(rate * 100, 1)} %` };
}

function amount(value: number): LocalizedText {
  const rounded = Math.round(value);
  return { en: rounded.toLocaleString('en-US'), ru: rounded.toLocaleString('en-US').replaceAll(',', ' ') };
}

export function ruleChannelReason(channel: Channel): LocalizedText {
  return {
    en: `Rules require at least the ${channelNames[channel].en} channel.`,
    ru: `Правила требуют канал не ниже: ${channelNames[channel].ru}.`,
  };
}

export function randomReason(rate: number): LocalizedText {
  const p = percent(rate);
  return {
    en: `Selected at random (minimum random rate ${p.en}) to measure compliance across all traders, AEOs included.`,
    ru: `Выбрана случайным образом (минимальная доля случайного контроля ${p.ru}) для измерения уровня соблюдения всеми участниками, включая УЭО.`,
  };
}

export type ModelObjective = 'fraud' | 'critical' | 'revenue';

/**
 * Where a selected value stands in the ranking that selected it, ties counted honestly: a value shared by many
 * declarations is reported with the whole range of ranks the tie covers, never with its best rank alone.
 */
export interface RankStanding {
  /** Declarations ranked: the recent window and this one (streaming), or the batch's candidates. */
  total: number;
  /** Declarations ranked strictly higher. */
  above: number;
  /** Other declarations with exactly this value. */
  tied: number;
  population: 'recent' | 'batch';
  /** Share of declarations this ranking controls. */
  rate: number;
  threshold: number;
  /** The value is at the threshold and the budget fits only this share of the tie: the seeded draw chose. */
  tieShare?: number;
}

function rankPercent(share: number): LocalizedText {
  const digits = share < 0.001 ? 3 : share < 0.01 ? 2 : 1;
  return { en: `${en(share * 100, digits)} %`, ru: `${ru(share * 100, digits)} %` };
}

function describeValue(objective: ModelObjective, value: number): LocalizedText {
  if (objective === 'revenue') {
    const v = amount(value);
    return {
      en: `Duty at stake weighted by fraud probability (${v.en})`,
      ru: `Сумма пошлины, взвешенная по вероятности нарушения (${v.ru})`,
    };
  }
  return objective === 'fraud'
    ? { en: `Fraud probability ${en(value, 2)}`, ru: `Вероятность нарушения ${ru(value, 2)}` }
    : {
        en: `Critical-fraud probability ${en(value, 2)}`,
        ru: `Вероятность критического нарушения ${ru(value, 2)}`,
      };
}

function describeThreshold(objective: ModelObjective, threshold: number): LocalizedText {
  return objective === 'revenue' ? amount(threshold) : { en: en(threshold, 2), ru: ru(threshold, 2) };
}

/** Why the model's ranking selected a declaration, with its true rank among the declarations ranked. */
export function modelReason(objective: ModelObjective, value: number, standing: RankStanding): LocalizedText {
  const v = describeValue(objective, value);
  const t = describeThreshold(objective, standing.threshold);
  const budget = percent(standing.rate);
  const first = amount(standing.above + 1);
  const last = amount(standing.above + standing.tied + 1);
  const total = amount(standing.total);
  const top = rankPercent((standing.above + standing.tied + 1) / Math.max(1, standing.total));
  const among =
    standing.population === 'recent'
      ? { en: 'recent declarations', ru: 'недавних деклараций' }
      : { en: 'declarations in this batch', ru: 'деклараций этого пакета' };
  const controls = {
    en: `this ranking controls the top ${budget.en} (threshold ${t.en})`,
    ru: `по этому рейтингу контролируются верхние ${budget.ru} (порог ${t.ru})`,
  };
  if (standing.tieShare !== undefined) {
    const share = rankPercent(standing.tieShare);
    return {
      en: `${v.en} is at the selection threshold, a score shared by the ${among.en} ranked ${first.en}–${last.en} of ${total.en} (top ${top.en} counting ties); ${controls.en}, which leaves room for ${share.en} of the tie, and the seeded draw selected this one.`,
      ru: `${v.ru} равна порогу отбора: ту же оценку имеют декларации на местах ${first.ru}–${last.ru} из ${total.ru} среди ${among.ru} (верхние ${top.ru} с учётом совпадений); ${controls.ru}, бюджет вмещает ${share.ru} этой группы, и эту декларацию выбрал воспроизводимый жребий.`,
    };
  }
  if (standing.tied > 0) {
    return {
      en: `${v.en} shares ranks ${first.en}–${last.en} of ${total.en} ${among.en} with ${amount(standing.tied).en} other${standing.tied === 1 ? '' : 's'} (top ${top.en} counting ties); ${controls.en}.`,
      ru: `${v.ru} — места ${first.ru}–${last.ru} из ${total.ru} среди ${among.ru} (совпадающих оценок: ${amount(standing.tied + 1).ru}; верхние ${top.ru} с учётом совпадений); ${controls.ru}.`,
    };
  }
  return {
    en: `${v.en} ranks ${first.en} of ${total.en} ${among.en} (top ${top.en}); ${controls.en}.`,
    ru: `${v.ru} — место ${first.ru} из ${total.ru} среди ${among.ru} (верхние ${top.ru}); ${controls.ru}.`,
  };
}

/** Why the model selected a declaration before the office has seen enough declarations to calibrate. */
export function warmupModelReason(
  objective: ModelObjective,
  value: number,
  threshold: number,
): LocalizedText {
  const v = describeValue(objective, value);
  const t = describeThreshold(objective, threshold);
  return {
    en: `${v.en} reaches the start-up threshold ${t.en} (too few recent declarations to calibrate yet; start-up picks are kept within the budget).`,
    ru: `${v.ru} достигает начального порога ${t.ru} (недавних деклараций пока недостаточно для калибровки; отбор на старте не превышает бюджет).`,
  };
}

export function explorationRandomReason(): LocalizedText {
  return {
    en: 'Selected at random for exploration, so the model keeps learning from declarations it would not pick itself.',
    ru: 'Выбрана случайным образом для исследования, чтобы модель продолжала обучаться на декларациях, которые сама бы не выбрала.',
  };
}

export function explorationUncertainReason(fraud: number, centre: number): LocalizedText {
  return {
    en: `Selected for exploration: the model is least certain here (fraud probability ${en(fraud, 2)}, near ${en(centre, 2)}).`,
    ru: `Выбрана для исследования: здесь модель наименее уверена (вероятность нарушения ${ru(fraud, 2)}, близко к ${ru(centre, 2)}).`,
  };
}

export function releaseReason(): LocalizedText {
  return {
    en: 'Released: no rule requires a control and the scores are below the selection thresholds.',
    ru: 'Выпуск: правила не требуют контроля, оценки риска ниже порогов отбора.',
  };
}

export function aeoReason(aeo: AeoFacilitation): LocalizedText {
  const source =
    aeo.source === 'mra'
      ? {
          en: `recognised under a mutual recognition arrangement${aeo.partner ? ` with ${aeo.partner}` : ''}`,
          ru: `признан по соглашению о взаимном признании${aeo.partner ? ` с ${aeo.partner}` : ''}`,
        }
      : { en: 'national status', ru: 'национальный статус' };
  const f = { en: en(aeo.factor, 2), ru: ru(aeo.factor, 2) };
  const outcome = aeo.keptOutOfModelSelection
    ? {
        en: ' The facilitation draw kept it out of model-based selection.',
        ru: ' По жребию упрощения декларация исключена из отбора по модели.',
      }
    : { en: '', ru: '' };
  return {
    en: `Importer ${aeo.partyId} is an AEO (${aeo.type}, tier ${aeo.tier}, ${source.en}): its chance of model-based selection is multiplied by ${f.en}.${outcome.en}`,
    ru: `Импортёр ${aeo.partyId} — УЭО (${aeo.type}, уровень ${aeo.tier}, ${source.ru}): вероятность отбора по модели умножена на ${f.ru}.${outcome.ru}`,
  };
}

export function channelReason(channel: Channel): LocalizedText {
  return { en: `Channel: ${channelNames[channel].en}.`, ru: `Канал: ${channelNames[channel].ru}.` };
}
