import { Anchor, Badge, Button, Card, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDeclarations } from '../api/risk.api';
import { CHANNELS, STRATEGIES } from '../api/types';
import type { Channel, DeclarationListQuery } from '../api/types';
import { bindText } from '../components/bind';
import { Icon } from '../components/icons';
import { TablePage } from '../components/table-page';
import { TagBadges } from '../components/tag-badges';
import { EmptyBlock } from '../components/data-table';
import { useFormatters } from '../i18n/format';
import { AeoMarker, ChannelBadge, useStrategyLabel } from './risk-badges';
import { formatDecimal } from './risk-format';

const PAGE_SIZE = 50;
const FILTER_KEYS = [
  'channel',
  'strategy',
  'office',
  'importer',
  'ruleId',
  'inspected',
  'from',
  'to',
] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Record<FilterKey, string>;

/** The filters typed as text: each one's width and the longest text the server accepts. */
const TEXT_FILTERS: readonly { key: FilterKey; maxLength: number; width: number; testId?: string }[] = [
  { key: 'office', maxLength: 32, width: 110 },
  { key: 'importer', maxLength: 64, width: 170 },
  { key: 'ruleId', maxLength: 64, width: 150, testId: 'filter-rule' },
];

function readFilters(params: URLSearchParams): Filters {
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, params.get(key) ?? ''])) as Filters;
}

function toQuery(filters: Filters): DeclarationListQuery {
  const query: DeclarationListQuery = { limit: PAGE_SIZE };
  if ((CHANNELS as readonly string[]).includes(filters.channel)) query.channel = filters.channel as Channel;
  if (filters.strategy) query.strategy = filters.strategy;
  if (filters.office.trim()) query.office = filters.office.trim();
  if (filters.importer.trim()) query.importer = filters.importer.trim();
  if (filters.ruleId.trim()) query.ruleId = filters.ruleId.trim();
  if (filters.inspected === 'true' || filters.inspected === 'false') query.inspected = filters.inspected;
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  return query;
}

