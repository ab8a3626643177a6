import {
  ActionIcon,
  Anchor,
  Button,
  Checkbox,
  FileButton,
  Group,
  List,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Radio,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { evidenceUrl, useUploadEvidence } from '../api/applications.api';
import type { AnswerPayload } from '../api/applications.api';
import type { Column, Evidence, Question } from '../api/types';
import { ApiErrorAlert, fieldError } from '../components/api-error';
import { Icon } from '../components/icons';
import { useFormatters } from '../i18n/format';
import { useLocalised } from '../i18n/localised';

/** Typing waits for a pause before saving; a click (yes/no, a choice) saves almost at once. */
export const TYPING_DELAY_MS = 900;
export const CLICK_DELAY_MS = 150;

export interface ValueEditorProps {
  question: Question;
  /** The stored value (undefined when the question has none yet). */
  value: unknown;
  description: string | undefined;
  /** The id of the question's title, which names the control. */
  labelledBy: string;
  describedBy: string;
  error: unknown;
  currency: string;
  applicationId: string;
  evidence: readonly Evidence[];
  onChange: (payload: AnswerPayload, delayMs: number) => void;
  onBlur: () => void;
}

/** The editor for one answer type. Each keeps its own draft so typing is never interrupted by a save. */
export function ValueEditor(props: ValueEditorProps) {
  switch (props.question.type) {
    case 'yes_no':
      return <YesNoEditor {...props} />;
    case 'choice':
      return <ChoiceEditor {...props} />;
    case 'multi_choice':
      return <MultiChoiceEditor {...props} />;
    case 'text':
      return <TextEditor {...props} />;
    case 'number':
    case 'money':
      return <NumberEditor {...props} />;
    case 'date':
      return <DateEditor {...props} />;
    case 'table':
      return <TableEditor {...props} />;
    case 'file':
      return <FileEditor {...props} />;
  }
}

function YesNoEditor({ value, labelledBy, describedBy, error, onChange }: ValueEditorProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(typeof value === 'boolean' ? (value ? 'yes' : 'no') : '');
  return (
    <Radio.Group
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      value={draft}
      error={fieldError(error, 'value')}
      onChange={(next) => {
        setDraft(next);
        onChange({ value: next === 'yes' }, CLICK_DELAY_MS);
      }}
    >
      <Group gap="xl" mt={4}>
        <Radio value="yes" label={t('questionnaire.yes')} />
        <Radio value="no" label={t('questionnaire.no')} />
      </Group>
    </Radio.Group>
  );
}

function ChoiceEditor({ question, value, labelledBy, describedBy, error, onChange }: ValueEditorProps) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const [draft, setDraft] = useState(typeof value === 'string' ? value : null);
  const options = (question.options ?? []).map((option) => ({
    value: option.id,
    label: localised(option.label),
  }));
  const select = (next: string | null) => {
    setDraft(next);
    if (next) onChange({ value: next }, CLICK_DELAY_MS);
  };
  if (options.length > 6) {
    return (
      <Select
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        placeholder={t('questionnaire.choose')}
        data={options}
        value={draft}
        onChange={select}
        searchable
        error={fieldError(error, 'value')}
        maw={480}
      />
    );
  }
  return (
    <Radio.Group
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      value={draft ?? ''}
      onChange={select}
      error={fieldError(error, 'value')}
    >
      <Stack gap={6} mt={4}>
        {options.map((option) => (
          <Radio key={option.value} value={option.value} label={option.label} />
        ))}
      </Stack>
    </Radio.Group>
  );
}

