import { Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useInviteColleague } from '../../api/operators.api';
import { OPERATOR_RIGHTS } from '../../api/types';
import type { OperatorRight } from '../../api/types';
import { FormStack } from '../../components/form-modal';
import { useFields } from '../../components/use-fields';
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
  const form = useFields({ email: '', name: '', rights: ['view'] as OperatorRight[] }, invite.error);

  const submit = () => {
    const { email, name, rights } = form.values;
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
        {...form.getInputProps('email')}
      />
      <TextInput label={t('organisation.invite.name')} required {...form.getInputProps('name')} />
      <RightsCheckboxes
        label={t('organisation.invite.rights')}
        rights={OPERATOR_RIGHTS}
        {...form.getInputProps('rights')}
        value={form.values.rights}
      />
    </FormStack>
  );
}
