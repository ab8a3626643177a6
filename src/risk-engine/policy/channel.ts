import { z } from 'zod';

/**
 * Control channels as ASYCUDA-style selectivity names them. The order is the order of intrusiveness,
 * so a rule's "minimum channel" can be combined with the model's pick by taking the maximum.
 * Blue (post-clearance audit) releases the goods, so it ranks below the two channels that hold them.
 */
export const channels = ['green', 'blue', 'yellow', 'red'] as const;

export const channelSchema = z.enum(channels);

export type Channel = z.infer<typeof channelSchema>;

const channelRank: Record<Channel, number> = { green: 0, blue: 1, yellow: 2, red: 3 };

export function compareChannels(a: Channel, b: Channel): number {
  return channelRank[a] - channelRank[b];
}

export function maxChannel(a: Channel, b: Channel): Channel {
  return channelRank[a] >= channelRank[b] ? a : b;
}

/** Every channel but green means the declaration was selected for some control and will report a result. */
export function isControlChannel(channel: Channel): boolean {
  return channel !== 'green';
}

export const channelNames: Record<Channel, { en: string; ru: string }> = {
  green: { en: 'green (release)', ru: 'зелёный (выпуск)' },
  blue: { en: 'blue (post-clearance audit)', ru: 'синий (проверка после выпуска)' },
  yellow: { en: 'yellow (documentary check)', ru: 'жёлтый (документальный контроль)' },
  red: { en: 'red (physical inspection)', ru: 'красный (физический досмотр)' },
};
