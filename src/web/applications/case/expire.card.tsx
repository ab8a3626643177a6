import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useExpireApplication } from '../../api/applications.api';
import type { ApplicationCase } from '../../api/types';
import { ConfirmModal } from '../../components/confirm-modal';

export function ExpireCard({ application }: { application: ApplicationCase }) {
  const { t } = useTranslation();
  const expire = useExpireApplication(application.id);
  const [confirming, setConfirming] = useState(false);
  // The server allows the expiry once the reply period has run out.
  const overdue = application.allowedActions.includes('expire');
  return (
    <Card padding="md">
      <Group justify="space-between" wrap="wrap">
        <Stack gap={2}>
          <Title order={2} size="h4">
            {t('case.expire.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {overdue ? t('case.expire.overdue') : t('case.expire.notYet')}
          </Text>
        </Stack>
        <Button color="orange" variant="light" disabled={!overdue} onClick={() => setConfirming(true)}>
          {t('case.expire.button')}
        </Button>
      </Group>
      <ConfirmModal
        opened={confirming}
        title={t('case.expire.title')}
        message={t('case.expire.confirm', { reference: application.reference })}
        confirmLabel={t('case.expire.button')}
        color="orange"
        loading={expire.isPending}
        error={expire.error}
        onClose={() => setConfirming(false)}
        onConfirm={() => expire.mutate(undefined, { onSuccess: () => setConfirming(false) })}
      />
    </Card>
  );
}
