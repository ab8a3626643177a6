import { Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInviteColleague } from '../../api/operators.api';
import { OPERATOR_RIGHTS } from '../../api/types';
import type { OperatorRight } from '../../api/types';
import { fieldError } from '../../components/api-error';
import { bindText } from '../../components/bind';
import { FormStack } from '../../components/form-modal';
import { RightsCheckboxes } from './rights-checkboxes';

export function InviteForm({
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

  const submit = () => {
    invite.mutate(
      { email: email.trim(), name: name.trim(), rights },
      { onSuccess: ({ invitation }) => onInvited(invitation.email) },
    );
  };

  return (
    <FormStack
      onSubmit={submit}
      data-testid="invite-form"
      error={invite.error}
      submitLabel={t('organisation.invite.submit')}
      isPending={invite.isPending}
      onCancel={onCancel}
    >
      <Text size="sm" c="dimmed">
        {t('organisation.invite.help')}
      </Text>
      <TextInput
        label={t('organisation.invite.email')}
        type="email"
        required
        data-autofocus
        {...bindText(email, setEmail)}
        error={fieldError(invite.error, 'email')}
      />
      <TextInput
        label={t('organisation.invite.name')}
        required
        {...bindText(name, setName)}
        error={fieldError(invite.error, 'name')}
      />
      <RightsCheckboxes
        label={t('organisation.invite.rights')}
        rights={OPERATOR_RIGHTS}
        value={rights}
        onChange={setRights}
        error={fieldError(invite.error, 'rights')}
      />
    </FormStack>
  );
}
