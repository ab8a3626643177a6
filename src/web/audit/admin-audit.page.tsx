import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page-header';
import { AuditTrail } from './audit-trail';

export function AdminAuditPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <PageHeader title={t('audit.adminTitle')} description={t('audit.adminDescription')} />
      <AuditTrail canVerify />
    </Stack>
  );
}
