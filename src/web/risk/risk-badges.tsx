import { Badge, Tooltip } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { STRATEGIES } from '../api/types';
import type { Channel, Strategy } from '../api/types';

export const CHANNEL_COLORS: Record<Channel, MantineColor> = {
  green: 'green',
  blue: 'blue',
  yellow: 'yellow',
  red: 'red',
};

/** The control channel in its conventional colour, named in words (colour alone carries no meaning). */
export function ChannelBadge({ channel, size = 'md' }: { channel: Channel; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={CHANNEL_COLORS[channel]}
      variant="filled"
      c={channel === 'yellow' ? 'dark' : undefined}
      size={size}
      data-testid="channel-badge"
      data-channel={channel}
    >
      {t(`risk.channels.${channel}`)}
    </Badge>
  );
}

/** Marks a declaration whose trader is an Authorized Economic Operator (facilitation applied). */
export function AeoMarker() {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('risk.aeo.tooltip')}>
      <Badge color="customs" variant="outline" size="sm" data-testid="aeo-marker">
        {t('risk.aeo.marker')}
      </Badge>
    </Tooltip>
  );
}

function isStrategy(value: string): value is Strategy {
  return (STRATEGIES as readonly string[]).includes(value);
}

/** How a declaration was selected, in words; an unknown strategy (a newer server) shows as sent. */
export function useStrategyLabel(): (strategy: string) => string {
  const { t } = useTranslation();
  return (strategy) => (isStrategy(strategy) ? t(`risk.strategies.${strategy}`) : strategy);
}
