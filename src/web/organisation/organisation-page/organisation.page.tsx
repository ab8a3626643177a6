import { Stack, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOperator } from '../../api/operators.api';
import { useCurrentUser } from '../../api/session.api';
import { ApiErrorAlert } from '../../components/api-error';
import { Icon } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { DelegationsTab } from './delegations.tab';
import { MembersTab } from './members.tab';
import { ProfileCard } from './profile.card';
import { Notice } from '../../components/notice';

export function OrganisationPage() {
  const user = useCurrentUser();
  // RequireAccess lets only users of an operator in; the check keeps the types honest.
  if (!user.operatorId) return null;
  return (
    <Organisation operatorId={user.operatorId} canManage={user.operatorRights.includes('manage_users')} />
  );
}

function Organisation({ operatorId, canManage }: { operatorId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const operator = useOperator(operatorId);

  return (
    <Stack gap="md">
      <PageHeader
        title={operator.data?.legalName ?? t('organisation.title')}
        description={t('organisation.description')}
      />
      {operator.isError ? (
        <ApiErrorAlert error={operator.error} onRetry={() => void operator.refetch()} />
      ) : null}
      {operator.data ? <ProfileCard operator={operator.data} /> : null}
      {!canManage ? (
        <Notice tone="neutral" variant="light">
          {t('organisation.readOnly')}
        </Notice>
      ) : null}
      <Tabs defaultValue="people" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="people" leftSection={<Icon name="users" size={16} />}>
            {t('organisation.tabs.people')}
          </Tabs.Tab>
          <Tabs.Tab value="delegations" leftSection={<Icon name="briefcase" size={16} />}>
            {t('organisation.tabs.delegations')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="people" pt="md">
          <MembersTab operatorId={operatorId} canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="delegations" pt="md">
          <DelegationsTab operatorId={operatorId} canManage={canManage} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
