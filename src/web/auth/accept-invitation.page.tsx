import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { useAcceptInvitation } from '../api/operators.api';
import { ApiErrorAlert } from '../components/api-error';
import { useFields } from '../components/use-fields';
import { NewPasswordFields, useNewPassword } from './new-password';
import { PublicLayout } from './public-layout';
import { Notice } from '../components/notice';

export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const accept = useAcceptInvitation(token);
  const error = accept.error;
  const form = useFields({ name: '' }, error);
  const newPassword = useNewPassword(error, 'password');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!newPassword.check()) return;
    accept.mutate({ name: form.values.name.trim(), password: newPassword.password });
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
            {...form.getInputProps('name')}
          />
          <NewPasswordFields
            state={newPassword}
            label={t('invitation.password')}
            confirmLabel={t('invitation.confirmPassword')}
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
