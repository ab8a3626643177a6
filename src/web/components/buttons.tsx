import { Button } from '@mantine/core';
import type { ButtonProps } from '@mantine/core';
import type { ComponentPropsWithoutRef } from 'react';
import { Icon } from './icons';
import type { IconName } from './icons';

export type IconButtonProps = ButtonProps &
  Omit<ComponentPropsWithoutRef<'button'>, keyof ButtonProps> & {
    /** The line icon left of the label. */
    icon: IconName;
    'data-testid'?: string;
  };

/** A labelled button with a line icon on its left (add, upload, refresh, download). */
export function IconButton({ icon, ...buttonProps }: IconButtonProps) {
  return <Button leftSection={<Icon name={icon} size={16} />} {...buttonProps} />;
}

/** "Refresh" for a page whose list changes under it; spins while the list reloads. */
export function RefreshButton({
  label,
  isFetching,
  onRefresh,
  'data-testid': testId,
}: {
  label: string;
  isFetching: boolean;
  onRefresh: () => void;
  'data-testid'?: string;
}) {
  return (
    <IconButton
      icon="refresh"
      variant="default"
      loading={isFetching}
      onClick={onRefresh}
      data-testid={testId}
    >
      {label}
    </IconButton>
  );
}
