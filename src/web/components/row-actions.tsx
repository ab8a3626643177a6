import { ActionIcon } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import { Icon } from './icons';
import type { IconName } from './icons';

export interface RowIconButtonProps {
  icon: IconName;
  /** The accessible name: the button shows only its icon, so the label names the act and its row. */
  label: string;
  onClick: () => void;
  color?: MantineColor;
  disabled?: boolean;
}

/** An icon-only act on one row of a table (edit, remove). */
export function RowIconButton({ icon, label, onClick, color, disabled }: RowIconButtonProps) {
  return (
    <ActionIcon variant="subtle" color={color} disabled={disabled} aria-label={label} onClick={onClick}>
      <Icon name={icon} size={16} />
    </ActionIcon>
  );
}

/** The red bin that removes (or asks to remove) one row. */
export function DeleteIconButton(props: Omit<RowIconButtonProps, 'icon' | 'color'>) {
  return <RowIconButton icon="trash" color="red" {...props} />;
}
