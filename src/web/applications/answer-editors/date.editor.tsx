import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { TYPING_DELAY_MS, controlProps } from './editor-props';
import type { ValueEditorProps } from './editor-props';

export function DateEditor(props: ValueEditorProps) {
  const { value, onChange, onBlur } = props;
  const [draft, setDraft] = useState(typeof value === 'string' ? value : '');
  return (
    <TextInput
      type="date"
      {...controlProps(props)}
      value={draft}
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
