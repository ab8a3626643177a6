import {
  Button,
  Code,
  CopyButton,
  Group,
  List,
  Modal,
  MultiSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiKeys, useApiKeyScopes, useIssueApiKey, useRevokeApiKey } from '../api/api-keys.api';
import type { ApiKey, IssueApiKeyRequest, IssuedApiKey } from '../api/types';
import { ApiErrorAlert } from '../components/api-error';
import { StatusBadge } from '../components/badges';
import type { StatusTone } from '../components/badges';
import { IconButton } from '../components/buttons';
import { FormStack } from '../components/form-modal';
import { Icon } from '../components/icons';
import { RemoveConfirmModal } from '../components/remove-confirm-modal';
import { TablePage } from '../components/table-page';
import { TagBadges } from '../components/tag-badges';
import { TextWithNote } from '../components/text-with-note';
import { useFields } from '../components/use-fields';
import { startOfLocalDay, todayIsoDate, useFormatters } from '../i18n/format';
import { Notice } from '../components/notice';

type KeyState = 'active' | 'revoked' | 'expired';

function keyState(key: ApiKey, now: number): KeyState {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return 'expired';
  return 'active';
}

const stateTone: Record<KeyState, StatusTone> = { active: 'active', revoked: 'danger', expired: 'inactive' };

const COLUMNS = ['name', 'scopes', 'created', 'lastUsed', 'expires', 'status'] as const;

export function ApiKeysPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [issuing, setIssuing] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [now] = useState(() => Date.now());

  return (
    <TablePage
      title={t('apiKeys.title')}
      description={t('apiKeys.description')}
      actions={
        <IconButton icon="plus" onClick={() => setIssuing(true)} data-testid="issue-api-key-button">
          {t('apiKeys.issue')}
        </IconButton>
      }
      query={keys}
      rows={keys.data}
      minWidth={960}
      striped
      columns={[
        ...COLUMNS.map((column) => t(`apiKeys.columns.${column}`)),
        { label: t('common.actions'), isHidden: true },
      ]}
      emptyText={t('apiKeys.empty')}
      renderRow={(key) => {
        const state = keyState(key, now);
        return (
          <Table.Tr key={key.id}>
            <Table.Td>
              <Text fw={600} size="sm">
                {key.name}
              </Text>
              <Code>{key.prefix}…</Code>
            </Table.Td>
            <Table.Td>
              <TagBadges tags={key.scopes} />
            </Table.Td>
            <Table.Td>
              <TextWithNote
                note={key.createdBy ? t('apiKeys.createdBy', { email: key.createdBy.email }) : null}
              >
                {format.dateTime(key.createdAt)}
              </TextWithNote>
            </Table.Td>
            <Table.Td>
              <Text size="sm">
                {key.lastUsedAt ? format.dateTime(key.lastUsedAt) : t('apiKeys.neverUsed')}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{key.expiresAt ? format.date(key.expiresAt) : t('apiKeys.noExpiry')}</Text>
            </Table.Td>
            <Table.Td>
              <StatusBadge tone={stateTone[state]} label={t(`apiKeys.state.${state}`)} />
              {key.revokedAt ? (
                <Text size="xs" c="dimmed">
                  {format.dateTime(key.revokedAt)}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>
              {state === 'active' ? (
                <Button
                  size="xs"
                  variant="light"
                  color="red"
                  onClick={() => {
                    revoke.reset();
                    setRevoking(key);
                  }}
                  aria-label={t('apiKeys.revokeNamed', { name: key.name })}
                >
                  {t('apiKeys.revoke')}
                </Button>
              ) : null}
            </Table.Td>
          </Table.Tr>
        );
      }}
    >
      <IssueApiKeyModal opened={issuing} onClose={() => setIssuing(false)} />
      <RemoveConfirmModal
        item={revoking}
        onClose={() => setRevoking(null)}
        title={t('apiKeys.confirmRevoke.title')}
        message={(key) => t('apiKeys.confirmRevoke.message', { name: key.name })}
        confirmLabel={t('apiKeys.revoke')}
        mutation={revoke}
        onConfirm={(key, done) => revoke.mutate(key.id, { onSuccess: done })}
      />
    </TablePage>
  );
}

function IssueApiKeyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [issued, setIssued] = useState<IssuedApiKey | null>(null);

  const close = () => {
    setIssued(null);
    onClose();
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={issued ? t('apiKeys.secret.title') : t('apiKeys.form.title')}
      size="lg"
      // Once the secret is on screen, closing by a stray click or Escape would lose it for good.
      closeOnClickOutside={!issued}
      closeOnEscape={!issued}
    >
      {opened && !issued ? <IssueApiKeyForm onCancel={close} onIssued={setIssued} /> : null}
      {issued ? <IssuedSecret issued={issued} onDone={close} /> : null}
    </Modal>
  );
}

