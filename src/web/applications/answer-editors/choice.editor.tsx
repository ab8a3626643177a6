import { Radio, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalised } from '../../i18n/localised';
import { CLICK_DELAY_MS, controlProps } from './editor-props';
import type { ValueEditorProps } from './editor-props';

export function ChoiceEditor(props: ValueEditorProps) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const { question, value, onChange } = props;
  const [draft, setDraft] = useState(typeof value === 'string' ? value : null);
  const options = (question.options ?? []).map((option) => ({
    value: option.id,
    label: localised(option.label),
  }));
  const select = (next: string | null) => {
    setDraft(next);
    if (next) onChange({ value: next }, CLICK_DELAY_MS);
  };
  if (options.length > 6) {
    return (
      <Select
        {...controlProps(props)}
        placeholder={t('questionnaire.choose')}
        data={options}
        value={draft}
        onChange={select}
        searchable
        maw={480}
      />
    );
  }
  return (
    <Radio.Group {...controlProps(props)} value={draft ?? ''} onChange={select}>
      <Stack gap={6} mt={4}>
        {options.map((option) => (
          <Radio key={option.value} value={option.value} label={option.label} />
        ))}
      </Stack>
    </Radio.Group>
  );
}
