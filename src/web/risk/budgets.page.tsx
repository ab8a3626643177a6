import { Badge, Group, NumberInput, SimpleGrid, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useBudgets, useDeleteBudget, useSaveBudget } from '../api/risk.api';
import type { BudgetEntry, SelectionPolicy } from '../api/types';
import { fieldError } from '../components/api-error';
import { IconButton } from '../components/buttons';
import { FormModal, FormStack } from '../components/form-modal';
import { useFields } from '../components/use-fields';
import { TablePage } from '../components/table-page';
import { RemoveConfirmModal } from '../components/remove-confirm-modal';
import { DeleteIconButton, RowIconButton } from '../components/row-actions';
import { exactFieldError, GroupError } from './form-errors';
import { useFormatters } from '../i18n/format';
import { formatPercent } from './risk-format';

const DEFAULT_OFFICE = '*';

function totalBudget(policy: SelectionPolicy): number {
  return policy.rates.red + policy.rates.yellow + policy.rates.blue;
}

/** What the form edits; the rest of the policy (seed, calibration, …) is kept as stored. */
type BudgetForm = {
  office: string;
  red: number | string;
  yellow: number | string;
  blue: number | string;
  randomRate: number | string;
  explorationShare: number | string;
  fraud: number | string;
  critical: number | string;
  revenue: number | string;
};

const RATE_KEYS = ['red', 'yellow', 'blue'] as const;
const OBJECTIVE_KEYS = ['fraud', 'critical', 'revenue'] as const;

/** Where the server names the form's fields: the policy nests what the form lays flat. */
const SERVER_PATHS: Partial<Record<keyof BudgetForm, string>> = {
  red: 'rates.red',
  yellow: 'rates.yellow',
  blue: 'rates.blue',
  explorationShare: 'exploration.share',
  fraud: 'objectives.fraud',
  critical: 'objectives.critical',
  revenue: 'objectives.revenue',
};

/** Percent in the form, share (0..1) on the wire; rounded so 0.1 + 0.2 shows as 30 %, not 30.000000000000004. */
const toPercent = (share: number) => Math.round(share * 100_000) / 1000;
const toShare = (value: number | string) => (typeof value === 'number' ? value / 100 : 0);
const toWeight = (value: number | string) => (typeof value === 'number' ? value : 0);

function formFrom(office: string, policy: SelectionPolicy): BudgetForm {
  return {
    office,
    red: toPercent(policy.rates.red),
    yellow: toPercent(policy.rates.yellow),
    blue: toPercent(policy.rates.blue),
    randomRate: toPercent(policy.randomRate),
    explorationShare: toPercent(policy.exploration.share),
    fraud: policy.objectives.fraud,
    critical: policy.objectives.critical,
    revenue: policy.objectives.revenue,
  };
}