/** The decision log: every declaration decided, newest first, with filters and cursor pages. */
export function DecisionLogPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const format = useFormatters();
  const strategyLabel = useStrategyLabel();
  // Applied filters live in the URL, so the declaration page's "back" returns to the same view.
  const [params, setParams] = useSearchParams();
  const applied = readFilters(params);
  const [draft, setDraft] = useState<Filters>(applied);
  // Cursors of the pages before the current one; the current page's cursor is the last.
  const [cursors, setCursors] = useState<string[]>([]);
  const before = cursors.at(-1);
  const declarations = useDeclarations({ ...toQuery(applied), ...(before ? { before } : {}) });

  const apply = (filters: Filters) => {
    setCursors([]);
    const next = new URLSearchParams();
    for (const key of FILTER_KEYS) if (filters[key]) next.set(key, filters[key]);
    setParams(next);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    apply(draft);
  };
  const set = (key: FilterKey) => (value: string | null) => setDraft((d) => ({ ...d, [key]: value ?? '' }));
  const bindFilter = (key: FilterKey) => bindText(draft[key], set(key));
  // A filter chosen from a list can be cleared back to "any".
  const bindFilterChoice = (key: FilterKey) => ({
    placeholder: t('risk.log.filters.any'),
    value: draft[key] || null,
    onChange: set(key),
    clearable: true,
  });
  const rows = declarations.data?.items ?? [];

  return (
    <TablePage
      title={t('risk.log.title')}
      description={t('risk.log.description')}
      intro={
        <Card padding="md">
          <form onSubmit={submit} role="search" data-testid="decision-log-filters">
            <Group align="flex-end" wrap="wrap" gap="sm">
              <Select
                label={t('risk.log.filters.channel')}
                data={CHANNELS.map((value) => ({ value, label: t(`risk.channels.${value}`) }))}
                {...bindFilterChoice('channel')}
                w={170}
                data-testid="filter-channel"
              />
              <Select
                label={t('risk.log.filters.strategy')}
                data={STRATEGIES.map((value) => ({ value, label: t(`risk.strategies.${value}`) }))}
                {...bindFilterChoice('strategy')}
                w={220}
              />
              {TEXT_FILTERS.map(({ key, maxLength, width, testId }) => (
                <TextInput
                  key={key}
                  label={t(`risk.log.filters.${key}`)}
                  {...bindFilter(key)}
                  maxLength={maxLength}
                  w={width}
                  data-testid={testId}
                />
              ))}
              <Select
                label={t('risk.log.filters.inspected')}
                data={[
                  { value: 'true', label: t('risk.log.filters.inspectedYes') },
                  { value: 'false', label: t('risk.log.filters.inspectedNo') },
                ]}
                {...bindFilterChoice('inspected')}
                w={170}
              />
              <TextInput type="date" label={t('risk.log.filters.from')} {...bindFilter('from')} w={160} />
              <TextInput type="date" label={t('risk.log.filters.to')} {...bindFilter('to')} w={160} />
              <Button type="submit" leftSection={<Icon name="search" size={16} />} data-testid="filter-apply">
                {t('risk.log.filters.apply')}
              </Button>
              <Button
                variant="default"
                onClick={() => {
                  const empty = readFilters(new URLSearchParams());
                  setDraft(empty);
                  apply(empty);
                }}
              >
                {t('risk.log.filters.reset')}
              </Button>
            </Group>
          </form>
        </Card>
      }
      query={declarations}
      card={{
        'aria-busy': declarations.isFetching,
        style: { opacity: declarations.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' },
      }}
      rows={rows}
      minWidth={1100}
      data-testid="decision-log-table"
      highlightOnHover
      columns={[
        t('risk.log.columns.declaration'),
        t('risk.log.columns.date'),
        t('risk.log.columns.office'),
        t('risk.log.columns.importer'),
        t('risk.log.columns.channel'),
        t('risk.log.columns.strategy'),
        { label: t('risk.log.columns.score'), align: 'right' },
        t('risk.log.columns.rules'),
        t('risk.log.columns.inspection'),
        t('risk.log.columns.received'),
      ]}
      empty={<EmptyBlock testId="decision-log-empty">{t('risk.log.empty')}</EmptyBlock>}
      renderRow={(row) => (
        <Table.Tr key={row.id} data-testid="decision-log-row" data-declaration-id={row.id}>
          <Table.Td>
            <Anchor component={Link} to={`/risk/declarations/${encodeURIComponent(row.id)}`} fw={600}>
              {row.id}
            </Anchor>
          </Table.Td>
          <Table.Td>{format.date(row.date)}</Table.Td>
          <Table.Td>{row.office}</Table.Td>
          <Table.Td>
            <Group gap={6} wrap="nowrap">
              <Text size="sm" ff="monospace">
                {row.importerId}
              </Text>
              {row.isAeo ? <AeoMarker /> : null}
            </Group>
          </Table.Td>
          <Table.Td>
            <ChannelBadge channel={row.channel} size="sm" />
          </Table.Td>
          <Table.Td>
            <Text size="sm">{strategyLabel(row.strategy)}</Text>
          </Table.Td>
          <Table.Td ta="right" className="tabular-nums">
            {formatDecimal(row.score, language, 3)}
          </Table.Td>
          <Table.Td>
            <TagBadges tags={row.ruleIds} color="gray" variant="light" />
          </Table.Td>
          <Table.Td>
            {row.inspection === null ? (
              <Text size="sm" c="dimmed">
                {t('risk.log.notInspected')}
              </Text>
            ) : (
              <Badge color={row.inspection.found ? 'red' : 'green'} variant="light" size="sm">
                {row.inspection.found ? t('risk.inspection.found') : t('risk.inspection.notFound')}
              </Badge>
            )}
          </Table.Td>
          <Table.Td>{format.dateTime(row.receivedAt)}</Table.Td>
        </Table.Tr>
      )}
    >
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('risk.log.pageNumber', { page: cursors.length + 1 })}
        </Text>
        <Group gap="sm">
          <Button
            variant="default"
            disabled={cursors.length === 0}
            onClick={() => setCursors((list) => list.slice(0, -1))}
          >
            {t('common.previousPage')}
          </Button>
          <Button
            variant="default"
            disabled={!declarations.data?.nextCursor}
            onClick={() => {
              const next = declarations.data?.nextCursor;
              if (next) setCursors((list) => [...list, next]);
            }}
            data-testid="decision-log-next"
          >
            {t('common.nextPage')}
          </Button>
        </Group>
      </Group>
    </TablePage>
  );
}
