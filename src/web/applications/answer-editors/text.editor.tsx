import { Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../components/api-error';
import { TYPING_DELAY_MS } from './editor-props';
import type { ValueEditorProps } from './editor-props';

export function TextEditor({
  question,
  value,
  labelledBy,
  describedBy,
  error,
  onChange,
  onBlur,
}: ValueEditorProps) {
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
