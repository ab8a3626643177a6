import { Button, Card, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOperatorMembers, useUpdateMember } from '../../api/operators.api';
import type { OperatorMember } from '../../api/types';
import { ApiErrorAlert, LoadingBlock } from '../../components/api-error';
import { ConfirmModal } from '../../components/confirm-modal';
import { FlashNotice } from '../../components/flash-notice';
import { FormModal } from '../../components/form-modal';
import { Icon } from '../../components/icons';
import { InviteForm } from './invite.form';
import { MemberRightsForm } from './member-rights.form';
import { MembersTable } from './members.table';
import { SectionHeading } from './section-heading';

type MemberDialog =
  | { kind: 'invite' }
  | { kind: 'rights'; member: OperatorMember }
  | { kind: 'toggle'; member: OperatorMember }
  | null;

export function MembersTab({ operatorId, canManage }: { operatorId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const members = useOperatorMembers(operatorId);
  const update = useUpdateMember(operatorId);
  const [dialog, setDialog] = useState<MemberDialog>(null);
  const [flash, setFlash] = useState<string | null>(null);

  const close = () => setDialog(null);
  // A dialog about one member starts without the error of the last update.
  const openFor = (kind: 'rights' | 'toggle') => (member: OperatorMember) => {
    update.reset();
    setDialog({ kind, member });
  };

  return (
    <Stack gap="md">
      <SectionHeading
        title={t('organisation.people.title')}
        action={
          canManage ? (
            <Button
              leftSection={<Icon name="plus" />}
              onClick={() => setDialog({ kind: 'invite' })}
              data-testid="invite-colleague-button"
            >
              {t('organisation.people.invite')}
            </Button>
          ) : null
        }
      />
      <FlashNotice message={flash} onClose={() => setFlash(null)} />
      {members.isError ? (
        <ApiErrorAlert error={members.error} onRetry={() => void members.refetch()} />
      ) : null}
      <Card padding={0}>
        {members.isPending ? (
          <LoadingBlock />
        ) : (
          <MembersTable
            members={members.data ?? []}
            actions={
              canManage ? { onChangeRights: openFor('rights'), onToggle: openFor('toggle') } : undefined
            }
          />
        )}
      </Card>

      <FormModal opened={dialog?.kind === 'invite'} onClose={close} title={t('organisation.invite.title')}>
        <InviteForm
          operatorId={operatorId}
          onCancel={close}
          onInvited={(email) => {
            close();
            setFlash(t('organisation.invite.sent', { email }));
          }}
        />
      </FormModal>

      <FormModal
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
      </FormModal>

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
