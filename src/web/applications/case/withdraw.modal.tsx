import { Modal, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWithdrawApplication } from '../../api/applications.api';
import type { ApplicationCase } from '../../api/types';
import { bindText } from '../../components/bind';
import { FormStack } from '../../components/form-modal';

export function WithdrawModal({
  application,
  opened,
  onClose,
}: {
  application: ApplicationCase;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const withdraw = useWithdrawApplication(application.id);
  const [withdrawReason, setWithdrawReason] = useState('');
  return (
    <Modal opened={opened} onClose={onClose} title={t('case.withdrawTitle')}>
      <FormStack
        onSubmit={() =>
          withdraw.mutate(withdrawReason.trim() ? { reason: withdrawReason.trim() } : {}, {
            onSuccess: onClose,
          })
        }
        data-testid="withdraw-form"
        error={withdraw.error}
        submitLabel={t('case.withdraw')}
        isPending={withdraw.isPending}
        onCancel={onClose}
        canCancelWhilePending
        submitTestId="withdraw-confirm"
        submitProps={{ color: 'red' }}
      >
        <Text size="sm">{t('case.withdrawMessage', { reference: application.reference })}</Text>
        <Textarea
          label={t('case.withdrawReason')}
          {...bindText(withdrawReason, setWithdrawReason)}
          maxLength={2000}
          autosize
          minRows={2}
        />
      </FormStack>
    </Modal>
  );
}
