import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { useConfirmRegistration } from '../api/programme.api';
import { ApiErrorAlert } from '../components/api-error';
import { PublicPageLayout } from './public-page.layout';
import { SmeNotice } from './sme-notice';
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
    <Group justify="flex-end">
      <Button component={Link} to="/login" data-testid="confirm-registration-sign-in">
        {t('register.confirm.signIn')}
      </Button>
    </Group>
  );

  if (confirm.data) {
    const { operator } = confirm.data;
    return (
      <PublicPageLayout title={t('register.confirm.title')} size="sm">
        <Stack data-testid="confirm-registration-result">
          <Notice
            tone="success"
            title={t('register.confirm.doneHeading', { name: operator.legalName })}
            role="status"
          >
            {t('register.confirm.doneText')}
          </Notice>
          <SmeNotice isSme={operator.isSme} />
          {signIn}
        </Stack>
      </PublicPageLayout>
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
      <PublicPageLayout title={t('register.confirm.title')} size="sm">
        <Stack data-testid="confirm-registration-refused">
          <Notice tone="warning" role="status">
            {error.code === 'not_found'
              ? t('register.confirm.invalidLink')
              : t('register.confirm.alreadyConfirmed')}
          </Notice>
          {error.code === 'not_found' ? (
            <Group justify="flex-end">
              <Button component={Link} to="/register" variant="default">
                {t('publicPages.register')}
              </Button>
            </Group>
          ) : (
            signIn
          )}
        </Stack>
      </PublicPageLayout>
    );
  }

  return (
    <PublicPageLayout title={t('register.confirm.title')} size="sm">
      <Stack data-testid="confirm-registration">
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
      </Stack>
    </PublicPageLayout>
  );
}
