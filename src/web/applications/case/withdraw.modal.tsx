import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWithdrawApplication } from '../../api/applications.api';
import type { ApplicationCase } from '../../api/types';
import { ApiErrorAlert } from '../../components/api-error';

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
      <Stack>
        <Text size="sm">{t('case.withdrawMessage', { reference: application.reference })}</Text>
        <Textarea
          label={t('case.withdrawReason')}
          value={withdrawReason}
          maxLength={2000}
          autosize
          minRows={2}
          onChange={(event) => setWithdrawReason(event.currentTarget.value)}
        />
        <ApiErrorAlert error={withdraw.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={withdraw.isPending}
            data-testid="withdraw-confirm"
            onClick={() =>
              withdraw.mutate(withdrawReason.trim() ? { reason: withdrawReason.trim() } : {}, {
                onSuccess: onClose,
              })
            }
          >
            {t('case.withdraw')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
