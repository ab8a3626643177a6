import { Modal, Stack } from '@mantine/core';
import type { MantineSize, MantineSpacing } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { ApiErrorAlert } from './api-error';
import { FormActions } from './form-actions';
import type { FormActionsProps } from './form-actions';

export interface FormModalProps {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  size?: MantineSize;
  /** Mounted only while the modal is open, so every opening starts from a fresh form. */
  children: ReactNode;
}

/** The modal around a form: its content is unmounted on close, so no half-typed draft survives a reopening. */
export function FormModal({ opened, onClose, title, size = 'lg', children }: FormModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size}>
      {opened ? children : null}
    </Modal>
  );
}

export type FormStackProps = Omit<FormActionsProps, 'onSubmit'> & {
  /** Called on submit; the browser's own submission is already prevented. */
  onSubmit: () => void;
  'data-testid': string;
  /** The server's error for the whole form, shown above the actions. */
  error: unknown;
  /** Shown between the error and the actions (a stale-copy warning). */
  notice?: ReactNode;
  /** Leaves the checks to the server (and its field errors) instead of the browser's own bubbles. */
  noValidate?: boolean;
  gap?: MantineSpacing;
  children: ReactNode;
};

/** A form's fields, then the server's error, then the cancel / submit row: the skeleton of every save form. */
export function FormStack({
  onSubmit,
  'data-testid': testId,
  error,
  notice,
  noValidate,
  gap,
  children,
  ...actions
}: FormStackProps) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} data-testid={testId} noValidate={noValidate}>
      <Stack gap={gap}>
        {children}
        <ApiErrorAlert error={error} />
        {notice}
        <FormActions {...actions} />
      </Stack>
    </form>
  );
}
