import { Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OPERATOR_RIGHTS } from '../../api/types';
import type { OperatorMember, OperatorRight } from '../../api/types';
import { FormStack } from '../../components/form-modal';
import { RightsCheckboxes } from './rights-checkboxes';

export function MemberRightsForm({
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
    <FormStack
      onSubmit={() => onSave(rights)}
      data-testid="member-rights-form"
      error={error}
      submitLabel={t('common.save')}
      isPending={saving}
      onCancel={onCancel}
    >
      <Text size="sm">
        {member.user.name} · {member.user.email}
      </Text>
      <RightsCheckboxes
        label={t('organisation.invite.rights')}
        rights={OPERATOR_RIGHTS}
        value={rights}
        onChange={setRights}
      />
    </FormStack>
  );
}
