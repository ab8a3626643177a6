import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  List,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
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
import { ApiErrorAlert, fieldError, LoadingBlock } from '../components/api-error';
import { StatusBadge } from '../components/badges';
import type { StatusTone } from '../components/badges';
import { ConfirmModal } from '../components/confirm-modal';
import { Icon } from '../components/icons';
import { PageHeader } from '../components/page-header';
import { useFormatters } from '../i18n/format';
import { formatPercent } from './risk-format';

const STATUS_TONES: Record<TraderStatus, StatusTone> = {
  active: 'active',
  suspended: 'warning',
  revoked: 'danger',
  expired: 'inactive',
};

function isStatus(value: string | null): value is TraderStatus {
  return value !== null && (TRADER_STATUSES as readonly string[]).includes(value);
}

export function TrustedTradersPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const format = useFormatters();
  const [search, setSearch] = useState('');
  const [applied, setApplied] = useState('');
  const traders = useTrustedTraders(applied);
  const remove = useDeleteTrustedTrader();
  const [editing, setEditing] = useState<TrustedTrader | 'new' | null>(null);
  const [removing, setRemoving] = useState<TrustedTrader | null>(null);
  const [isImporting, setIsImporting] = useState(false);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('risk.traders.title')}
        description={t('risk.traders.description')}
        actions={
          <>
            <Button
              variant="default"
              leftSection={<Icon name="upload" size={16} />}
              onClick={() => setIsImporting(true)}
              data-testid="traders-import"
            >
              {t('risk.traders.import')}
            </Button>
            <Button
              leftSection={<Icon name="plus" size={16} />}
              onClick={() => setEditing('new')}
              data-testid="traders-add"
            >
              {t('risk.traders.add')}
            </Button>
          </>
        }
      />
      <Card padding="md">
        <form
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            setApplied(search.trim());
          }}
        >
          <Group align="flex-end">
            <TextInput
              label={t('risk.traders.search')}
              description={t('risk.traders.searchHint')}
              value={search}
              maxLength={100}
              onChange={(e) => setSearch(e.currentTarget.value)}
              w={360}
              data-testid="traders-search"
            />
            <Button type="submit" variant="default" leftSection={<Icon name="search" size={16} />}>
              {t('risk.traders.searchButton')}
            </Button>
          </Group>
        </form>
      </Card>
      {traders.isError ? (
        <ApiErrorAlert error={traders.error} onRetry={() => void traders.refetch()} />
      ) : null}
      <Card padding={0}>
        {traders.isPending ? (
          <LoadingBlock />
        ) : (traders.data ?? []).length === 0 ? (
          <Text c="dimmed" ta="center" py="xl" size="sm">
            {t('risk.traders.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={960}>
            <Table data-testid="traders-table" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('risk.traders.partyId')}</Table.Th>
                  <Table.Th>{t('risk.traders.legalName')}</Table.Th>
                  <Table.Th>{t('risk.traders.status')}</Table.Th>
                  <Table.Th>{t('risk.traders.type')}</Table.Th>
                  <Table.Th>{t('risk.traders.tier')}</Table.Th>
                  <Table.Th>{t('risk.traders.source')}</Table.Th>
                  <Table.Th ta="right">{t('risk.traders.factor')}</Table.Th>
                  <Table.Th>{t('risk.traders.validUntil')}</Table.Th>
                  <Table.Th w={90}>
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {traders.data?.map((trader) => (
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
                      {trader.source === 'mra' ? (
                        <Badge variant="light" color="grape" tt="none">
                          {t('risk.traders.sourceMra', { partner: trader.partner ?? '' })}
                        </Badge>
                      ) : (
                        <Badge variant="light" color="customs" tt="none">
                          {t('risk.traders.sourceNational')}
                        </Badge>
                      )}
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
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('risk.traders.edit', { id: trader.partyId })}
                          onClick={() => setEditing(trader)}
                        >
                          <Icon name="file" size={16} />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('risk.traders.delete', { id: trader.partyId })}
                          onClick={() => {
                            remove.reset();
                            setRemoving(trader);
                          }}
                        >
                          <Icon name="trash" size={16} />
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('risk.traders.addTitle') : t('risk.traders.editTitle')}
        size="lg"
      >
        {editing !== null ? (
          <TraderForm trader={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
        ) : null}
      </Modal>
      <Modal
        opened={isImporting}
        onClose={() => setIsImporting(false)}
        title={t('risk.traders.importTitle')}
        size="lg"
      >
        {isImporting ? <ImportForm onClose={() => setIsImporting(false)} /> : null}
      </Modal>
      <ConfirmModal
        opened={removing !== null}
        title={t('risk.traders.deleteTitle')}
        message={removing ? t('risk.traders.deleteMessage', { id: removing.partyId }) : ''}
        confirmLabel={t('risk.traders.deleteConfirm')}
        loading={remove.isPending}
        error={remove.error}
        onClose={() => setRemoving(null)}
        onConfirm={() => {
          if (removing) remove.mutate(removing.partyId, { onSuccess: () => setRemoving(null) });
        }}
      />
    </Stack>
  );
}

function TraderForm({ trader, onClose }: { trader: TrustedTrader | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveTrustedTrader();
  const [partyId, setPartyId] = useState(trader?.partyId ?? '');
  const [status, setStatus] = useState<TraderStatus>(trader?.status ?? 'active');
  const [authorisationType, setAuthorisationType] = useState(trader?.authorisationType ?? 'AEO-S');
  const [tier, setTier] = useState(trader?.tier ?? 'standard');
  const [source, setSource] = useState<'national' | 'mra'>(trader?.source ?? 'national');
  const [partner, setPartner] = useState(trader?.partner ?? '');
  const [legalName, setLegalName] = useState(trader?.legalName ?? '');
  const [factor, setFactor] = useState<number | string>(
    trader?.inspectionFactor === null || trader === null ? '' : trader.inspectionFactor * 100,
  );
  const [validUntil, setValidUntil] = useState(trader?.validUntil ?? '');
  const error = save.error;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(
      {
        partyId: partyId.trim(),
        body: {
          status,
          authorisationType: authorisationType.trim(),
          tier: tier.trim(),
          source,
          partner: source === 'mra' && partner.trim() ? partner.trim().toUpperCase() : null,
          legalName: legalName.trim() || null,
          inspectionFactor: typeof factor === 'number' ? factor / 100 : null,
          validUntil: validUntil || null,
        },
      },
      { onSuccess: onClose },
    );
  };

  return (
    <form onSubmit={submit} data-testid="trader-form" noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <TextInput
            label={t('risk.traders.partyId')}
            required
            readOnly={trader !== null}
            maxLength={64}
            value={partyId}
            onChange={(e) => setPartyId(e.currentTarget.value)}
            error={fieldError(error, 'params.partyId') ?? fieldError(error, 'partyId')}
            data-testid="trader-party-id"
          />
          <TextInput
            label={t('risk.traders.legalName')}
            maxLength={300}
            value={legalName}
            onChange={(e) => setLegalName(e.currentTarget.value)}
            error={fieldError(error, 'legalName')}
          />
          <Select
            label={t('risk.traders.status')}
            data={TRADER_STATUSES.map((value) => ({ value, label: t(`risk.traders.statuses.${value}`) }))}
            value={status}
            onChange={(value) => {
              if (isStatus(value)) setStatus(value);
            }}
            allowDeselect={false}
            error={fieldError(error, 'status')}
          />
          <TextInput
            label={t('risk.traders.type')}
            required
            maxLength={80}
            value={authorisationType}
            onChange={(e) => setAuthorisationType(e.currentTarget.value)}
            error={fieldError(error, 'authorisationType')}
          />
          <TextInput
            label={t('risk.traders.tier')}
            required
            maxLength={80}
            value={tier}
            onChange={(e) => setTier(e.currentTarget.value)}
            error={fieldError(error, 'tier')}
          />
          <Select
            label={t('risk.traders.source')}
            data={[
              { value: 'national', label: t('risk.traders.sourceNational') },
              { value: 'mra', label: t('risk.traders.sourceMraOption') },
            ]}
            value={source}
            onChange={(value) => setSource(value === 'mra' ? 'mra' : 'national')}
            allowDeselect={false}
            error={fieldError(error, 'source')}
          />
          {source === 'mra' ? (
            <TextInput
              label={t('risk.traders.partner')}
              description={t('risk.traders.partnerHint')}
              maxLength={2}
              value={partner}
              onChange={(e) => setPartner(e.currentTarget.value)}
              error={fieldError(error, 'partner')}
            />
          ) : null}
          <NumberInput
            label={t('risk.traders.factorOverride')}
            description={t('risk.traders.factorHint')}
            suffix=" %"
            min={0}
            max={100}
            value={factor}
            onChange={setFactor}
            error={fieldError(error, 'inspectionFactor')}
          />
          <TextInput
            type="date"
            label={t('risk.traders.validUntil')}
            value={validUntil}
            onChange={(e) => setValidUntil(e.currentTarget.value)}
            error={fieldError(error, 'validUntil')}
          />
        </SimpleGrid>
        <ApiErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={save.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="trader-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
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

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) return;
    void file.text().then((text) => importCsv.mutate(text));
  };

  return (
    <form onSubmit={submit} data-testid="traders-import-form">
      <Stack gap="sm">
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
          <Alert color="green" variant="light" role="status" data-testid="traders-import-done">
            {t('risk.traders.imported', { count: importCsv.data.imported })}
          </Alert>
        ) : null}
        {fieldErrors.length > 0 ? (
          <Alert
            color="red"
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
          </Alert>
        ) : (
          <ApiErrorAlert error={error} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {importCsv.data ? t('common.close') : t('common.cancel')}
          </Button>
          <Button
            type="submit"
            loading={importCsv.isPending}
            disabled={!file}
            data-testid="traders-import-submit"
          >
            {t('risk.traders.importButton')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
