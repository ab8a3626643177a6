import { PasswordInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../components/api-error';
import { bindText } from '../components/bind';
import { checkNewPassword, MIN_PASSWORD_LENGTH } from './password-rules';
import type { PasswordProblem } from './password-rules';

export type NewPassword = ReturnType<typeof useNewPassword>;

/**
 * A new password typed twice; `check()` shows what is wrong before the form goes to the server. Any other refusal
 * is the server's field error for `serverField` in `serverError`.
 */
export function useNewPassword(serverError: unknown, serverField: string) {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [problem, setProblem] = useState<PasswordProblem | null>(null);

  /** Answers whether the pair may be sent, and marks the field at fault when it may not. */
  const check = () => {
    const found = checkNewPassword(password, confirmation);
    setProblem(found);
    return found === null;
  };
  const clear = () => {
    setPassword('');
    setConfirmation('');
  };
  const serverMessage = fieldError(serverError, serverField);
  return { password, setPassword, confirmation, setConfirmation, problem, serverMessage, check, clear };
}

/** The new password and its confirmation; the length and the match are checked here before the server. */
export function NewPasswordFields({
  state,
  label,
  confirmLabel,
}: {
  state: NewPassword;
  label: string;
  confirmLabel: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordInput
        label={label}
        description={t('password.rule', { min: MIN_PASSWORD_LENGTH })}
        autoComplete="new-password"
        required
        {...bindText(state.password, state.setPassword)}
        error={
          state.problem === 'tooShort'
            ? t('password.tooShort', { min: MIN_PASSWORD_LENGTH })
            : state.serverMessage
        }
      />
      <PasswordInput
        label={confirmLabel}
        autoComplete="new-password"
        required
        {...bindText(state.confirmation, state.setConfirmation)}
        error={state.problem === 'mismatch' ? t('password.mismatch') : undefined}
      />
    </>
  );
}
