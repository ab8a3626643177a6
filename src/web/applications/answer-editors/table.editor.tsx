import { ActionIcon, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../components/api-error';
import { Icon } from '../../components/icons';
import { useLocalised } from '../../i18n/localised';
import { CellEditor } from './cell.editor';
import { TYPING_DELAY_MS, namedBy } from './editor-props';
import type { ValueEditorProps } from './editor-props';
import { isFilled, readRows } from './table-rows';
import type { Cell, Row } from './table-rows';
import { ValueErrors } from './value-errors';

export function TableEditor(props: ValueEditorProps) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const { question, value, error, currency, onChange } = props;
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
    <Stack gap="xs" role="group" {...namedBy(props)}>
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
