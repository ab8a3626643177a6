import { Badge, FileButton, List, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { useLoadProgrammeVersion, useProgrammeVersions } from '../api/programme.api';
import { ApiErrorAlert } from '../components/api-error';
import { IconButton } from '../components/buttons';
import { PageHeader } from '../components/page-header';
import { QueryTable } from '../components/query-table';
import { useFormatters } from '../i18n/format';
import { Notice } from '../components/notice';

export function ProgrammeVersionsPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const versions = useProgrammeVersions();
  const load = useLoadProgrammeVersion();
  const [fileName, setFileName] = useState<string | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);

  const readFile = async (file: File | null) => {
    if (!file) return;
    setFileName(file.name);
    setParseError(null);
    load.reset();
    let json: unknown;
    try {
      json = JSON.parse(await file.text()) as unknown;
    } catch (error) {
      setParseError(error instanceof Error ? error.message : String(error));
      return;
    }
    load.mutate(json);
  };

  const fieldErrors = isApiError(load.error) ? load.error.fieldErrors : [];

  return (
    <Stack gap="md">
      <PageHeader
        title={t('programmeAdmin.title')}
        description={t('programmeAdmin.description')}
        actions={
          <FileButton accept="application/json,.json" onChange={(file) => void readFile(file)}>
            {(props) => (
              <IconButton {...props} icon="upload" loading={load.isPending} data-testid="load-programme">
                {t('programmeAdmin.load')}
              </IconButton>
            )}
          </FileButton>
        }
      />
      <div aria-live="polite">
        {load.isSuccess ? (
          <Notice tone="success" withCloseButton onClose={() => load.reset()}>
            {t('programmeAdmin.loaded', { programme: load.data.programmeId, version: load.data.version })}
          </Notice>
        ) : null}
      </div>
      {parseError ? (
        <Notice tone="danger" role="alert" title={t('programmeAdmin.notJson', { file: fileName ?? '' })}>
          {parseError}
        </Notice>
      ) : null}
      {load.error ? (
        fieldErrors.length > 0 ? (
          <Notice
            tone="danger"
            role="alert"
            title={t('programmeAdmin.invalid', { file: fileName ?? '', count: fieldErrors.length })}
            data-testid="programme-errors"
          >
            <List size="sm" spacing={2}>
              {fieldErrors.map((field, index) => (
                <List.Item key={index}>
                  <Text span ff="monospace" size="sm" fw={600}>
                    {field.path || '—'}
                  </Text>
                  : {field.message}
                </List.Item>
              ))}
            </List>
          </Notice>
        ) : (
          <ApiErrorAlert error={load.error} />
        )
      ) : null}
      <QueryTable
        query={versions}
        rows={versions.data ?? []}
        minWidth={560}
        aria-label={t('programmeAdmin.versions')}
        data-testid="programme-versions"
        columns={[
          t('programmeAdmin.columns.programme'),
          t('programmeAdmin.columns.version'),
          t('programmeAdmin.columns.loaded'),
          t('programmeAdmin.columns.status'),
        ]}
        renderRow={(version) => (
          <Table.Tr key={version.id}>
            <Table.Td>
              <Text size="sm" ff="monospace">
                {version.programmeId}
              </Text>
            </Table.Td>
            <Table.Td>{version.version}</Table.Td>
            <Table.Td>{format.dateTime(version.loadedAt)}</Table.Td>
            <Table.Td>
              {version.isActive ? (
                <Badge color="green">{t('programmeAdmin.active')}</Badge>
              ) : (
                <Badge color="gray">{t('programmeAdmin.inactive')}</Badge>
              )}
            </Table.Td>
          </Table.Tr>
        )}
      />
      <Text size="sm" c="dimmed">
        {t('programmeAdmin.note')}
      </Text>
    </Stack>
  );
}
