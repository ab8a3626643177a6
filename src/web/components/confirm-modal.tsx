import { Modal, Stack, Text } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import { ApiErrorAlert } from './api-error';
import { FormActions } from './form-actions';

export interface ConfirmModalProps {
  opened: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  color?: MantineColor;
  loading?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

export function ConfirmModal({
  opened,
  title,
  message,
  confirmLabel,
  color = 'red',
  loading = false,
  error,
  onConfirm,
  onClose,
}: ConfirmModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="md">
      <Stack>
        <Text size="sm">{message}</Text>
        <ApiErrorAlert error={error} />
        <FormActions
          submitLabel={confirmLabel}
          isPending={loading}
          onCancel={onClose}
          onSubmit={onConfirm}
          submitProps={{ color, 'data-autofocus': true }}
        />
      </Stack>
    </Modal>
  );
}
