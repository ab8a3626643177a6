import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { useAcceptInvitation } from '../api/operators.api';
import { ApiErrorAlert, fieldError } from '../components/api-error';
import { checkNewPassword, MIN_PASSWORD_LENGTH } from './password-rules';
import type { PasswordProblem } from './password-rules';
import { PublicLayout } from './public-layout';
import { Notice } from '../components/notice';

export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const accept = useAcceptInvitation(token);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [problem, setProblem] = useState<PasswordProblem | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = checkNewPassword(password, confirmation);
    setProblem(found);
    if (found) return;
    accept.mutate({ name: name.trim(), password });
  };

  if (accept.isSuccess) {
    return (
      <PublicLayout title={t('invitation.title')}>
        <Stack>
          <Notice tone="success" role="status">
            {t('invitation.accepted', { email: accept.data.user.email })}
          </Notice>
          <Button component={Link} to="/login">
            {t('invitation.goToLogin')}
          </Button>
        </Stack>
      </PublicLayout>
    );
  }

  const error = accept.error;
  const invalidLink = isApiError(error) && (error.code === 'not_found' || error.code === 'conflict');

  return (
    <PublicLayout title={t('invitation.title')}>
      <form onSubmit={submit} data-testid="accept-invitation-form">
        <Stack>
          <Text size="sm">{t('invitation.description')}</Text>
          <TextInput
            label={t('invitation.name')}
            autoComplete="name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(error, 'name')}
          />
          <PasswordInput
            label={t('invitation.password')}
            description={t('password.rule', { min: MIN_PASSWORD_LENGTH })}
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={
              problem === 'tooShort'
                ? t('password.tooShort', { min: MIN_PASSWORD_LENGTH })
                : fieldError(error, 'password')
            }
          />
          <PasswordInput
            label={t('invitation.confirmPassword')}
            autoComplete="new-password"
            required
            value={confirmation}
            onChange={(e) => setConfirmation(e.currentTarget.value)}
            error={problem === 'mismatch' ? t('password.mismatch') : undefined}
          />
          <div aria-live="polite">
            {invalidLink ? (
              <Notice tone="danger" role="alert">
                {t('invitation.invalid')}
              </Notice>
            ) : (
              <ApiErrorAlert error={error} />
            )}
          </div>
          <Button type="submit" loading={accept.isPending} fullWidth>
            {t('invitation.submit')}
          </Button>
          <Anchor component={Link} to="/login" size="sm" ta="center">
            {t('invitation.haveAccount')}
          </Anchor>
        </Stack>
      </form>
    </PublicLayout>
  );
}
