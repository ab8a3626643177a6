import { Checkbox, Stack } from '@mantine/core';
import { useState } from 'react';
import { useLocalised } from '../../i18n/localised';
import { TYPING_DELAY_MS, controlProps, readIds } from './editor-props';
import type { ValueEditorProps } from './editor-props';

export function MultiChoiceEditor(props: ValueEditorProps) {
  const localised = useLocalised();
  const { question, value, onChange } = props;
  const [draft, setDraft] = useState<string[]>(readIds(value));
  return (
    <Checkbox.Group
      {...controlProps(props)}
      value={draft}
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
