import { Button, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDelegations, useRevokeDelegation } from '../../api/operators.api';
import type { Delegation } from '../../api/types';
import { ApiErrorAlert, LoadingBlock } from '../../components/api-error';
import { ConfirmModal } from '../../components/confirm-modal';
import { FormModal } from '../../components/form-modal';
import { Icon } from '../../components/icons';
import { DelegationTable } from './delegations.table';
import { GrantDelegationForm } from './grant-delegation.form';
import { SectionHeading } from './section-heading';

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
        <SectionHeading
          title={t('organisation.delegations.granted')}
          help={t('organisation.delegations.grantedHelp')}
          action={
            canManage ? (
              <Button
                leftSection={<Icon name="plus" />}
                onClick={() => setGranting(true)}
                data-testid="grant-delegation-button"
              >
                {t('organisation.delegations.grant')}
              </Button>
            ) : null
          }
        />
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
        <SectionHeading
          title={t('organisation.delegations.received')}
          help={t('organisation.delegations.receivedHelp')}
        />
        {delegations.isPending ? null : (
          <DelegationTable delegations={delegations.data?.received ?? []} counterpart="principal" />
        )}
      </Stack>

      <FormModal opened={granting} onClose={() => setGranting(false)} title={t('organisation.grant.title')}>
        <GrantDelegationForm operatorId={operatorId} onDone={() => setGranting(false)} />
      </FormModal>

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
