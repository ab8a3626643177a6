import {
  Alert,
  Badge,
  Button,
  Card,
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
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiKeys, useApiKeyScopes, useIssueApiKey, useRevokeApiKey } from '../api/api-keys.api';
import type { ApiKey, IssuedApiKey } from '../api/types';
import { ApiErrorAlert, fieldError, LoadingBlock } from '../components/api-error';
import { StatusBadge } from '../components/badges';
import type { StatusTone } from '../components/badges';
import { ConfirmModal } from '../components/confirm-modal';
import { Icon } from '../components/icons';
import { PageHeader } from '../components/page-header';
import { startOfLocalDay, todayIsoDate, useFormatters } from '../i18n/format';

type KeyState = 'active' | 'revoked' | 'expired';

function keyState(key: ApiKey, now: number): KeyState {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return 'expired';
  return 'active';
}

const stateTone: Record<KeyState, StatusTone> = { active: 'active', revoked: 'danger', expired: 'inactive' };

export function ApiKeysPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [issuing, setIssuing] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [now] = useState(() => Date.now());

  return (
    <Stack gap="md">
      <PageHeader
        title={t('apiKeys.title')}
        description={t('apiKeys.description')}
        actions={
          <Button
            leftSection={<Icon name="plus" />}
            onClick={() => setIssuing(true)}
            data-testid="issue-api-key-button"
          >
            {t('apiKeys.issue')}
          </Button>
        }
      />

      {keys.isError ? <ApiErrorAlert error={keys.error} onRetry={() => void keys.refetch()} /> : null}

      <Card padding={0}>
        {keys.isPending ? (
          <LoadingBlock />
        ) : (
          <Table.ScrollContainer minWidth={960}>
            <Table striped aria-label={t('apiKeys.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('apiKeys.columns.name')}</Table.Th>
                  <Table.Th>{t('apiKeys.columns.scopes')}</Table.Th>
                  <Table.Th>{t('apiKeys.columns.created')}</Table.Th>
                  <Table.Th>{t('apiKeys.columns.lastUsed')}</Table.Th>
                  <Table.Th>{t('apiKeys.columns.expires')}</Table.Th>
                  <Table.Th>{t('apiKeys.columns.status')}</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {keys.data?.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={7}>
                      <Text c="dimmed" ta="center" py="lg">
                        {t('apiKeys.empty')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ) : null}
                {keys.data?.map((key) => {
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
                        <Group gap={4}>
                          {key.scopes.map((scope) => (
                            <Badge key={scope} variant="outline" size="sm" tt="none">
                              {scope}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{format.dateTime(key.createdAt)}</Text>
                        <Text size="xs" c="dimmed">
                          {t('apiKeys.createdBy', { email: key.createdBy.email })}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {key.lastUsedAt ? format.dateTime(key.lastUsedAt) : t('apiKeys.neverUsed')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {key.expiresAt ? format.date(key.expiresAt) : t('apiKeys.noExpiry')}
                        </Text>
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
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>

      <IssueApiKeyModal opened={issuing} onClose={() => setIssuing(false)} />

      <ConfirmModal
        opened={revoking !== null}
        title={t('apiKeys.confirmRevoke.title')}
        message={t('apiKeys.confirmRevoke.message', { name: revoking?.name ?? '' })}
        confirmLabel={t('apiKeys.revoke')}
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={() => {
          if (revoking) revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) });
        }}
        onClose={() => setRevoking(null)}
      />
    </Stack>
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
  const [name, setName] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [expiresOn, setExpiresOn] = useState('');
  const [scopesMissing, setScopesMissing] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (selected.length === 0) {
      setScopesMissing(true);
      return;
    }
    issue.mutate(
      {
        name: name.trim(),
        scopes: selected,
        ...(expiresOn ? { expiresAt: startOfLocalDay(expiresOn, 1) } : {}),
      },
      { onSuccess: onIssued },
    );
  };

  const chosen = scopes.data?.filter((scope) => selected.includes(scope.id)) ?? [];

  return (
    <form onSubmit={submit} data-testid="api-key-form">
      <Stack>
        <TextInput
          label={t('apiKeys.form.name')}
          description={t('apiKeys.form.nameDescription')}
          required
          data-autofocus
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError(issue.error, 'name')}
        />
        <MultiSelect
          label={t('apiKeys.form.scopes')}
          withAsterisk
          data={(scopes.data ?? []).map((scope) => ({ value: scope.id, label: scope.id }))}
          value={selected}
          onChange={(values) => {
            setSelected(values);
            setScopesMissing(false);
          }}
          searchable
          nothingFoundMessage={t('common.nothingFound')}
          disabled={scopes.isPending}
          error={scopesMissing ? t('apiKeys.form.scopesRequired') : fieldError(issue.error, 'scopes')}
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
          value={expiresOn}
          onChange={(e) => setExpiresOn(e.currentTarget.value)}
          error={fieldError(issue.error, 'expiresAt')}
        />
        <ApiErrorAlert error={issue.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={issue.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={issue.isPending} data-testid="api-key-form-submit">
            {t('apiKeys.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function IssuedSecret({ issued, onDone }: { issued: IssuedApiKey; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Alert
        color="yellow"
        icon={<Icon name="alert" />}
        role="alert"
        title={t('apiKeys.secret.warningTitle')}
      >
        {t('apiKeys.secret.warning')}
      </Alert>
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
