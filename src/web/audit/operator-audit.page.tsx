import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page-header';
import { AuditTrail } from './audit-trail';

export function OperatorAuditPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <PageHeader title={t('audit.operatorTitle')} description={t('audit.operatorDescription')} />
      <AuditTrail canVerify={false} />
    </Stack>
  );
}
