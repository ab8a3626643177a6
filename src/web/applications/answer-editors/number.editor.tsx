import { NumberInput, Text } from '@mantine/core';
import { useState } from 'react';
import { TYPING_DELAY_MS, controlProps } from './editor-props';
import type { ValueEditorProps } from './editor-props';

export function NumberEditor(props: ValueEditorProps) {
  const { question, value, currency, onChange, onBlur } = props;
  const isMoney = question.type === 'money';
  const [draft, setDraft] = useState<string | number>(typeof value === 'number' ? value : '');
  return (
    <NumberInput
      {...controlProps(props)}
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
      maw={280}
      onChange={(next) => {
        setDraft(next);
        if (typeof next === 'number' && Number.isFinite(next)) onChange({ value: next }, TYPING_DELAY_MS);
      }}
      onBlur={onBlur}
    />
  );
}
