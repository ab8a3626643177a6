import { NativeSelect, NumberInput, Text, TextInput } from '@mantine/core';
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
