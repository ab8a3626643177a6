import { Alert } from '@mantine/core';
import type { AlertProps, MantineColor } from '@mantine/core';
import { Icon } from './icons';
import type { IconName } from './icons';

/** What a notice tells the user; each tone has one colour and one usual icon across the app. */
export type NoticeTone = 'success' | 'danger' | 'warning' | 'caution' | 'info' | 'neutral';

const TONES: Record<NoticeTone, { color: MantineColor; icon: IconName }> = {
  success: { color: 'green', icon: 'check' },
  danger: { color: 'red', icon: 'alert' },
  warning: { color: 'yellow', icon: 'alert' },
  caution: { color: 'orange', icon: 'alert' },
  info: { color: 'customs', icon: 'info' },
  neutral: { color: 'gray', icon: 'info' },
};

export type NoticeProps = Omit<AlertProps, 'color' | 'icon'> & {
  tone: NoticeTone;
  /** Another icon than the tone's usual one, or null for none. */
  icon?: IconName | null;
  'data-testid'?: string;
};

/** An alert with its tone's colour and icon, an optional title and its text. */
export function Notice({ tone, icon, ...alert }: NoticeProps) {
  const iconName = icon === undefined ? TONES[tone].icon : icon;
  return (
    <Alert
      color={TONES[tone].color}
      icon={iconName === null ? undefined : <Icon name={iconName} />}
      {...alert}
    />
  );
}
