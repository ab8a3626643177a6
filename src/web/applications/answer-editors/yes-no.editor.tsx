import { Group, Radio } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../components/api-error';
import { CLICK_DELAY_MS } from './editor-props';
import type { ValueEditorProps } from './editor-props';

export function YesNoEditor({ value, labelledBy, describedBy, error, onChange }: ValueEditorProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(typeof value === 'boolean' ? (value ? 'yes' : 'no') : '');
  return (
    <Radio.Group
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      value={draft}
      error={fieldError(error, 'value')}
      onChange={(next) => {
        setDraft(next);
        onChange({ value: next === 'yes' }, CLICK_DELAY_MS);
      }}
    >
      <Group gap="xl" mt={4}>
        <Radio value="yes" label={t('questionnaire.yes')} />
        <Radio value="no" label={t('questionnaire.no')} />
      </Group>
    </Radio.Group>
  );
}