export function BudgetsPage() {
  const { t } = useTranslation();
  const budgets = useBudgets();
  const deleteBudget = useDeleteBudget();
  const [editing, setEditing] = useState<{ entry: BudgetEntry | null; base: SelectionPolicy } | null>(null);
  const [removing, setRemoving] = useState<BudgetEntry | null>(null);
  const defaultPolicy =
    budgets.data?.items.find((b) => b.office === DEFAULT_OFFICE)?.policy ??
    budgets.data?.defaultPolicy ??
    null;

  return (
    <TablePage
      title={t('risk.budgets.title')}
      description={t('risk.budgets.description')}
      actions={
        defaultPolicy ? (
          <IconButton
            icon="plus"
            onClick={() => setEditing({ entry: null, base: defaultPolicy })}
            data-testid="budget-add"
          >
            {t('risk.budgets.add')}
          </IconButton>
        ) : null
      }
      query={budgets}
      rows={budgets.data?.items}
      leadingRows={
        budgets.data?.defaultPolicy ? (
          <PolicyRow
            office={DEFAULT_OFFICE}
            policy={budgets.data.defaultPolicy}
            note={t('risk.budgets.builtIn')}
            onEdit={() => setEditing({ entry: null, base: budgets.data.defaultPolicy! })}
            isBuiltIn
          />
        ) : null
      }
      minWidth={1000}
      data-testid="budgets-table"
      columns={[
        t('risk.budgets.office'),
        ...RATE_KEYS.map((key) => ({ label: t(`risk.channels.${key}`), align: 'right' as const })),
        { label: t('risk.budgets.total'), align: 'right' },
        { label: t('risk.budgets.randomRate'), align: 'right' },
        { label: t('risk.budgets.exploration'), align: 'right' },
        t('risk.budgets.objectives'),
        { label: t('common.actions'), isHidden: true, width: 90 },
      ]}
      renderRow={(entry) => (
        <PolicyRow
          key={entry.office}
          office={entry.office}
          policy={entry.policy}
          onEdit={() => setEditing({ entry, base: entry.policy })}
          onDelete={() => {
            deleteBudget.reset();
            setRemoving(entry);
          }}
        />
      )}
    >
      <Text size="sm" c="dimmed">
        {t('risk.budgets.hint')}
      </Text>
      <FormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t('risk.budgets.formTitle')}
      >
        {editing ? (
          <BudgetFormView
            key={editing.entry?.office ?? 'new'}
            entry={editing.entry}
            base={editing.base}
            isDefaultNew={editing.entry === null && editing.base === budgets.data?.defaultPolicy}
            onClose={() => setEditing(null)}
          />
        ) : null}
      </FormModal>
      <RemoveConfirmModal
        item={removing}
        onClose={() => setRemoving(null)}
        title={t('risk.budgets.deleteTitle')}
        message={(entry) => t('risk.budgets.deleteMessage', { office: officeName(t, entry.office) })}
        confirmLabel={t('risk.budgets.deleteConfirm')}
        mutation={deleteBudget}
        onConfirm={(entry, done) => deleteBudget.mutate(entry.office, { onSuccess: done })}
      />
    </TablePage>
  );
}

function officeName(t: TFunction, office: string): string {
  return office === DEFAULT_OFFICE ? t('risk.budgets.defaultOffice') : office;
}

