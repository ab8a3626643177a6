import { Button, Card, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Delegation } from '../../api/types';
import { RightBadges, StatusBadge } from '../../components/badges';
import type { StatusTone } from '../../components/badges';
import { DataTable, EmptyCard } from '../../components/data-table';
import { todayIsoDate, useFormatters } from '../../i18n/format';
import { delegationState } from '../delegation-status';
import type { DelegationState } from '../delegation-status';

const stateTone: Record<DelegationState, StatusTone> = {
  active: 'active',
  scheduled: 'info',
  expired: 'inactive',
  revoked: 'danger',
};

export function DelegationTable({
  delegations,
  counterpart,
  onRevoke,
}: {
  delegations: Delegation[];
  counterpart: 'delegate' | 'principal';
  onRevoke?: (delegation: Delegation) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const today = todayIsoDate();
  if (delegations.length === 0) return <EmptyCard>{t('organisation.delegations.empty')}</EmptyCard>;
  return (
    <Card padding={0}>
      <DataTable
        minWidth={760}
        striped
        columns={[
          counterpart === 'delegate'
            ? t('organisation.delegations.columns.delegate')
            : t('organisation.delegations.columns.principal'),
          t('organisation.delegations.columns.rights'),
          t('organisation.delegations.columns.period'),
          t('organisation.delegations.columns.status'),
          ...(onRevoke ? [{ label: t('common.actions'), isHidden: true }] : []),
        ]}
        rows={delegations}
        renderRow={(delegation) => {
          const state = delegationState(delegation, today);
          return (
            <Table.Tr key={delegation.id}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {delegation[counterpart].legalName}
                </Text>
              </Table.Td>
              <Table.Td>
                <RightBadges rights={delegation.rights} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {t('organisation.delegations.period', {
                    from: format.date(delegation.validFrom),
                    until: format.date(delegation.validUntil),
                  })}
                </Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge tone={stateTone[state]} label={t(`organisation.delegations.state.${state}`)} />
              </Table.Td>
              {onRevoke ? (
                <Table.Td>
                  {state === 'active' || state === 'scheduled' ? (
                    <Button size="xs" variant="light" color="red" onClick={() => onRevoke(delegation)}>
                      {t('organisation.delegations.revoke')}
                    </Button>
                  ) : null}
                </Table.Td>
              ) : null}
            </Table.Tr>
          );
        }}
      />
    </Card>
  );
}
