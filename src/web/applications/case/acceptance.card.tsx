import { Button, Card, Group, Modal, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDecideAcceptance } from '../../api/applications.api';
import type { AcceptanceOutcome, ApplicationCase } from '../../api/types';
import { fieldError } from '../../components/api-error';
import { bindText } from '../../components/bind';
import { FormStack } from '../../components/form-modal';
import { Icon } from '../../components/icons';

/** The three answers to a submitted application, each with its button's name and colour (kept in the confirmation). */
const DECISIONS = [
  { outcome: 'accepted', act: 'accept', color: 'green' },
  { outcome: 'information_requested', act: 'request', color: 'yellow' },
  { outcome: 'not_accepted', act: 'reject', color: 'red' },
] as const satisfies readonly { outcome: AcceptanceOutcome; act: string; color: string }[];

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
        {DECISIONS.map(({ outcome: candidate, act, color }) => (
          <Button
            key={candidate}
            color={color}
            variant={candidate === 'accepted' ? 'filled' : 'light'}
            leftSection={candidate === 'accepted' ? <Icon name="check" size={16} /> : undefined}
            onClick={() => setOutcome(candidate)}
            data-testid={`decide-${act}`}
          >
            {t(`case.acceptance.${act}`)}
          </Button>
        ))}
      </Group>
      <Modal
        opened={outcome !== null}
        onClose={close}
        title={outcome ? t(`case.acceptance.confirmTitle.${outcome}`) : ''}
      >
        <FormStack
          data-testid="acceptance-form"
          onSubmit={() => {
            if (!outcome) return;
            decide.mutate(
              { outcome, ...(reason.trim() ? { reason: reason.trim() } : {}) },
              { onSuccess: close },
            );
          }}
          error={decide.error}
          submitLabel={t('case.acceptance.confirm')}
          isPending={decide.isPending}
          onCancel={close}
          canCancelWhilePending
          isSubmitDisabled={needsReason && reason.trim() === ''}
          submitTestId="acceptance-confirm"
          submitProps={{ color: DECISIONS.find((decision) => decision.outcome === outcome)?.color }}
        >
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
            {...bindText(reason, setReason)}
            error={fieldError(decide.error, 'reason')}
            data-testid="acceptance-reason"
          />
        </FormStack>
      </Modal>
    </Card>
  );
}
