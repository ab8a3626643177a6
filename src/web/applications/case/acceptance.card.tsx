import { Button, Card, Group, Modal, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDecideAcceptance } from '../../api/applications.api';
import type { AcceptanceOutcome, ApplicationCase } from '../../api/types';
import { ApiErrorAlert, fieldError } from '../../components/api-error';
import { Icon } from '../../components/icons';

export function AcceptanceCard({ application }: { application: ApplicationCase }) {
  const { t } = useTranslation();
  const decide = useDecideAcceptance(application.id);
  const [outcome, setOutcome] = useState<AcceptanceOutcome | null>(null);
  const [reason, setReason] = useState('');
  const needsReason = outcome !== null && outcome !== 'accepted';
  const close = () => {
    setOutcome(null);
    setReason('');
    decide.reset();
  };

  return (
    <Card
      padding="md"
      data-testid="acceptance-card"
      style={{ borderLeft: '4px solid var(--mantine-color-customs-6)' }}
    >
      <Title order={2} size="h4">
        {t('case.acceptance.title')}
      </Title>
      <Text size="sm" c="dimmed" mt={4} mb="sm">
        {t('case.acceptance.description')}
      </Text>
      <Group>
        <Button
          color="green"
          leftSection={<Icon name="check" size={16} />}
          onClick={() => setOutcome('accepted')}
          data-testid="decide-accept"
        >
          {t('case.acceptance.accept')}
        </Button>
        <Button
          color="yellow"
          variant="light"
          onClick={() => setOutcome('information_requested')}
          data-testid="decide-request"
        >
          {t('case.acceptance.request')}
        </Button>
        <Button
          color="red"
          variant="light"
          onClick={() => setOutcome('not_accepted')}
          data-testid="decide-reject"
        >
          {t('case.acceptance.reject')}
        </Button>
      </Group>
      <Modal
        opened={outcome !== null}
        onClose={close}
        title={outcome ? t(`case.acceptance.confirmTitle.${outcome}`) : ''}
      >
        <form
          data-testid="acceptance-form"
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            if (!outcome) return;
            decide.mutate(
              { outcome, ...(reason.trim() ? { reason: reason.trim() } : {}) },
              { onSuccess: close },
            );
          }}
        >
          <Stack>
            <Text size="sm">
              {outcome
                ? t(`case.acceptance.confirmMessage.${outcome}`, { reference: application.reference })
                : ''}
            </Text>
            <Textarea
              label={needsReason ? t('case.acceptance.reason') : t('case.acceptance.note')}
              description={
                outcome === 'information_requested' ? t('case.acceptance.reasonHintRequest') : undefined
              }
              required={needsReason}
              autosize
              minRows={3}
              maxLength={5000}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={fieldError(decide.error, 'reason')}
              data-testid="acceptance-reason"
            />
            <ApiErrorAlert error={decide.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                color={outcome === 'accepted' ? 'green' : outcome === 'not_accepted' ? 'red' : 'yellow'}
                loading={decide.isPending}
                disabled={needsReason && reason.trim() === ''}
                data-testid="acceptance-confirm"
              >
                {t('case.acceptance.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Card>
  );
}
