import { Badge, FileButton, List, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { useLoadProgrammeVersion, useProgrammeVersions } from '../api/programme.api';
import { ApiErrorAlert } from '../components/api-error';
import { IconButton } from '../components/buttons';
import { TablePage } from '../components/table-page';
import { useFormatters } from '../i18n/format';
import { Notice } from '../components/notice';

const COLUMNS = ['programme', 'version', 'loaded', 'status'] as const;

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

  return (
    <TablePage
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
      intro={
        <>
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
          {load.error ? <LoadError error={load.error} fileName={fileName ?? ''} /> : null}
        </>
      }
      query={versions}
      rows={versions.data ?? []}
      minWidth={560}
      aria-label={t('programmeAdmin.versions')}
      data-testid="programme-versions"
      columns={COLUMNS.map((column) => t(`programmeAdmin.columns.${column}`))}
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
    >
      <Text size="sm" c="dimmed">
        {t('programmeAdmin.note')}
      </Text>
    </TablePage>
  );
}

/** Why the server refused the file: each field it found wrong, or its error when it names none. */
function LoadError({ error, fileName }: { error: unknown; fileName: string }) {
  const { t } = useTranslation();
  const fieldErrors = isApiError(error) ? error.fieldErrors : [];
  if (fieldErrors.length === 0) return <ApiErrorAlert error={error} />;
  return (
    <Notice
      tone="danger"
      role="alert"
      title={t('programmeAdmin.invalid', { file: fileName, count: fieldErrors.length })}
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
  );
}
