import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { fieldError } from '../../components/api-error';
import { TYPING_DELAY_MS } from './editor-props';
import type { ValueEditorProps } from './editor-props';

export function DateEditor({ value, labelledBy, describedBy, error, onChange, onBlur }: ValueEditorProps) {
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
