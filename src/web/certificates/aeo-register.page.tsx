import { Group, Pagination, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegisterSearch } from '../api/certificates.api';
import type { RegisterQuery } from '../api/types';
import { ApiErrorAlert, LoadingBlock } from '../components/api-error';
import { IconButton } from '../components/buttons';
import { DataTable, EmptyBlock } from '../components/data-table';
import { useFields } from '../components/use-fields';
import { countryOptions } from '../i18n/countries';
import { useFormatters } from '../i18n/format';
import { PublicPageLayout } from '../programme/public-page.layout';
import { AuthorisationStatusBadge } from './authorisation-status';

const PAGE_SIZE = 25;
const SEARCHABLE_STATUSES = ['active', 'suspended', 'revoked'] as const;
type SearchableStatus = (typeof SEARCHABLE_STATUSES)[number];
/** An authorisation's fields, but for the two the register adds (operatorId, country). */
const COLUMNS = ['holder', 'operatorId', 'country', 'type', 'tier', 'number', 'status', 'validity'] as const;

function isSearchableStatus(value: string | null): value is SearchableStatus {
  return value !== null && (SEARCHABLE_STATUSES as readonly string[]).includes(value);
}

/** Public: the AEOs that consented to publication, with their current status. */
export function AeoRegisterPage() {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const form = useFields(
    { q: '', type: '', country: null as string | null, status: null as string | null },
    null,
  );
  const [applied, setApplied] = useState<RegisterQuery>({});
  const [page, setPage] = useState(1);
  const search = useRegisterSearch({ ...applied, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const total = search.data?.total ?? 0;

  return (
    <PublicPageLayout
      title={t('certificates.register.title')}
      description={t('certificates.register.description')}
      size="lg"
    >
      <Stack gap="md">
        <form
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            const { q, type, country, status } = form.values;
            setPage(1);
            setApplied({
              ...(q.trim() ? { q: q.trim() } : {}),
              ...(type.trim() ? { type: type.trim() } : {}),
              ...(country ? { country } : {}),
              ...(isSearchableStatus(status) ? { status } : {}),
            });
          }}
          data-testid="register-search"
        >
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={t('certificates.register.query')}
              description={t('certificates.register.queryHint')}
              {...form.getInputProps('q')}
              maxLength={200}
              w={300}
              data-testid="register-query"
            />
            <TextInput
              label={t('certificates.fields.type')}
              {...form.getInputProps('type')}
              maxLength={80}
              w={160}
              data-testid="register-type"
            />
            <Select
              label={t('certificates.register.country')}
              data={countryOptions(i18n.resolvedLanguage ?? 'en')}
              {...form.getInputProps('country')}
              searchable
              clearable
              w={220}
              data-testid="register-country"
            />
            <Select
              label={t('certificates.fields.status')}
              data={SEARCHABLE_STATUSES.map((value) => ({
                value,
                label: t(`certificates.statuses.${value}`),
              }))}
              {...form.getInputProps('status')}
              clearable
              w={180}
              data-testid="register-status"
            />
            <IconButton type="submit" variant="default" icon="search">
              {t('certificates.register.search')}
            </IconButton>
          </Group>
        </form>
        <ApiErrorAlert error={search.error} onRetry={() => void search.refetch()} />
        {search.isPending ? (
          <LoadingBlock />
        ) : (search.data?.items ?? []).length === 0 ? (
          <EmptyBlock testId="register-empty">{t('certificates.register.empty')}</EmptyBlock>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t('common.totalCount', {
                total: `${format.number(total)}${search.data?.isTotalCapped ? '+' : ''}`,
              })}
            </Text>
            <DataTable
              rows={search.data?.items}
              minWidth={900}
              striped
              data-testid="register-table"
              columns={COLUMNS.map((column) =>
                column === 'operatorId' || column === 'country'
                  ? t(`certificates.register.${column}`)
                  : t(`certificates.fields.${column}`),
              )}
              renderRow={(entry) => (
                <Table.Tr
                  key={entry.certificateNumber}
                  data-testid="register-row"
                  data-certificate-number={entry.certificateNumber}
                >
                  <Table.Td fw={600}>{entry.legalName}</Table.Td>
                  <Table.Td ff="monospace">{entry.operatorId}</Table.Td>
                  <Table.Td>{format.country(entry.country)}</Table.Td>
                  <Table.Td>{entry.authorisationType}</Table.Td>
                  <Table.Td>{entry.tier}</Table.Td>
                  <Table.Td ff="monospace">{entry.certificateNumber}</Table.Td>
                  <Table.Td>
                    <AuthorisationStatusBadge status={entry.status} />
                  </Table.Td>
                  <Table.Td>
                    {t('certificates.fields.validityRange', {
                      from: format.date(entry.validFrom),
                      until: format.date(entry.validUntil),
                    })}
                  </Table.Td>
                </Table.Tr>
              )}
            />
            {total > PAGE_SIZE ? (
              <Pagination
                total={Math.ceil(total / PAGE_SIZE)}
                value={page}
                onChange={setPage}
                getControlProps={(control) => ({
                  'aria-label': control === 'previous' ? t('common.previousPage') : t('common.nextPage'),
                })}
              />
            ) : null}
          </>
        )}
      </Stack>
    </PublicPageLayout>
  );
}
