import { NativeSelect, NumberInput, Text, TextInput } from '@mantine/core';
import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Column } from '../../api/types';
import { useLocalised } from '../../i18n/localised';
import type { Cell } from './table-rows';

export function CellEditor({
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
  // Every cell is a small input named for its column and row, showing its own error.
  const common = { 'aria-label': label, size: 'xs', error } as const;
  const text = typeof cell === 'string' ? cell : '';
  const setText = (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    onChange(event.currentTarget.value);
  switch (column.type) {
    case 'number':
    case 'money':
      return (
        <NumberInput
          {...common}
          value={typeof cell === 'number' ? cell : ''}
          decimalScale={column.type === 'money' ? 2 : undefined}
          rightSection={
            column.type === 'money' ? (
              <Text size="xs" c="dimmed">
                {currency}
              </Text>
            ) : undefined
          }
          onChange={(next) => onChange(typeof next === 'number' ? next : '')}
        />
      );
    case 'date':
      return <TextInput {...common} type="date" value={text} onChange={setText} />;
    case 'yes_no':
      return (
        <NativeSelect
          {...common}
          value={cell === true ? 'yes' : cell === false ? 'no' : ''}
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
          {...common}
          value={text}
          data={[
            { value: '', label: '—' },
            ...(column.options ?? []).map((option) => ({ value: option.id, label: localised(option.label) })),
          ]}
          onChange={setText}
        />
      );
    case 'text':
      return <TextInput {...common} value={text} maxLength={column.maxLength} onChange={setText} />;
  }
}
