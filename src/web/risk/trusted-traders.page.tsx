import {
  Badge,
  FileInput,
  Group,
  List,
  NumberInput,
  Select,
  SimpleGrid,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { isApiError } from '../api/client';
import {
  useDeleteTrustedTrader,
  useImportTrustedTraders,
  useSaveTrustedTrader,
  useTrustedTraders,
} from '../api/risk.api';
import { TRADER_STATUSES } from '../api/types';
import type { TraderStatus, TrustedTrader } from '../api/types';
import { StatusBadge } from '../components/badges';
import type { StatusTone } from '../components/badges';
import { useFields } from '../components/use-fields';
import { IconButton } from '../components/buttons';
import { RemoveConfirmModal } from '../components/remove-confirm-modal';
import { FormModal, FormStack } from '../components/form-modal';
import { Icon } from '../components/icons';
import { EmptyBlock } from '../components/data-table';
import { TablePage } from '../components/table-page';
import { DeleteIconButton, RowIconButton } from '../components/row-actions';
import { SearchCard } from '../components/search-card';
import { useFormatters } from '../i18n/format';
import { formatPercent } from './risk-format';
import { Notice } from '../components/notice';

const STATUS_TONES: Record<TraderStatus, StatusTone> = {
  active: 'active',
  suspended: 'warning',
  revoked: 'danger',
  expired: 'inactive',
};

export function TrustedTradersPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const format = useFormatters();
  const [applied, setApplied] = useState('');
  const traders = useTrustedTraders(applied);
  const remove = useDeleteTrustedTrader();
  const [editing, setEditing] = useState<TrustedTrader | 'new' | null>(null);
  const [removing, setRemoving] = useState<TrustedTrader | null>(null);
  const [isImporting, setIsImporting] = useState(false);

  return (
    <TablePage
      title={t('risk.traders.title')}
      description={t('risk.traders.description')}
      actions={
        <>
          <IconButton
            icon="upload"
            variant="default"
            onClick={() => setIsImporting(true)}
            data-testid="traders-import"
          >
            {t('risk.traders.import')}
          </IconButton>
          <IconButton icon="plus" onClick={() => setEditing('new')} data-testid="traders-add">
            {t('risk.traders.add')}
          </IconButton>
        </>
      }
      intro={
        <SearchCard
          label={t('risk.traders.search')}
          description={t('risk.traders.searchHint')}
          buttonLabel={t('risk.traders.searchButton')}
          onSearch={setApplied}
          maxLength={100}
          width={360}
          data-testid="traders-search"
        />
      }
      query={traders}
      rows={traders.data ?? []}
      minWidth={960}
      data-testid="traders-table"
      highlightOnHover
      columns={[
        t('risk.traders.partyId'),
        t('risk.traders.legalName'),
        t('risk.traders.status'),
        t('risk.traders.type'),
        t('risk.traders.tier'),
        t('risk.traders.source'),
        { label: t('risk.traders.factor'), align: 'right' },
        t('risk.traders.validUntil'),
        { label: t('common.actions'), isHidden: true, width: 90 },
      ]}
      empty={<EmptyBlock>{t('risk.traders.empty')}</EmptyBlock>}
      renderRow={(trader) => (
        <Table.Tr key={trader.partyId} data-testid="trader-row" data-party-id={trader.partyId}>
          <Table.Td ff="monospace">{trader.partyId}</Table.Td>
          <Table.Td>{trader.legalName ?? '—'}</Table.Td>
          <Table.Td>
            <StatusBadge
              tone={STATUS_TONES[trader.status]}
              label={t(`risk.traders.statuses.${trader.status}`)}
            />
          </Table.Td>
          <Table.Td>{trader.authorisationType}</Table.Td>
          <Table.Td>{trader.tier}</Table.Td>
          <Table.Td>
            <Badge variant="light" color={trader.source === 'mra' ? 'grape' : 'customs'} tt="none">
              {trader.source === 'mra'
                ? t('risk.traders.sourceMra', { partner: trader.partner ?? '' })
                : t('risk.traders.sourceNational')}
            </Badge>
          </Table.Td>
          <Table.Td ta="right" className="tabular-nums">
            {formatPercent(trader.effectiveInspectionFactor, language, 0)}
            {trader.inspectionFactor === null ? (
              <Text span size="xs" c="dimmed">
                {' '}
                ({t('risk.traders.fromProgramme')})
              </Text>
            ) : null}
          </Table.Td>
          <Table.Td>{format.date(trader.validUntil)}</Table.Td>
          <Table.Td>
            <Group gap={4} wrap="nowrap">
              <RowIconButton
                icon="file"
                label={t('risk.traders.edit', { id: trader.partyId })}
                onClick={() => setEditing(trader)}
              />
              <DeleteIconButton
                label={t('risk.traders.delete', { id: trader.partyId })}
                onClick={() => {
                  remove.reset();
                  setRemoving(trader);
                }}
              />
            </Group>
          </Table.Td>
        </Table.Tr>
      )}
    >
      <FormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('risk.traders.addTitle') : t('risk.traders.editTitle')}
      >
        <TraderForm trader={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      </FormModal>
      <FormModal
        opened={isImporting}
        onClose={() => setIsImporting(false)}
        title={t('risk.traders.importTitle')}
      >
        <ImportForm onClose={() => setIsImporting(false)} />
      </FormModal>
      <RemoveConfirmModal
        item={removing}
        onClose={() => setRemoving(null)}
        title={t('risk.traders.deleteTitle')}
        message={(trader) => t('risk.traders.deleteMessage', { id: trader.partyId })}
        confirmLabel={t('risk.traders.deleteConfirm')}
        mutation={remove}
        onConfirm={(trader, done) => remove.mutate(trader.partyId, { onSuccess: done })}
      />
    </TablePage>
  );
}