function IssueApiKeyForm({
  onCancel,
  onIssued,
}: {
  onCancel: () => void;
  onIssued: (issued: IssuedApiKey) => void;
}) {
  const { t } = useTranslation();
  const scopes = useApiKeyScopes();
  const issue = useIssueApiKey();
  const form = useFields({ name: '', scopes: [] as string[], expiresAt: '' }, issue.error);
  const { scopes: selected } = form.values;

  const submit = () => {
    if (selected.length === 0) {
      form.setFieldError('scopes', t('apiKeys.form.scopesRequired'));
      return;
    }
    const { name, expiresAt } = form.values;
    issue.mutate(
      {
        name: name.trim(),
        // The choices are the server's own scope ids (GET /admin/api-keys/scopes).
        scopes: selected as IssueApiKeyRequest['scopes'],
        ...(expiresAt ? { expiresAt: startOfLocalDay(expiresAt, 1) } : {}),
      },
      { onSuccess: onIssued },
    );
  };

  const chosen = scopes.data?.filter((scope) => selected.includes(scope.id)) ?? [];

  return (
    <FormStack
      onSubmit={submit}
      data-testid="api-key-form"
      error={issue.error}
      submitLabel={t('apiKeys.form.submit')}
      isPending={issue.isPending}
      onCancel={onCancel}
      submitTestId="api-key-form-submit"
    >
      <TextInput
        label={t('apiKeys.form.name')}
        description={t('apiKeys.form.nameDescription')}
        required
        data-autofocus
        {...form.getInputProps('name')}
      />
      <MultiSelect
        label={t('apiKeys.form.scopes')}
        withAsterisk
        data={(scopes.data ?? []).map((scope) => ({ value: scope.id, label: scope.id }))}
        {...form.getInputProps('scopes')}
        searchable
        nothingFoundMessage={t('common.nothingFound')}
        disabled={scopes.isPending}
      />
      {scopes.isError ? <ApiErrorAlert error={scopes.error} onRetry={() => void scopes.refetch()} /> : null}
      {chosen.length > 0 ? (
        <List size="sm" spacing={2} aria-label={t('apiKeys.form.scopeDescriptions')}>
          {chosen.map((scope) => (
            <List.Item key={scope.id}>
              <Code>{scope.id}</Code> — {scope.description}
            </List.Item>
          ))}
        </List>
      ) : null}
      <TextInput
        type="date"
        label={t('apiKeys.form.expiresOn')}
        description={t('apiKeys.form.expiresOnDescription')}
        min={todayIsoDate()}
        {...form.getInputProps('expiresAt')}
      />
    </FormStack>
  );
}

function IssuedSecret({ issued, onDone }: { issued: IssuedApiKey; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Notice tone="warning" role="alert" title={t('apiKeys.secret.warningTitle')}>
        {t('apiKeys.secret.warning')}
      </Notice>
      <Text size="sm">{t('apiKeys.secret.keyName', { name: issued.apiKey.name })}</Text>
      <Group wrap="nowrap" align="center" gap="xs">
        <Code block style={{ flex: 1, wordBreak: 'break-all' }} data-testid="api-key-secret">
          {issued.secret}
        </Code>
        <CopyButton value={issued.secret}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? t('common.copied') : t('common.copy')}>
              <Button
                variant={copied ? 'filled' : 'light'}
                color={copied ? 'green' : 'customs'}
                onClick={copy}
                style={{ flexShrink: 0 }}
                leftSection={<Icon name={copied ? 'check' : 'copy'} size={16} />}
              >
                {copied ? t('common.copied') : t('common.copy')}
              </Button>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      <Group justify="flex-end">
        <Button onClick={onDone}>{t('apiKeys.secret.done')}</Button>
      </Group>
    </Stack>
  );
}
