import { Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TYPING_DELAY_MS, controlProps } from './editor-props';
import type { ValueEditorProps } from './editor-props';

export function TextEditor(props: ValueEditorProps) {
  const { t } = useTranslation();
  const { question, value, onChange, onBlur } = props;
  const [draft, setDraft] = useState(typeof value === 'string' ? value : '');
  const maxLength = question.maxLength ?? 4000;
  return (
    <Textarea
      {...controlProps(props)}
      value={draft}
      autosize
      minRows={2}
      maxRows={12}
      maxLength={maxLength}
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