function PolicyRow({
  office,
  policy,
  note,
  isBuiltIn = false,
  onEdit,
  onDelete,
}: {
  office: string;
  policy: SelectionPolicy;
  note?: string;
  isBuiltIn?: boolean;
  onEdit: () => void;
  onDelete?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const percent = (value: number) => formatPercent(value, language, 2);
  return (
    <Table.Tr data-testid="budget-row" data-office={office}>
      <Table.Td>
        <Group gap={6}>
          <Text size="sm" fw={600}>
            {officeName(t, office)}
          </Text>
          {note ? (
            <Badge size="xs" color="gray">
              {note}
            </Badge>
          ) : null}
        </Group>
      </Table.Td>
      {RATE_KEYS.map((key) => (
        <Table.Td key={key} ta="right" className="tabular-nums">
          {percent(policy.rates[key])}
        </Table.Td>
      ))}
      <Table.Td ta="right" className="tabular-nums" fw={700} data-testid="budget-total">
        {percent(totalBudget(policy))}
      </Table.Td>
      {[policy.randomRate, policy.exploration.share].map((share, index) => (
        <Table.Td key={index} ta="right" className="tabular-nums">
          {percent(share)}
        </Table.Td>
      ))}
      <Table.Td>
        <Text size="xs">
          {t('risk.budgets.objectivesSummary', {
            fraud: policy.objectives.fraud,
            critical: policy.objectives.critical,
            revenue: policy.objectives.revenue,
          })}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <RowIconButton
            icon="file"
            label={t('risk.budgets.edit', { office: officeName(t, office) })}
            onClick={onEdit}
          />
          {!isBuiltIn && onDelete ? (
            <DeleteIconButton
              label={t('risk.budgets.delete', { office: officeName(t, office) })}
              onClick={onDelete}
            />
          ) : null}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function BudgetFormView({
  entry,
  base,
  isDefaultNew,
  onClose,
}: {
  entry: BudgetEntry | null;
  base: SelectionPolicy;
  /** Storing the built-in default as the '*' budget. */
  isDefaultNew: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const format = useFormatters();
  const save = useSaveBudget();
  const form = useFields(
    formFrom(entry?.office ?? (isDefaultNew ? DEFAULT_OFFICE : ''), base),
    save.error,
    SERVER_PATHS,
  );
  const { values } = form;
  const total = toShare(values.red) + toShare(values.yellow) + toShare(values.blue);
  const error = save.error;

  const submit = () => {
    const policy: SelectionPolicy = {
      ...base,
      rates: { red: toShare(values.red), yellow: toShare(values.yellow), blue: toShare(values.blue) },
      randomRate: toShare(values.randomRate),
      exploration: { ...base.exploration, share: toShare(values.explorationShare) },
      objectives: {
        fraud: toWeight(values.fraud),
        critical: toWeight(values.critical),
        revenue: toWeight(values.revenue),
      },
    };
    const office = values.office.trim() || DEFAULT_OFFICE;
    save.mutate({ office, policy, ...(entry ? { version: entry.version } : {}) }, { onSuccess: onClose });
  };

  const percentInput = (key: keyof BudgetForm, label: string) => (
    <NumberInput
      key={key}
      label={label}
      suffix=" %"
      min={0}
      max={100}
      decimalScale={3}
      step={0.5}
      {...form.getInputProps(key)}
      data-testid={`budget-${key}`}
    />
  );

  return (
    <FormStack
      onSubmit={submit}
      data-testid="budget-form"
      noValidate
      gap="sm"
      error={error}
      submitLabel={t('common.save')}
      isPending={save.isPending}
      onCancel={onClose}
      submitTestId="budget-submit"
    >
      <TextInput
        label={t('risk.budgets.office')}
        description={t('risk.budgets.officeHint')}
        required
        readOnly={entry !== null || isDefaultNew}
        maxLength={32}
        {...form.getInputProps('office')}
        error={fieldError(error, 'office') ?? fieldError(error, 'params.office')}
        data-testid="budget-office"
      />
      <Title order={3} size="h5">
        {t('risk.budgets.ratesTitle')}
      </Title>
      <SimpleGrid cols={3}>{RATE_KEYS.map((key) => percentInput(key, t(`risk.channels.${key}`)))}</SimpleGrid>
      <Text size="sm" aria-live="polite" data-testid="budget-form-total" c={total > 1 ? 'red' : undefined}>
        {t('risk.budgets.totalLine', { total: formatPercent(total, language, 2) })}
        {total > 1 ? ` ${t('risk.budgets.overBudget')}` : ''}
      </Text>
      <GroupError message={exactFieldError(error, 'rates')} />
      <SimpleGrid cols={2}>
        {percentInput('randomRate', t('risk.budgets.randomRate'))}
        {percentInput('explorationShare', t('risk.budgets.exploration'))}
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('risk.budgets.randomHint')}
      </Text>
      <Title order={3} size="h5">
        {t('risk.budgets.objectives')}
      </Title>
      <SimpleGrid cols={3}>
        {OBJECTIVE_KEYS.map((key) => (
          <NumberInput
            key={key}
            label={t(`risk.budgets.objective.${key}`)}
            min={0}
            step={0.1}
            decimalScale={3}
            {...form.getInputProps(key)}
          />
        ))}
      </SimpleGrid>
      <GroupError message={fieldError(error, 'objectives')} />
      <Text size="xs" c="dimmed">
        {t('risk.budgets.objectivesHint')}
      </Text>
      {entry ? (
        <Text size="xs" c="dimmed">
          {t('risk.budgets.version', { version: entry.version, at: format.dateTime(entry.updatedAt) })}
        </Text>
      ) : null}
    </FormStack>
  );
}
