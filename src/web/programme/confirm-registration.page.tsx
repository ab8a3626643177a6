import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../api/client';
import { useConfirmRegistration } from '../api/programme.api';
import { ApiErrorAlert } from '../components/api-error';
import { NextLink, OutcomePage, RegistrationDone } from './registration-outcome';
import { Notice } from '../components/notice';

/**
 * The link e-mailed after registration. Confirming takes a click (not the page load), so a mail scanner that opens
 * links does not create the account.
 */
export function ConfirmRegistrationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const confirm = useConfirmRegistration(token);
  const error = confirm.error;
  const signIn = (
    <NextLink to="/login" data-testid="confirm-registration-sign-in">
      {t('register.confirm.signIn')}
    </NextLink>
  );

  if (confirm.data) {
    const { operator } = confirm.data;
    return (
      <RegistrationDone
        title={t('register.confirm.title')}
        data-testid="confirm-registration-result"
        heading={t('register.confirm.doneHeading', { name: operator.legalName })}
        isSme={operator.isSme}
        next={signIn}
      >
        {t('register.confirm.doneText')}
      </RegistrationDone>
    );
  }

  // Other refusals (the taxpayer id or the e-mail registered meanwhile) show the server's message below.
  const isAlreadyConfirmed =
    isApiError(error) &&
    typeof error.details === 'object' &&
    error.details !== null &&
    'reason' in error.details &&
    error.details.reason === 'already_confirmed';
  if (isApiError(error) && (error.code === 'not_found' || isAlreadyConfirmed)) {
    return (
      <OutcomePage title={t('register.confirm.title')} data-testid="confirm-registration-refused">
        <Notice tone="warning" role="status">
          {error.code === 'not_found'
            ? t('register.confirm.invalidLink')
            : t('register.confirm.alreadyConfirmed')}
        </Notice>
        {error.code === 'not_found' ? (
          <NextLink to="/register" variant="default">
            {t('publicPages.register')}
          </NextLink>
        ) : (
          signIn
        )}
      </OutcomePage>
    );
  }

  return (
    <OutcomePage title={t('register.confirm.title')} data-testid="confirm-registration">
      <Text>{t('register.confirm.description')}</Text>
      <ApiErrorAlert error={error} />
      <Group justify="flex-end">
        <Button
          onClick={() => confirm.mutate()}
          loading={confirm.isPending}
          data-testid="confirm-registration-submit"
        >
          {t('register.confirm.submit')}
        </Button>
      </Group>
    </OutcomePage>
  );
}
