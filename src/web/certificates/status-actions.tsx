import { Button, Checkbox, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { useChangeStatus } from '../api/certificates.api';
import type { Authorisation, StatusAction } from '../api/types';
import { ApiErrorAlert } from '../components/api-error';
import { FormActions } from '../components/form-actions';
import { FormModal } from '../components/form-modal';
import { useFields } from '../components/use-fields';
import { SectionCard } from '../components/section-card';
import { todayIsoDate } from '../i18n/format';
import { Notice } from '../components/notice';

/** The actions the current status allows (revocation is final); the server enforces the same table. */
const ALLOWED: Record<Authorisation['status'], readonly StatusAction[]> = {
  active: ['suspend', 'revoke'],
  suspended: ['reinstate', 'revoke'],
  revoked: [],
};

const COLORS: Record<StatusAction, string> = { suspend: 'yellow', reinstate: 'green', revoke: 'red' };

/** Suspend, reinstate, revoke: for AEO managers. */
export function StatusActions({ authorisation }: { authorisation: Authorisation }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<StatusAction | null>(null);
  const allowed = ALLOWED[authorisation.status];

  return (
    <SectionCard title={t('certificates.actions.title')} data-testid="status-actions">
      {allowed.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('certificates.actions.noneRevoked')}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="sm">
            {t('certificates.actions.description')}
          </Text>
          <Group gap="sm">
            {allowed.map((candidate) => (
              <Button
                key={candidate}
                color={COLORS[candidate]}
                c={candidate === 'suspend' ? 'dark' : undefined}
                variant={candidate === 'revoke' ? 'outline' : 'filled'}
                onClick={() => setAction(candidate)}
                data-testid={`status-action-${candidate}`}
              >
                {t(`certificates.actions.${candidate}.button`)}
              </Button>
            ))}
          </Group>
        </>
      )}
      <FormModal
        opened={action !== null}
        onClose={() => setAction(null)}
        title={action ? t(`certificates.actions.${action}.title`) : ''}
      >
        {action ? (
          <StatusChangeForm
            key={action}
            authorisation={authorisation}
            action={action}
            onClose={() => setAction(null)}
          />
        ) : null}
      </FormModal>
    </SectionCard>
  );
}

function StatusChangeForm({
  authorisation,
  action,
  onClose,
}: {
  authorisation: Authorisation;
  action: StatusAction;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const change = useChangeStatus(authorisation.id);
  const form = useFields({ reason: '', remediationDeadline: '', isConfirmed: false }, change.error);
  const { reason, remediationDeadline, isConfirmed } = form.values;
  const conflict = isApiError(change.error) && change.error.status === 409 ? change.error : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      {
        action,
        reason: reason.trim(),
        ...(action === 'suspend' && remediationDeadline ? { remediationDeadline } : {}),
      },
      { onSuccess: onClose },
    );
  };

  const canSubmit = reason.trim() !== '' && (action !== 'revoke' || isConfirmed);

  return (
    <form onSubmit={onSubmit} data-testid="status-change-form" data-action={action}>
      <Stack gap="md">
        <Text size="sm">{t(`certificates.actions.${action}.explanation`)}</Text>
        <Textarea
          label={t('certificates.actions.reason')}
          description={t('certificates.actions.reasonHint')}
          required
          autosize
          minRows={3}
          maxLength={4000}
          {...form.getInputProps('reason')}
          data-testid="status-reason"
          data-autofocus
        />
        {action === 'suspend' ? (
          <TextInput
            type="date"
            label={t('certificates.actions.deadline')}
            description={t('certificates.actions.deadlineHint')}
            min={todayIsoDate()}
            {...form.getInputProps('remediationDeadline')}
            data-testid="status-deadline"
          />
        ) : null}
        {action === 'revoke' ? (
          <Notice tone="danger" variant="light">
            <Checkbox
              label={t('certificates.actions.revoke.confirm')}
              {...form.getInputProps('isConfirmed', { type: 'checkbox' })}
              data-testid="status-revoke-confirm"
            />
          </Notice>
        ) : null}
        {conflict ? (
          <Notice
            tone="caution"
            variant="light"
            role="alert"
            title={t('certificates.actions.conflictTitle')}
            data-testid="status-conflict"
          >
            <Text size="sm">{conflict.message}</Text>
            <Text size="sm" mt={4}>
              {t('certificates.actions.conflictHint')}
            </Text>
          </Notice>
        ) : (
          <ApiErrorAlert error={change.error} />
        )}
        <FormActions
          submitLabel={t(`certificates.actions.${action}.submit`)}
          isPending={change.isPending}
          onCancel={onClose}
          isSubmitDisabled={!canSubmit}
          submitTestId="status-submit"
          submitProps={{ color: COLORS[action], c: action === 'suspend' ? 'dark' : undefined }}
        />
      </Stack>
    </form>
  );
}
