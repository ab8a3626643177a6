import { Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDelegations, useRevokeDelegation } from '../../api/operators.api';
import type { Delegation } from '../../api/types';
import { ApiErrorAlert, LoadingBlock } from '../../components/api-error';
import { ConfirmModal } from '../../components/confirm-modal';
import { Icon } from '../../components/icons';
import { DelegationTable } from './delegations.table';
import { GrantDelegationForm } from './grant-delegation.form';

export function DelegationsTab({ operatorId, canManage }: { operatorId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const delegations = useDelegations(operatorId);
  const revoke = useRevokeDelegation(operatorId);
  const [granting, setGranting] = useState(false);
  const [revoking, setRevoking] = useState<Delegation | null>(null);

  return (
    <Stack gap="lg">
      {delegations.isError ? (
        <ApiErrorAlert error={delegations.error} onRetry={() => void delegations.refetch()} />
      ) : null}
      <Stack gap="sm">
        <Group justify="space-between">
          <Stack gap={2}>
            <Title order={2} size="h4">
              {t('organisation.delegations.granted')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('organisation.delegations.grantedHelp')}
            </Text>
          </Stack>
          {canManage ? (
            <Button
              leftSection={<Icon name="plus" />}
              onClick={() => setGranting(true)}
              data-testid="grant-delegation-button"
            >
              {t('organisation.delegations.grant')}
            </Button>
          ) : null}
        </Group>
        {delegations.isPending ? (
          <LoadingBlock />
        ) : (
          <DelegationTable
            delegations={delegations.data?.granted ?? []}
            counterpart="delegate"
            onRevoke={
              canManage
                ? (delegation) => {
                    revoke.reset();
                    setRevoking(delegation);
                  }
                : undefined
            }
          />
        )}
      </Stack>
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h4">
            {t('organisation.delegations.received')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('organisation.delegations.receivedHelp')}
          </Text>
        </Stack>
        {delegations.isPending ? null : (
          <DelegationTable delegations={delegations.data?.received ?? []} counterpart="principal" />
        )}
      </Stack>

      <Modal
        opened={granting}
        onClose={() => setGranting(false)}
        title={t('organisation.grant.title')}
        size="lg"
      >
        {granting ? <GrantDelegationForm operatorId={operatorId} onDone={() => setGranting(false)} /> : null}
      </Modal>

      <ConfirmModal
        opened={revoking !== null}
        title={t('organisation.delegations.confirmRevoke.title')}
        message={t('organisation.delegations.confirmRevoke.message', {
          name: revoking?.delegate.legalName ?? '',
        })}
        confirmLabel={t('organisation.delegations.revoke')}
        loading={revoke.isPending}
        error={revoke.error}
        onClose={() => setRevoking(null)}
        onConfirm={() => {
          if (revoking) revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) });
        }}
      />
    </Stack>
  );
}
