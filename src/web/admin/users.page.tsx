import {
  ActionIcon,
  Badge,
  Card,
  Group,
  Menu,
  Pagination,
  Select,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOffices } from '../api/offices.api';
import { useCurrentUser } from '../api/session.api';
import { useUpdateUser, useUsers } from '../api/users.api';
import { ROLES } from '../api/types';
import type { Role, User } from '../api/types';
import { RoleBadges, StatusBadge } from '../components/badges';
import { IconButton } from '../components/buttons';
import { ConfirmModal } from '../components/confirm-modal';
import { Icon } from '../components/icons';
import { FlashNotice } from '../components/flash-notice';
import { TablePage } from '../components/table-page';
import { TextWithNote } from '../components/text-with-note';
import { useFormatters } from '../i18n/format';
import { officeLabelById } from './office-tree';
import { UserFormModal } from './user-form.modal';

const PAGE_SIZE = 25;
const COLUMNS = ['name', 'roles', 'office', 'status', 'lastLogin'] as const;

type Editing = { mode: 'create' } | { mode: 'edit'; user: User } | null;

export function UsersPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const me = useCurrentUser();
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [role, setRole] = useState<Role | null>(null);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Editing>(null);
  const [toggling, setToggling] = useState<User | null>(null);
  const [flash, setFlash] = useState<string | null>(null);

  const users = useUsers({
    q: debouncedSearch || undefined,
    role: role ?? undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const offices = useOffices();
  const updateUser = useUpdateUser();

  const total = users.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  const confirmToggle = () => {
    if (!toggling) return;
    const disabled = !toggling.disabled;
    updateUser.mutate(
      { id: toggling.id, disabled },
      {
        onSuccess: ({ user }) => {
          setToggling(null);
          setFlash(
            disabled
              ? t('users.flash.disabled', { name: user.name })
              : t('users.flash.enabled', { name: user.name }),
          );
        },
      },
    );
  };

  return (
    <TablePage
      title={t('users.title')}
      description={t('users.description')}
      actions={
        <IconButton
          icon="plus"
          onClick={() => setEditing({ mode: 'create' })}
          data-testid="create-user-button"
        >
          {t('users.create')}
        </IconButton>
      }
      intro={
        <>
          <FlashNotice message={flash} onClose={() => setFlash(null)} />
          <Card padding="md">
            <Group align="flex-end" gap="md" wrap="wrap" role="search">
              <TextInput
                label={t('users.filters.search')}
                placeholder={t('users.filters.searchPlaceholder')}
                leftSection={<Icon name="search" size={16} />}
                value={search}
                onChange={(e) => {
                  setSearch(e.currentTarget.value);
                  setPage(1);
                }}
                w={320}
                type="search"
              />
              <Select
                label={t('users.filters.role')}
                placeholder={t('users.filters.allRoles')}
                data={ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
                value={role}
                onChange={(value) => {
                  setRole(ROLES.find((candidate) => candidate === value) ?? null);
                  setPage(1);
                }}
                clearable
                w={220}
              />
              <Text size="sm" c="dimmed" ml="auto" aria-live="polite">
                {users.data ? t('common.totalCount', { total: format.number(total) }) : ''}
              </Text>
            </Group>
          </Card>
        </>
      }
      query={users}
      rows={users.data?.items}
      minWidth={900}
      striped
      aria-busy={users.isFetching}
      columns={[
        ...COLUMNS.map((column) => t(`users.columns.${column}`)),
        { label: t('common.actions'), isHidden: true },
      ]}
      emptyText={t('users.empty')}
      renderRow={(user) => (
        <Table.Tr key={user.id} data-testid="user-row">
          <Table.Td>
            <TextWithNote weight={600} note={user.email}>
              {user.name}
            </TextWithNote>
          </Table.Td>
          <Table.Td>
            <RoleBadges roles={user.roles} />
          </Table.Td>
          <Table.Td>
            <Text size="sm">
              {user.operatorId
                ? t('users.operatorRef', { id: user.operatorId })
                : officeLabelById(offices.data, user.officeId)}
            </Text>
          </Table.Td>
          <Table.Td>
            <Group gap={6}>
              <StatusBadge
                tone={user.disabled ? 'inactive' : 'active'}
                label={user.disabled ? t('status.disabled') : t('status.active')}
              />
              {user.totpEnabled ? (
                <Badge color="green" size="xs" variant="outline">
                  {t('users.twoFactor')}
                </Badge>
              ) : null}
            </Group>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{format.dateTime(user.lastLoginAt)}</Text>
          </Table.Td>
          <Table.Td>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={t('users.actionsFor', { name: user.name })}
                >
                  <Icon name="chevronDown" />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => setEditing({ mode: 'edit', user })}>{t('users.edit')}</Menu.Item>
                <Menu.Item
                  color={user.disabled ? undefined : 'red'}
                  disabled={user.id === me.id}
                  onClick={() => {
                    updateUser.reset();
                    setToggling(user);
                  }}
                >
                  {user.disabled ? t('users.enable') : t('users.disable')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Table.Td>
        </Table.Tr>
      )}
    >
      {pages > 1 ? (
        <Group justify="center">
          <Pagination
            total={pages}
            value={page}
            onChange={setPage}
            getControlProps={(control) => ({
              'aria-label': control === 'previous' ? t('common.previousPage') : t('common.nextPage'),
            })}
          />
        </Group>
      ) : null}

      <UserFormModal
        opened={editing !== null}
        user={editing?.mode === 'edit' ? editing.user : null}
        offices={offices.data ?? []}
        onClose={() => setEditing(null)}
        onSaved={(user, created) => {
          setEditing(null);
          setFlash(
            created
              ? t('users.flash.created', { name: user.name })
              : t('users.flash.updated', { name: user.name }),
          );
        }}
      />

      <ConfirmModal
        opened={toggling !== null}
        title={toggling?.disabled ? t('users.confirmEnable.title') : t('users.confirmDisable.title')}
        message={
          toggling?.disabled
            ? t('users.confirmEnable.message', { name: toggling.name, email: toggling.email })
            : t('users.confirmDisable.message', { name: toggling?.name ?? '', email: toggling?.email ?? '' })
        }
        confirmLabel={toggling?.disabled ? t('users.enable') : t('users.disable')}
        color={toggling?.disabled ? 'customs' : 'red'}
        loading={updateUser.isPending}
        error={updateUser.error}
        onConfirm={confirmToggle}
        onClose={() => setToggling(null)}
      />
    </TablePage>
  );
}
