import { Button, Group } from '@mantine/core';
import type { ButtonProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface FormActionsProps {
  submitLabel: ReactNode;
  isPending: boolean;
  /** Left out, the row has no cancel button (a form that stands on its own page). */
  onCancel?: () => void;
  /** Defaults to "Cancel". */
  cancelLabel?: ReactNode;
  /** Cancel is locked while the form saves unless the form can be left mid-save. */
  canCancelWhilePending?: boolean;
  /** Given, the main button acts on click instead of submitting a form (a confirmation outside a form). */
  onSubmit?: () => void;
  isSubmitDisabled?: boolean;
  submitTestId?: string;
  /** Colours of the main button when the act is not a plain save (revoke, suspend, delete). */
  submitProps?: Pick<ButtonProps, 'color' | 'c'> & { 'data-autofocus'?: boolean };
}

/** The cancel / submit row closing every form and modal form; cancel is locked while the form saves. */
export function FormActions({
  submitLabel,
  isPending,
  onCancel,
  cancelLabel,
  canCancelWhilePending = false,
  onSubmit,
  isSubmitDisabled,
  submitTestId,
  submitProps,
}: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      {onCancel ? (
        <Button variant="default" onClick={onCancel} disabled={canCancelWhilePending ? undefined : isPending}>
          {cancelLabel ?? t('common.cancel')}
        </Button>
      ) : null}
      <Button
        {...submitProps}
        type={onSubmit ? 'button' : 'submit'}
        onClick={onSubmit}
        loading={isPending}
        disabled={isSubmitDisabled}
        data-testid={submitTestId}
      >
        {submitLabel}
      </Button>
    </Group>
  );
}
