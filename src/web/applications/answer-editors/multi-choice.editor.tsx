import { Checkbox, Stack } from '@mantine/core';
import { useState } from 'react';
import { fieldError } from '../../components/api-error';
import { useLocalised } from '../../i18n/localised';
import { TYPING_DELAY_MS } from './editor-props';
import type { ValueEditorProps } from './editor-props';

export function MultiChoiceEditor({
  question,
  value,
  labelledBy,
  describedBy,
  error,
  onChange,
}: ValueEditorProps) {
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
