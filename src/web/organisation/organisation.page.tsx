import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useDelegations,
  useGrantDelegation,
  useInviteColleague,
  useOperator,
  useOperatorMembers,
  useRevokeDelegation,
  useUpdateMember,
} from '../api/operators.api';
import { useCurrentUser } from '../api/session.api';
import { DELEGATION_RIGHTS, OPERATOR_RIGHTS } from '../api/types';
import type { Delegation, DelegationRight, OperatorMember, OperatorRight } from '../api/types';
import { ApiErrorAlert, fieldError, LoadingBlock } from '../components/api-error';
import { RightBadges, StatusBadge } from '../components/badges';
import type { StatusTone } from '../components/badges';
import { ConfirmModal } from '../components/confirm-modal';
import { Icon } from '../components/icons';
import { PageHeader } from '../components/page-header';
import { countryOptions } from '../i18n/countries';
import { addYears, todayIsoDate, useFormatters } from '../i18n/format';
import { delegationState } from './delegation-status';
import type { DelegationState } from './delegation-status';

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
  const format = useFormatters();
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
      {operator.data ? (
        <Card padding="md">
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md">
            <Fact label={t('organisation.profile.taxpayerId')} value={operator.data.taxpayerId} mono />
            <Fact label={t('organisation.profile.country')} value={format.country(operator.data.country)} />
            <Fact label={t('organisation.profile.address')} value={operator.data.address || '—'} />
            <Fact
              label={t('organisation.profile.employees')}
              value={format.number(operator.data.employees)}
            />
          </SimpleGrid>
        </Card>
      ) : null}
      {!canManage ? (
        <Alert color="gray" variant="light" icon={<Icon name="info" />}>
          {t('organisation.readOnly')}
        </Alert>
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
          <Members operatorId={operatorId} canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="delegations" pt="md">
          <Delegations operatorId={operatorId} canManage={canManage} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Fact({ label, value, mono = false }: { label: string; value: string; mono?: boolean }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="sm" ff={mono ? 'monospace' : undefined}>
        {value}
      </Text>
    </Stack>
  );
}

function RightsCheckboxes<R extends OperatorRight>({
  label,
  rights,
  value,
  onChange,
  error,
}: {
  label: string;
  rights: readonly R[];
  value: R[];
  onChange: (value: R[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group
      label={label}
      value={value}
      onChange={(values) => onChange(rights.filter((right) => values.includes(right)))}
      error={error}
    >
      <Stack gap="xs" mt="xs">
        {rights.map((right) => (
          <Checkbox
            key={right}
            value={right}
            label={t(`rights.${right}`)}
            description={t(`rightsHelp.${right}`)}
          />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

type MemberDialog =
  | { kind: 'invite' }
  | { kind: 'rights'; member: OperatorMember }
  | { kind: 'toggle'; member: OperatorMember }
  | null;

function Members({ operatorId, canManage }: { operatorId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const me = useCurrentUser();
  const members = useOperatorMembers(operatorId);
  const update = useUpdateMember(operatorId);
  const [dialog, setDialog] = useState<MemberDialog>(null);
  const [flash, setFlash] = useState<string | null>(null);

  const close = () => setDialog(null);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('organisation.people.title')}
        </Title>
        {canManage ? (
          <Button
            leftSection={<Icon name="plus" />}
            onClick={() => setDialog({ kind: 'invite' })}
            data-testid="invite-colleague-button"
          >
            {t('organisation.people.invite')}
          </Button>
        ) : null}
      </Group>
      <div role="status" aria-live="polite">
        {flash ? (
          <Alert color="green" icon={<Icon name="check" />} withCloseButton onClose={() => setFlash(null)}>
            {flash}
          </Alert>
        ) : null}
      </div>
      {members.isError ? (
        <ApiErrorAlert error={members.error} onRetry={() => void members.refetch()} />
      ) : null}
      <Card padding={0}>
        {members.isPending ? (
          <LoadingBlock />
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table striped aria-label={t('organisation.people.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('organisation.people.columns.name')}</Table.Th>
                  <Table.Th>{t('organisation.people.columns.rights')}</Table.Th>
                  <Table.Th>{t('organisation.people.columns.status')}</Table.Th>
                  <Table.Th>{t('organisation.people.columns.lastLogin')}</Table.Th>
                  {canManage ? (
                    <Table.Th>
                      <span className="visually-hidden">{t('common.actions')}</span>
                    </Table.Th>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {members.data?.map((member) => (
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
                    {canManage ? (
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button
                            size="xs"
                            variant="light"
                            onClick={() => {
                              update.reset();
                              setDialog({ kind: 'rights', member });
                            }}
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
                              onClick={() => {
                                update.reset();
                                setDialog({ kind: 'toggle', member });
                              }}
                            >
                              {member.user.disabled ? t('users.enable') : t('users.disable')}
                            </Button>
                          ) : null}
                        </Group>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>

      <Modal
        opened={dialog?.kind === 'invite'}
        onClose={close}
        title={t('organisation.invite.title')}
        size="lg"
      >
        {dialog?.kind === 'invite' ? (
          <InviteForm
            operatorId={operatorId}
            onCancel={close}
            onInvited={(email) => {
              close();
              setFlash(t('organisation.invite.sent', { email }));
            }}
          />
        ) : null}
      </Modal>

      <Modal
        opened={dialog?.kind === 'rights'}
        onClose={close}
        title={t('organisation.rights.title')}
        size="md"
      >
        {dialog?.kind === 'rights' ? (
          <MemberRightsForm
            member={dialog.member}
            saving={update.isPending}
            error={update.error}
            onCancel={close}
            onSave={(rights) =>
              update.mutate(
                { userId: dialog.member.user.id, rights },
                {
                  onSuccess: () => {
                    close();
                    setFlash(t('organisation.rights.saved', { name: dialog.member.user.name }));
                  },
                },
              )
            }
          />
        ) : null}
      </Modal>

      <ConfirmModal
        opened={dialog?.kind === 'toggle'}
        title={
          dialog?.kind === 'toggle' && dialog.member.user.disabled
            ? t('users.confirmEnable.title')
            : t('users.confirmDisable.title')
        }
        message={
          dialog?.kind === 'toggle'
            ? t(
                dialog.member.user.disabled ? 'users.confirmEnable.message' : 'users.confirmDisable.message',
                {
                  name: dialog.member.user.name,
                  email: dialog.member.user.email,
                },
              )
            : ''
        }
        confirmLabel={
          dialog?.kind === 'toggle' && dialog.member.user.disabled ? t('users.enable') : t('users.disable')
        }
        color={dialog?.kind === 'toggle' && dialog.member.user.disabled ? 'customs' : 'red'}
        loading={update.isPending}
        error={update.error}
        onClose={close}
        onConfirm={() => {
          if (dialog?.kind !== 'toggle') return;
          update.mutate(
            { userId: dialog.member.user.id, disabled: !dialog.member.user.disabled },
            { onSuccess: close },
          );
        }}
      />
    </Stack>
  );
}

function InviteForm({
  operatorId,
  onCancel,
  onInvited,
}: {
  operatorId: string;
  onCancel: () => void;
  onInvited: (email: string) => void;
}) {
  const { t } = useTranslation();
  const invite = useInviteColleague(operatorId);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [rights, setRights] = useState<OperatorRight[]>(['view']);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    invite.mutate(
      { email: email.trim(), name: name.trim(), rights },
      { onSuccess: ({ invitation }) => onInvited(invitation.email) },
    );
  };

  return (
    <form onSubmit={submit} data-testid="invite-form">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('organisation.invite.help')}
        </Text>
        <TextInput
          label={t('organisation.invite.email')}
          type="email"
          required
          data-autofocus
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={fieldError(invite.error, 'email')}
        />
        <TextInput
          label={t('organisation.invite.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError(invite.error, 'name')}
        />
        <RightsCheckboxes
          label={t('organisation.invite.rights')}
          rights={OPERATOR_RIGHTS}
          value={rights}
          onChange={setRights}
          error={fieldError(invite.error, 'rights')}
        />
        <ApiErrorAlert error={invite.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={invite.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={invite.isPending}>
            {t('organisation.invite.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function MemberRightsForm({
  member,
  saving,
  error,
  onCancel,
  onSave,
}: {
  member: OperatorMember;
  saving: boolean;
  error: unknown;
  onCancel: () => void;
  onSave: (rights: OperatorRight[]) => void;
}) {
  const { t } = useTranslation();
  const [rights, setRights] = useState<OperatorRight[]>(member.rights);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSave(rights);
      }}
    >
      <Stack>
        <Text size="sm">
          {member.user.name} · {member.user.email}
        </Text>
        <RightsCheckboxes
          label={t('organisation.invite.rights')}
          rights={OPERATOR_RIGHTS}
          value={rights}
          onChange={setRights}
        />
        <ApiErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={saving}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const stateTone: Record<DelegationState, StatusTone> = {
  active: 'active',
  scheduled: 'info',
  expired: 'inactive',
  revoked: 'danger',
};

function Delegations({ operatorId, canManage }: { operatorId: string; canManage: boolean }) {
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

function DelegationTable({
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
  if (delegations.length === 0) {
    return (
      <Card padding="md">
        <Text c="dimmed" size="sm">
          {t('organisation.delegations.empty')}
        </Text>
      </Card>
    );
  }
  return (
    <Card padding={0}>
      <Table.ScrollContainer minWidth={760}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>
                {counterpart === 'delegate'
                  ? t('organisation.delegations.columns.delegate')
                  : t('organisation.delegations.columns.principal')}
              </Table.Th>
              <Table.Th>{t('organisation.delegations.columns.rights')}</Table.Th>
              <Table.Th>{t('organisation.delegations.columns.period')}</Table.Th>
              <Table.Th>{t('organisation.delegations.columns.status')}</Table.Th>
              {onRevoke ? (
                <Table.Th>
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {delegations.map((delegation) => {
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
                    <StatusBadge
                      tone={stateTone[state]}
                      label={t(`organisation.delegations.state.${state}`)}
                    />
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
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

function GrantDelegationForm({ operatorId, onDone }: { operatorId: string; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const grant = useGrantDelegation(operatorId);
  const [taxpayerId, setTaxpayerId] = useState('');
  const [legalName, setLegalName] = useState('');
  const [country, setCountry] = useState<string | null>(null);
  const [rights, setRights] = useState<DelegationRight[]>(['view', 'prepare']);
  const [validFrom, setValidFrom] = useState(todayIsoDate);
  const [validUntil, setValidUntil] = useState(() => addYears(todayIsoDate(), 1));
  const [problem, setProblem] = useState<'country' | 'rights' | 'period' | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = !country
      ? 'country'
      : rights.length === 0
        ? 'rights'
        : validUntil < validFrom
          ? 'period'
          : null;
    setProblem(found);
    if (found || !country) return;
    grant.mutate(
      {
        delegateTaxpayerId: taxpayerId.trim(),
        delegateLegalName: legalName.trim(),
        delegateCountry: country,
        rights,
        validFrom,
        validUntil,
      },
      { onSuccess: onDone },
    );
  };

  const error = grant.error;
  return (
    <form onSubmit={submit} data-testid="grant-delegation-form">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('organisation.grant.help')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('organisation.grant.taxpayerId')}
            required
            data-autofocus
            value={taxpayerId}
            onChange={(e) => setTaxpayerId(e.currentTarget.value)}
            error={fieldError(error, 'delegateTaxpayerId')}
          />
          <TextInput
            label={t('organisation.grant.legalName')}
            description={t('organisation.grant.legalNameHint')}
            required
            maxLength={300}
            value={legalName}
            onChange={(e) => setLegalName(e.currentTarget.value)}
            error={fieldError(error, 'delegateLegalName')}
          />
          <Select
            label={t('organisation.grant.country')}
            withAsterisk
            searchable
            data={countryOptions(i18n.resolvedLanguage ?? 'en')}
            value={country}
            onChange={(value) => {
              setCountry(value);
              setProblem(null);
            }}
            nothingFoundMessage={t('common.nothingFound')}
            error={
              problem === 'country'
                ? t('organisation.grant.countryRequired')
                : fieldError(error, 'delegateCountry')
            }
          />
        </SimpleGrid>
        <Checkbox.Group
          label={t('organisation.grant.rights')}
          withAsterisk
          value={rights}
          onChange={(values) => {
            setRights(DELEGATION_RIGHTS.filter((right) => values.includes(right)));
            setProblem(null);
          }}
          error={problem === 'rights' ? t('organisation.grant.rightsRequired') : fieldError(error, 'rights')}
        >
          <Stack gap="xs" mt="xs">
            {DELEGATION_RIGHTS.map((right) => (
              <Checkbox
                key={right}
                value={right}
                label={t(`rights.${right}`)}
                description={t(`rightsHelp.${right}`)}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="date"
            label={t('organisation.grant.validFrom')}
            required
            value={validFrom}
            onChange={(e) => setValidFrom(e.currentTarget.value)}
            error={fieldError(error, 'validFrom')}
          />
          <TextInput
            type="date"
            label={t('organisation.grant.validUntil')}
            required
            min={validFrom}
            value={validUntil}
            onChange={(e) => setValidUntil(e.currentTarget.value)}
            error={
              problem === 'period' ? t('organisation.grant.periodInvalid') : fieldError(error, 'validUntil')
            }
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('organisation.grant.revocableNote')}
        </Text>
        <ApiErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={grant.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={grant.isPending}>
            {t('organisation.grant.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
