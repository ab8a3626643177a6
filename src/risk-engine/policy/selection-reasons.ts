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

export function modelReason(
  objective: ModelObjective,
  value: number,
  threshold: number,
  rate: number,
  calibrated: boolean,
): LocalizedText {
  const p = percent(rate);
  if (objective === 'revenue') {
    const v = amount(value);
    const t = amount(threshold);
    return {
      en: `Duty at stake weighted by fraud probability (${v.en}) is in the top ${p.en} of recent declarations (threshold ${t.en}).`,
      ru: `Сумма пошлины, взвешенная по вероятности нарушения (${v.ru}), входит в верхние ${p.ru} недавних деклараций (порог ${t.ru}).`,
    };
  }
  const what =
    objective === 'fraud'
      ? { en: 'Fraud probability', ru: 'Вероятность нарушения' }
      : { en: 'Critical-fraud probability', ru: 'Вероятность критического нарушения' };
  if (!calibrated) {
    return {
      en: `${what.en} ${en(value, 2)} reaches the start-up threshold ${en(threshold, 2)} (too few recent declarations to calibrate yet).`,
      ru: `${what.ru} ${ru(value, 2)} достигает начального порога ${ru(threshold, 2)} (недавних деклараций пока недостаточно для калибровки).`,
    };
  }
  return {
    en: `${what.en} ${en(value, 2)} is in the top ${p.en} of recent declarations (threshold ${en(threshold, 2)}).`,
    ru: `${what.ru} ${ru(value, 2)} входит в верхние ${p.ru} недавних деклараций (порог ${ru(threshold, 2)}).`,
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
