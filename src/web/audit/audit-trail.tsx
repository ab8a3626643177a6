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
import { useTranslation } from 'react-i18next';
import { useAuditEvents, useVerifyAuditChain } from '../api/audit.api';
import type { AuditCheckpointSummary, AuditQuery } from '../api/types';
import { ApiErrorAlert } from '../components/api-error';
import { IconButton } from '../components/buttons';
import { Icon } from '../components/icons';
import { QueryTable } from '../components/query-table';
import { TextWithNote } from '../components/text-with-note';
import { useFields } from '../components/use-fields';
import { startOfLocalDay, useFormatters } from '../i18n/format';
import { AuditSummary } from './audit-summary';
import { Notice } from '../components/notice';

const PAGE_SIZE = 50;

const EMPTY_FILTERS = { action: '', entityType: '', entityId: '', actorId: '', from: '', to: '' };

type Filters = typeof EMPTY_FILTERS;

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
  const [applied, setApplied] = useState<Filters>(EMPTY_FILTERS);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const events = useAuditEvents(toQuery(applied));

  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Stack gap="md">
      {canVerify ? <VerifyChainCard /> : null}
      <AuditFilters onApply={setApplied} />
      <QueryTable
        query={events}
        rows={events.data?.pages.flatMap((page) => page.items) ?? []}
        minWidth={960}
        aria-label={t('audit.tableLabel')}
        aria-busy={events.isFetching}
        columns={[
          { label: t('audit.columns.details'), isHidden: true, width: 48 },
          ...(['seq', 'occurredAt', 'actor', 'action', 'entity'] as const).map((column) =>
            t(`audit.columns.${column}`),
          ),
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
                  <TextWithNote
                    note={
                      event.onBehalfOfOperatorId
                        ? t('audit.onBehalfOf', { id: event.onBehalfOfOperatorId })
                        : null
                    }
                  >
                    {event.actor.label ??
                      (event.actor.kind === 'customs' ? t('audit.customs') : t('audit.system'))}
                  </TextWithNote>
                </Table.Td>
                <Table.Td>
                  <Code>{event.action}</Code>
                </Table.Td>
                <Table.Td>
                  <TextWithNote note={event.entityId} isNoteMonospace>
                    {event.entityType}
                  </TextWithNote>
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

/** The filters as typed; the list follows them only once they are applied. */
function AuditFilters({ onApply }: { onApply: (filters: Filters) => void }) {
  const { t } = useTranslation();
  const draft = useFields(EMPTY_FILTERS, null);
  const { from, to } = draft.values;

  const reset = () => {
    draft.setValues(EMPTY_FILTERS);
    onApply(EMPTY_FILTERS);
  };

  return (
    <Card padding="md">
      <form onSubmit={draft.onSubmit(onApply)} role="search" aria-label={t('audit.filters.label')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <TextInput
            label={t('audit.filters.action')}
            placeholder="user.created"
            {...draft.getInputProps('action')}
          />
          <TextInput
            label={t('audit.filters.entityType')}
            placeholder="user"
            {...draft.getInputProps('entityType')}
          />
          <TextInput label={t('audit.filters.entityId')} {...draft.getInputProps('entityId')} />
          <TextInput
            label={t('audit.filters.actor')}
            description={t('audit.filters.actorDescription')}
            {...draft.getInputProps('actorId')}
          />
          <TextInput
            type="date"
            label={t('audit.filters.from')}
            max={to || undefined}
            {...draft.getInputProps('from')}
          />
          <TextInput
            type="date"
            label={t('audit.filters.to')}
            min={from || undefined}
            {...draft.getInputProps('to')}
          />
        </SimpleGrid>
        <Group mt="md" gap="sm">
          <IconButton icon="search" type="submit">
            {t('audit.filters.apply')}
          </IconButton>
          <Button variant="default" onClick={reset}>
            {t('audit.filters.reset')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}

/** Checks the hash chain of every event against the last signed checkpoint, and tells what it found. */
function VerifyChainCard() {
  const { t } = useTranslation();
  const format = useFormatters();
  const verify = useVerifyAuditChain();
  const result = verify.data;

  const describeCheckpoint = (checkpoint: AuditCheckpointSummary | null) =>
    checkpoint
      ? t('audit.verify.checkpoint', {
          size: format.number(checkpoint.size),
          signedAt: format.dateTime(checkpoint.signedAt),
        })
      : t('audit.verify.noCheckpoint');

  return (
    <Card padding="md">
      <Group justify="space-between" wrap="wrap">
        <Stack gap={2}>
          <Text fw={600}>{t('audit.verify.title')}</Text>
          <Text size="sm" c="dimmed">
            {t('audit.verify.description')}
          </Text>
        </Stack>
        <IconButton
          icon="shield"
          variant="light"
          onClick={() => verify.mutate()}
          loading={verify.isPending}
          data-testid="verify-audit-chain"
        >
          {t('audit.verify.button')}
        </IconButton>
      </Group>
      <div aria-live="polite">
        {result?.ok === true ? (
          <Notice mt="md" tone="success" title={t('audit.verify.okTitle')}>
            <Stack gap={4}>
              <Text size="sm">{t('audit.verify.ok', { events: format.number(result.events) })}</Text>
              <Text size="sm" c="dimmed">
                {describeCheckpoint(result.checkpoint)}
              </Text>
            </Stack>
          </Notice>
        ) : null}
        {result?.ok === false ? (
          <Notice mt="md" tone="danger" title={t('audit.verify.brokenTitle')} role="alert">
            <Stack gap={4}>
              {result.firstBrokenEvent !== null || result.seq !== null ? (
                <Text size="sm">
                  {t('audit.verify.broken', {
                    event: describeBroken({
                      id: result.firstBrokenEvent ?? undefined,
                      seq: result.seq ?? undefined,
                    }),
                  })}
                </Text>
              ) : null}
              <Text size="sm">{t('audit.verify.reason', { reason: result.reason })}</Text>
              <Text size="sm" c="dimmed">
                {t('audit.verify.checked', { events: format.number(result.events) })}
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
  );
}
