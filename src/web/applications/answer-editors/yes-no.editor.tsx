import { Group, Radio } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLICK_DELAY_MS, controlProps } from './editor-props';
import type { ValueEditorProps } from './editor-props';

export function YesNoEditor(props: ValueEditorProps) {
  const { t } = useTranslation();
  const { value, onChange } = props;
  const [draft, setDraft] = useState(typeof value === 'boolean' ? (value ? 'yes' : 'no') : '');
  return (
    <Radio.Group
      {...controlProps(props)}
      value={draft}
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