function MultiChoiceEditor({ question, value, labelledBy, describedBy, error, onChange }: ValueEditorProps) {
  const localised = useLocalised();
  const [draft, setDraft] = useState<string[]>(
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [],
  );
  return (
    <Checkbox.Group
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      value={draft}
      error={fieldError(error, 'value')}
      onChange={(next) => {
        setDraft(next);
        if (next.length > 0) onChange({ value: next }, TYPING_DELAY_MS);
      }}
    >
      <Stack gap={6} mt={4}>
        {(question.options ?? []).map((option) => (
          <Checkbox key={option.id} value={option.id} label={localised(option.label)} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

function TextEditor({ question, value, labelledBy, describedBy, error, onChange, onBlur }: ValueEditorProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(typeof value === 'string' ? value : '');
  const maxLength = question.maxLength ?? 4000;
  return (
    <Textarea
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      value={draft}
      autosize
      minRows={2}
      maxRows={12}
      maxLength={maxLength}
      error={fieldError(error, 'value')}
      description={
        draft.length > maxLength * 0.8
          ? t('questionnaire.charactersLeft', { count: maxLength - draft.length })
          : undefined
      }
      onChange={(event) => {
        const next = event.currentTarget.value;
        setDraft(next);
        if (next.trim() !== '') onChange({ value: next }, TYPING_DELAY_MS);
      }}
      onBlur={onBlur}
    />
  );
}

function NumberEditor({
  question,
  value,
  labelledBy,
  describedBy,
  error,
  currency,
  onChange,
  onBlur,
}: ValueEditorProps) {
  const isMoney = question.type === 'money';
  const [draft, setDraft] = useState<string | number>(typeof value === 'number' ? value : '');
  return (
    <NumberInput
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      value={draft}
      min={question.min}
      max={question.max}
      allowDecimal={isMoney || !question.integer}
      decimalScale={isMoney ? 2 : undefined}
      thousandSeparator={isMoney ? ' ' : undefined}
      rightSection={
        isMoney ? (
          <Text size="xs" c="dimmed">
            {currency}
          </Text>
        ) : undefined
      }
      rightSectionWidth={isMoney ? 48 : undefined}
      error={fieldError(error, 'value')}
      maw={280}
      onChange={(next) => {
        setDraft(next);
        if (typeof next === 'number' && Number.isFinite(next)) onChange({ value: next }, TYPING_DELAY_MS);
      }}
      onBlur={onBlur}
    />
  );
}

function DateEditor({ value, labelledBy, describedBy, error, onChange, onBlur }: ValueEditorProps) {
  const [draft, setDraft] = useState(typeof value === 'string' ? value : '');
  return (
    <TextInput
      type="date"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      value={draft}
      error={fieldError(error, 'value')}
      maw={220}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setDraft(next);
        if (/^\d{4}-\d{2}-\d{2}$/.test(next)) onChange({ value: next }, TYPING_DELAY_MS);
      }}
      onBlur={onBlur}
    />
  );
}

type Cell = string | number | boolean;
type Row = Record<string, Cell>;

function isFilled(cell: Cell | undefined): boolean {
  return cell !== undefined && cell !== '';
}

function readRows(value: unknown): Row[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((row): row is Record<string, unknown> => typeof row === 'object' && row !== null)
    .map((row) => {
      const result: Row = {};
      for (const [key, cell] of Object.entries(row)) {
        if (typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'boolean')
          result[key] = cell;
      }
      return result;
    });
}

function TableEditor({
  question,
  value,
  labelledBy,
  describedBy,
  error,
  currency,
  onChange,
}: ValueEditorProps) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const columns = question.columns ?? [];
  const [rows, setRows] = useState<Row[]>(() => {
    const initial = readRows(value);
    return initial.length > 0 ? initial : [{}];
  });
  const [isIncomplete, setIncomplete] = useState(false);
  const maxRows = question.maxRows ?? 200;

  const commit = (next: Row[]) => {
    setRows(next);
    const complete = next.every((row) =>
      columns.every((column) => !column.required || isFilled(row[column.id])),
    );
    setIncomplete(!complete);
    if (!complete || next.length === 0) return;
    const cleaned = next.map((row) =>
      Object.fromEntries(Object.entries(row).filter(([, cell]) => isFilled(cell))),
    );
    onChange({ value: cleaned }, TYPING_DELAY_MS);
  };

  const setCell = (index: number, column: string, cell: Cell) =>
    commit(rows.map((row, i) => (i === index ? { ...row, [column]: cell } : row)));

  return (
    <Stack gap="xs" role="group" aria-labelledby={labelledBy} aria-describedby={describedBy}>
      <Table.ScrollContainer minWidth={Math.max(480, columns.length * 170)}>
        <Table withTableBorder withColumnBorders verticalSpacing={6} highlightOnHover={false}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>#</Table.Th>
              {columns.map((column) => (
                <Table.Th key={column.id}>
                  {localised(column.title)}
                  {column.required ? ' *' : ''}
                </Table.Th>
              ))}
              <Table.Th w={48}>
                <span className="visually-hidden">{t('common.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, index) => (
              <Table.Tr key={index} data-testid="table-row">
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {index + 1}
                  </Text>
                </Table.Td>
                {columns.map((column) => (
                  <Table.Td key={column.id}>
                    <CellEditor
                      column={column}
                      cell={row[column.id]}
                      label={t('questionnaire.table.cellLabel', {
                        column: localised(column.title),
                        row: index + 1,
                      })}
                      error={fieldError(error, `value[${index}].${column.id}`)}
                      currency={currency}
                      onChange={(cell) => setCell(index, column.id, cell)}
                    />
                  </Table.Td>
                ))}
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('questionnaire.table.removeRow', { row: index + 1 })}
                    disabled={rows.length <= (question.minRows ?? 1)}
                    onClick={() => commit(rows.filter((_, i) => i !== index))}
                  >
                    <Icon name="trash" size={16} />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between">
        <Button
          variant="light"
          size="xs"
          leftSection={<Icon name="plus" size={14} />}
          disabled={rows.length >= maxRows}
          onClick={() => setRows([...rows, {}])}
          data-testid="table-add-row"
        >
          {t('questionnaire.table.addRow')}
        </Button>
        {isIncomplete ? (
          <Text size="xs" c="dimmed" aria-live="polite">
            {t('questionnaire.table.incomplete')}
          </Text>
        ) : null}
      </Group>
      <ValueErrors error={error} />
    </Stack>
  );
}

/** Errors about the table as a whole (row count), which no single cell shows. */
function ValueErrors({ error }: { error: unknown }) {
  const message = fieldError(error, 'value');
  if (!message) return null;
  return (
    <Text size="sm" c="red.8" role="alert">
      {message}
    </Text>
  );
}

function CellEditor({
  column,
  cell,
  label,
  error,
  currency,
  onChange,
}: {
  column: Column;
  cell: Cell | undefined;
  label: string;
  error: string | undefined;
  currency: string;
  onChange: (cell: Cell) => void;
}) {
  const { t } = useTranslation();
  const localised = useLocalised();
  switch (column.type) {
    case 'number':
    case 'money':
      return (
        <NumberInput
          aria-label={label}
          size="xs"
          value={typeof cell === 'number' ? cell : ''}
          decimalScale={column.type === 'money' ? 2 : undefined}
          rightSection={
            column.type === 'money' ? (
              <Text size="xs" c="dimmed">
                {currency}
              </Text>
            ) : undefined
          }
          error={error}
          onChange={(next) => onChange(typeof next === 'number' ? next : '')}
        />
      );
    case 'date':
      return (
        <TextInput
          aria-label={label}
          size="xs"
          type="date"
          value={typeof cell === 'string' ? cell : ''}
          error={error}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
    case 'yes_no':
      return (
        <NativeSelect
          aria-label={label}
          size="xs"
          value={cell === true ? 'yes' : cell === false ? 'no' : ''}
          error={error}
          data={[
            { value: '', label: '—' },
            { value: 'yes', label: t('questionnaire.yes') },
            { value: 'no', label: t('questionnaire.no') },
          ]}
          onChange={(event) => {
            const next = event.currentTarget.value;
            onChange(next === '' ? '' : next === 'yes');
          }}
        />
      );
    case 'choice':
      return (
        <NativeSelect
          aria-label={label}
          size="xs"
          value={typeof cell === 'string' ? cell : ''}
          error={error}
          data={[
            { value: '', label: '—' },
            ...(column.options ?? []).map((option) => ({ value: option.id, label: localised(option.label) })),
          ]}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
    case 'text':
      return (
        <TextInput
          aria-label={label}
          size="xs"
          value={typeof cell === 'string' ? cell : ''}
          maxLength={column.maxLength}
          error={error}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
  }
}

const ACCEPTED_FILES = 'application/pdf,image/png,image/jpeg';

function FileEditor({
  question,
  value,
  description,
  labelledBy,
  describedBy,
  error,
  applicationId,
  evidence,
  onChange,
  onBlur,
}: ValueEditorProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const upload = useUploadEvidence(applicationId);
  const [ids, setIds] = useState<string[]>(
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [],
  );
  const [text, setText] = useState(description ?? '');
  const maxFiles = question.maxFiles ?? 20;

  const emit = (nextIds: string[], nextText: string, delayMs: number) => {
    const trimmed = nextText.trim();
    if (nextIds.length === 0 && trimmed === '') return;
    onChange(
      question.allowDescription && trimmed !== ''
        ? { value: nextIds, description: nextText }
        : { value: nextIds },
      delayMs,
    );
  };
  const setFiles = (nextIds: string[]) => {
    setIds(nextIds);
    emit(nextIds, text, CLICK_DELAY_MS);
  };

  const attached = ids.map((id) => evidence.find((item) => item.id === id) ?? { id, fileName: id, size: 0 });

  return (
    <Stack gap="sm" role="group" aria-labelledby={labelledBy} aria-describedby={describedBy}>
      {attached.length > 0 ? (
        <List spacing={4} size="sm" data-testid="attached-files" listStyleType="none">
          {attached.map((item) => (
            <List.Item key={item.id}>
              <Group gap="xs" wrap="nowrap">
                <Icon name="file" size={16} />
                <Anchor href={evidenceUrl(applicationId, item.id)} size="sm" download>
                  {item.fileName}
                </Anchor>
                {item.size ? (
                  <Text size="xs" c="dimmed">
                    {t('questionnaire.file.size', { size: format.number(Math.ceil(item.size / 1024)) })}
                  </Text>
                ) : null}
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="sm"
                  aria-label={t('questionnaire.file.detach', { name: item.fileName })}
                  onClick={() => setFiles(ids.filter((id) => id !== item.id))}
                >
                  <Icon name="trash" size={14} />
                </ActionIcon>
              </Group>
            </List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm" c="dimmed">
          {t('questionnaire.file.none')}
        </Text>
      )}
      <Group gap="sm" align="flex-end" wrap="wrap">
        <FileButton
          accept={ACCEPTED_FILES}
          onChange={(file) => {
            if (!file) return;
            upload.mutate(file, { onSuccess: (uploaded) => setFiles([...ids, uploaded.id]) });
          }}
        >
          {(buttonProps) => (
            <Button
              {...buttonProps}
              variant="light"
              size="xs"
              leftSection={<Icon name="upload" size={14} />}
              loading={upload.isPending}
              disabled={ids.length >= maxFiles}
              data-testid="upload-evidence"
            >
              {t('questionnaire.file.upload')}
            </Button>
          )}
        </FileButton>
        {evidence.length > 0 ? (
          <MultiSelect
            size="xs"
            label={t('questionnaire.file.pick')}
            placeholder={t('questionnaire.file.pickPlaceholder')}
            data={evidence.map((item) => ({ value: item.id, label: item.fileName }))}
            value={ids}
            maxValues={maxFiles}
            onChange={setFiles}
            w={320}
            searchable
            clearable
          />
        ) : null}
      </Group>
      <Text size="xs" c="dimmed">
        {t('questionnaire.file.hint')}
      </Text>
      {upload.error ? <ApiErrorAlert error={upload.error} /> : null}
      {question.allowDescription ? (
        <Textarea
          label={t('questionnaire.file.description')}
          description={t('questionnaire.file.descriptionHint')}
          value={text}
          autosize
          minRows={2}
          error={fieldError(error, 'description')}
          onChange={(event) => {
            const next = event.currentTarget.value;
            setText(next);
            emit(ids, next, TYPING_DELAY_MS);
          }}
          onBlur={onBlur}
          data-testid="file-description"
        />
      ) : null}
      <ValueErrors error={error} />
    </Stack>
  );
}
