import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/icons';

/** Whether the programme treats the company as an SME (its proportionate questionnaire), as the server decided. */
export function SmeNotice({ isSme }: { isSme: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert
      color={isSme ? 'customs' : 'gray'}
      icon={<Icon name="info" />}
      title={isSme ? t('register.smeYes') : t('register.smeNo')}
      data-testid="register-sme"
      data-sme={isSme ? 'true' : 'false'}
    >
      {isSme ? t('register.smeYesText') : t('register.smeNoText')}
    </Alert>
  );
}
