import { Button, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/session.api';
import type { OperatorMember } from '../../api/types';
import { RightBadges, StatusBadge } from '../../components/badges';
import { DataTable } from '../../components/data-table';
import { useFormatters } from '../../i18n/format';

export interface MemberActions {
  onChangeRights: (member: OperatorMember) => void;
  onToggle: (member: OperatorMember) => void;
}

const COLUMNS = ['name', 'rights', 'status', 'lastLogin'] as const;

/** The people of the operator; the actions column shows only for those who may manage them. */
export function MembersTable({
  members,
  actions,
}: {
  members: readonly OperatorMember[];
  actions?: MemberActions;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const me = useCurrentUser();
  return (
    <DataTable
      minWidth={760}
      striped
      aria-label={t('organisation.people.title')}
      columns={[
        ...COLUMNS.map((column) => t(`organisation.people.columns.${column}`)),
        ...(actions ? [{ label: t('common.actions'), isHidden: true }] : []),
      ]}
      rows={members}
      renderRow={(member) => (
        <Table.Tr key={member.user.id}>
          <Table.Td>
            <Text size="sm" fw={600}>
              {member.user.name}
            </Text>
            <Text size="xs" c="dimmed">
              {member.user.email}
            </Text>
          </Table.Td>
          <Table.Td>
            <RightBadges rights={member.rights} />
          </Table.Td>
          <Table.Td>
            <StatusBadge
              tone={member.user.disabled ? 'inactive' : 'active'}
              label={member.user.disabled ? t('status.disabled') : t('status.active')}
            />
          </Table.Td>
          <Table.Td>
            <Text size="sm">{format.dateTime(member.user.lastLoginAt)}</Text>
          </Table.Td>
          {actions ? (
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => actions.onChangeRights(member)}
                  aria-label={t('organisation.people.changeRightsNamed', {
                    name: member.user.name,
                  })}
                >
                  {t('organisation.people.changeRights')}
                </Button>
                {member.user.id !== me.id ? (
                  <Button
                    size="xs"
                    variant="subtle"
                    color={member.user.disabled ? 'customs' : 'red'}
                    onClick={() => actions.onToggle(member)}
                  >
                    {member.user.disabled ? t('users.enable') : t('users.disable')}
                  </Button>
                ) : null}
              </Group>
            </Table.Td>
          ) : null}
        </Table.Tr>
      )}
    />
  );
}
