import {
  ActionIcon,
  Button,
  Card,
  Code,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { Fragment, useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuditEvents, useVerifyAuditChain } from '../api/audit.api';
import type { AuditCheckpointSummary, AuditQuery } from '../api/types';
import { ApiErrorAlert } from '../components/api-error';
import { Icon } from '../components/icons';
import { QueryTable } from '../components/query-table';
import { startOfLocalDay, useFormatters } from '../i18n/format';
import { AuditSummary } from './audit-summary';
import { Notice } from '../components/notice';

const PAGE_SIZE = 50;

interface Filters {
  action: string;
  entityType: string;
  entityId: string;
  actorId: string;
  from: string;
  to: string;
}

const EMPTY_FILTERS: Filters = { action: '', entityType: '', entityId: '', actorId: '', from: '', to: '' };

function toQuery(filters: Filters): AuditQuery {
  const text = (value: string) => value.trim() || undefined;
  return {
    action: text(filters.action),
    entityType: text(filters.entityType),
    entityId: text(filters.entityId),
    actorId: text(filters.actorId),
    // Days are picked in the user's time zone: from the start of the first to the start of the day after the last.
    from: filters.from ? startOfLocalDay(filters.from) : undefined,
    to: filters.to ? startOfLocalDay(filters.to, 1) : undefined,
    limit: PAGE_SIZE,
  };
}

/** The server names the first event whose hash does not chain; we accept an id, a sequence number or both. */
type AuditBrokenEvent = string | number | { id?: string; seq?: number };

function describeBroken(event: AuditBrokenEvent): string {
  if (typeof event === 'string' || typeof event === 'number') return String(event);
  return [event.seq !== undefined ? `#${event.seq}` : null, event.id ?? null].filter(Boolean).join(' · ');
}

export function AuditTrail({ canVerify }: { canVerify: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [draft, setDraft] = useState<Filters>(EMPTY_FILTERS);
  const [applied, setApplied] = useState<Filters>(EMPTY_FILTERS);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const events = useAuditEvents(toQuery(applied));
  const verify = useVerifyAuditChain();

  const items = events.data?.pages.flatMap((page) => page.items) ?? [];

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setApplied(draft);
  };

  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const describeCheckpoint = (checkpoint: AuditCheckpointSummary | null) =>
    checkpoint
      ? t('audit.verify.checkpoint', {
          size: format.number(checkpoint.size),
          signedAt: format.dateTime(checkpoint.signedAt),
        })
      : t('audit.verify.noCheckpoint');

  const field = (key: keyof Filters) => ({
    value: draft[key],
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      const value = e.currentTarget.value;
      setDraft((current) => ({ ...current, [key]: value }));
    },
  });

  return (
    <Stack gap="md">
      {canVerify ? (
        <Card padding="md">
          <Group justify="space-between" wrap="wrap">
            <Stack gap={2}>
              <Text fw={600}>{t('audit.verify.title')}</Text>
              <Text size="sm" c="dimmed">
                {t('audit.verify.description')}
              </Text>
            </Stack>
            <Button
              variant="light"
              leftSection={<Icon name="shield" size={16} />}
              onClick={() => verify.mutate()}
              loading={verify.isPending}
              data-testid="verify-audit-chain"
            >
              {t('audit.verify.button')}
            </Button>
          </Group>
          <div aria-live="polite">
            {verify.data?.ok === true ? (
              <Notice mt="md" tone="success" title={t('audit.verify.okTitle')}>
                <Stack gap={4}>
                  <Text size="sm">{t('audit.verify.ok', { events: format.number(verify.data.events) })}</Text>
                  <Text size="sm" c="dimmed">
                    {describeCheckpoint(verify.data.checkpoint)}
                  </Text>
                </Stack>
              </Notice>
            ) : null}
            {verify.data?.ok === false ? (
              <Notice mt="md" tone="danger" title={t('audit.verify.brokenTitle')} role="alert">
                <Stack gap={4}>
                  {verify.data.firstBrokenEvent !== null || verify.data.seq !== null ? (
                    <Text size="sm">
                      {t('audit.verify.broken', {
                        event: describeBroken({
                          id: verify.data.firstBrokenEvent ?? undefined,
                          seq: verify.data.seq ?? undefined,
                        }),
                      })}
                    </Text>
                  ) : null}
                  <Text size="sm">{t('audit.verify.reason', { reason: verify.data.reason })}</Text>
                  <Text size="sm" c="dimmed">
                    {t('audit.verify.checked', { events: format.number(verify.data.events) })}
                  </Text>
                </Stack>
              </Notice>
            ) : null}
            {verify.isError ? (
              <Stack mt="md">
                <ApiErrorAlert error={verify.error} />
              </Stack>
            ) : null}
          </div>
        </Card>
      ) : null}

      <Card padding="md">
        <form onSubmit={apply} role="search" aria-label={t('audit.filters.label')}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
            <TextInput label={t('audit.filters.action')} placeholder="user.created" {...field('action')} />
            <TextInput label={t('audit.filters.entityType')} placeholder="user" {...field('entityType')} />
            <TextInput label={t('audit.filters.entityId')} {...field('entityId')} />
            <TextInput
              label={t('audit.filters.actor')}
              description={t('audit.filters.actorDescription')}
              {...field('actorId')}
            />
            <TextInput
              type="date"
              label={t('audit.filters.from')}
              max={draft.to || undefined}
              {...field('from')}
            />
            <TextInput
              type="date"
              label={t('audit.filters.to')}
              min={draft.from || undefined}
              {...field('to')}
            />
          </SimpleGrid>
          <Group mt="md" gap="sm">
            <Button type="submit" leftSection={<Icon name="search" size={16} />}>
              {t('audit.filters.apply')}
            </Button>
            <Button
              variant="default"
              onClick={() => {
                setDraft(EMPTY_FILTERS);
                setApplied(EMPTY_FILTERS);
              }}
            >
              {t('audit.filters.reset')}
            </Button>
          </Group>
        </form>
      </Card>

      <QueryTable
        query={events}
        rows={items}
        minWidth={960}
        aria-label={t('audit.tableLabel')}
        aria-busy={events.isFetching}
        columns={[
          { label: t('audit.columns.details'), isHidden: true, width: 48 },
          t('audit.columns.seq'),
          t('audit.columns.occurredAt'),
          t('audit.columns.actor'),
          t('audit.columns.action'),
          t('audit.columns.entity'),
        ]}
        emptyText={t('audit.empty')}
        renderRow={(event) => {
          const isOpen = expanded.has(event.id);
          const detailsId = `audit-details-${event.id}`;
          return (
            <Fragment key={event.id}>
              <Table.Tr>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    onClick={() => toggle(event.id)}
                    aria-expanded={isOpen}
                    aria-controls={detailsId}
                    aria-label={t('audit.toggleDetails', { seq: event.seq })}
                  >
                    <Icon name={isOpen ? 'chevronDown' : 'chevronRight'} />
                  </ActionIcon>
                </Table.Td>
                <Table.Td className="tabular-nums">{event.seq}</Table.Td>
                <Table.Td>
                  <Text size="sm">{format.dateTime(event.occurredAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {event.actor.label ??
                      (event.actor.kind === 'customs' ? t('audit.customs') : t('audit.system'))}
                  </Text>
                  {event.onBehalfOfOperatorId ? (
                    <Text size="xs" c="dimmed">
                      {t('audit.onBehalfOf', { id: event.onBehalfOfOperatorId })}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Code>{event.action}</Code>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{event.entityType}</Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {event.entityId}
                  </Text>
                </Table.Td>
              </Table.Tr>
              {isOpen ? (
                <Table.Tr id={detailsId}>
                  <Table.Td />
                  <Table.Td colSpan={5} pb="md">
                    <AuditSummary summary={event.summary} />
                  </Table.Td>
                </Table.Tr>
              ) : null}
            </Fragment>
          );
        }}
      />

      {events.hasNextPage ? (
        <Group justify="center">
          <Button
            variant="default"
            onClick={() => void events.fetchNextPage()}
            loading={events.isFetchingNextPage}
            data-testid="audit-load-more"
          >
            {t('audit.loadMore')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