function TraderForm({ trader, onClose }: { trader: TrustedTrader | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveTrustedTrader();
  const form = useFields(
    {
      partyId: trader?.partyId ?? '',
      legalName: trader?.legalName ?? '',
      status: trader?.status ?? 'active',
      authorisationType: trader?.authorisationType ?? 'AEO-S',
      tier: trader?.tier ?? 'standard',
      source: trader?.source ?? 'national',
      partner: trader?.partner ?? '',
      inspectionFactor: trader?.inspectionFactor == null ? '' : trader.inspectionFactor * 100,
      validUntil: trader?.validUntil ?? '',
    },
    save.error,
    { partyId: 'params.partyId' },
  );
  const { values } = form;

  const submit = () => {
    const partner = values.partner.trim();
    save.mutate(
      {
        partyId: values.partyId.trim(),
        body: {
          status: values.status,
          authorisationType: values.authorisationType.trim(),
          tier: values.tier.trim(),
          source: values.source,
          partner: values.source === 'mra' && partner ? partner.toUpperCase() : null,
          legalName: values.legalName.trim() || null,
          inspectionFactor:
            typeof values.inspectionFactor === 'number' ? values.inspectionFactor / 100 : null,
          validUntil: values.validUntil || null,
        },
      },
      { onSuccess: onClose },
    );
  };

  return (
    <FormStack
      onSubmit={submit}
      data-testid="trader-form"
      noValidate
      gap="sm"
      error={save.error}
      submitLabel={t('common.save')}
      isPending={save.isPending}
      onCancel={onClose}
      submitTestId="trader-submit"
    >
      <SimpleGrid cols={2}>
        <TextInput
          label={t('risk.traders.partyId')}
          required
          readOnly={trader !== null}
          maxLength={64}
          {...form.getInputProps('partyId')}
          data-testid="trader-party-id"
        />
        <TextInput label={t('risk.traders.legalName')} maxLength={300} {...form.getInputProps('legalName')} />
        <Select
          label={t('risk.traders.status')}
          data={TRADER_STATUSES.map((value) => ({ value, label: t(`risk.traders.statuses.${value}`) }))}
          allowDeselect={false}
          {...form.getInputProps('status')}
        />
        <TextInput
          label={t('risk.traders.type')}
          required
          maxLength={80}
          {...form.getInputProps('authorisationType')}
        />
        <TextInput label={t('risk.traders.tier')} required maxLength={80} {...form.getInputProps('tier')} />
        <Select
          label={t('risk.traders.source')}
          data={[
            { value: 'national', label: t('risk.traders.sourceNational') },
            { value: 'mra', label: t('risk.traders.sourceMraOption') },
          ]}
          allowDeselect={false}
          {...form.getInputProps('source')}
        />
        {values.source === 'mra' ? (
          <TextInput
            label={t('risk.traders.partner')}
            description={t('risk.traders.partnerHint')}
            maxLength={2}
            {...form.getInputProps('partner')}
          />
        ) : null}
        <NumberInput
          label={t('risk.traders.factorOverride')}
          description={t('risk.traders.factorHint')}
          suffix=" %"
          min={0}
          max={100}
          {...form.getInputProps('inspectionFactor')}
        />
        <TextInput type="date" label={t('risk.traders.validUntil')} {...form.getInputProps('validUntil')} />
      </SimpleGrid>
    </FormStack>
  );
}

/** `rows.<line>.<column>` → "Line 3, tier: …"; header and file errors as they come. */
function describeImportError(t: TFunction, path: string, message: string): string {
  const match = /^(?:body\.)?rows\.(\d+)\.(.+)$/.exec(path);
  if (match) return t('risk.traders.rowError', { line: match[1], column: match[2], message });
  if (path === 'header') return t('risk.traders.headerError', { message });
  return message;
}

function ImportForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const importCsv = useImportTrustedTraders();
  const [file, setFile] = useState<File | null>(null);
  const error = importCsv.error;
  const fieldErrors = isApiError(error) ? error.fieldErrors : [];

  const submit = () => {
    if (!file) return;
    void file.text().then((text) => importCsv.mutate(text));
  };

  return (
    // The rows the server refused are listed in place of the general error alert.
    <FormStack
      onSubmit={submit}
      data-testid="traders-import-form"
      gap="sm"
      error={fieldErrors.length > 0 ? null : error}
      submitLabel={t('risk.traders.importButton')}
      isPending={importCsv.isPending}
      onCancel={onClose}
      cancelLabel={importCsv.data ? t('common.close') : undefined}
      canCancelWhilePending
      isSubmitDisabled={!file}
      submitTestId="traders-import-submit"
    >
      <Text size="sm">{t('risk.traders.importHint')}</Text>
      <Text size="xs" ff="monospace" c="dimmed">
        party_id,status,authorisation_type,tier,source,partner,legal_name,inspection_factor,valid_until
      </Text>
      <FileInput
        label={t('risk.traders.file')}
        accept=".csv,text/csv"
        required
        value={file}
        onChange={(value) => {
          setFile(value);
          importCsv.reset();
        }}
        leftSection={<Icon name="file" size={16} />}
        data-testid="traders-import-file"
      />
      {importCsv.data ? (
        <Notice tone="success" icon={null} variant="light" role="status" data-testid="traders-import-done">
          {t('risk.traders.imported', { count: importCsv.data.imported })}
        </Notice>
      ) : null}
      {fieldErrors.length > 0 ? (
        <Notice
          tone="danger"
          icon={null}
          variant="light"
          role="alert"
          title={error?.message}
          data-testid="traders-import-errors"
        >
          <List size="sm" spacing={2}>
            {fieldErrors.map((f, index) => (
              <List.Item key={index}>{describeImportError(t, f.path, f.message)}</List.Item>
            ))}
          </List>
        </Notice>
      ) : null}
    </FormStack>
  );
}
