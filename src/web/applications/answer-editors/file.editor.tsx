import {
  ActionIcon,
  Anchor,
  Button,
  FileButton,
  Group,
  List,
  MultiSelect,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { evidenceUrl, useUploadEvidence } from '../../api/applications.api';
import { ApiErrorAlert, fieldError } from '../../components/api-error';
import { Icon } from '../../components/icons';
import { useFormatters } from '../../i18n/format';
import { CLICK_DELAY_MS, TYPING_DELAY_MS, namedBy, readIds } from './editor-props';
import type { ValueEditorProps } from './editor-props';
import { ValueErrors } from './value-errors';

const ACCEPTED_FILES = 'application/pdf,image/png,image/jpeg';

export function FileEditor(props: ValueEditorProps) {
  const { t } = useTranslation();
  const { question, value, description, error, applicationId, evidence, onChange, onBlur } = props;
  const format = useFormatters();
  const upload = useUploadEvidence(applicationId);
  const [ids, setIds] = useState<string[]>(readIds(value));
  const [text, setText] = useState(description ?? '');
  const maxFiles = question.maxFiles ?? 20;

  const emit = (nextIds: string[], nextText: string, delayMs: number) => {
    const trimmed = nextText.trim();
    if (nextIds.length === 0 && trimmed === '') return;
    onChange(
      question.allowDescription && trimmed !== ''
        ? { value: nextIds, description: nextText }
        : { value: nextIds },
      delayMs,
    );
  };
  const setFiles = (nextIds: string[]) => {
    setIds(nextIds);
    emit(nextIds, text, CLICK_DELAY_MS);
  };

  const attached = ids.map((id) => evidence.find((item) => item.id === id) ?? { id, fileName: id, size: 0 });

  return (
    <Stack gap="sm" role="group" {...namedBy(props)}>
      {attached.length > 0 ? (
        <List spacing={4} size="sm" data-testid="attached-files" listStyleType="none">
          {attached.map((item) => (
            <List.Item key={item.id}>
              <Group gap="xs" wrap="nowrap">
                <Icon name="file" size={16} />
                <Anchor href={evidenceUrl(applicationId, item.id)} size="sm" download>
                  {item.fileName}
                </Anchor>
                {item.size ? (
                  <Text size="xs" c="dimmed">
                    {t('questionnaire.file.size', { size: format.number(Math.ceil(item.size / 1024)) })}
                  </Text>
                ) : null}
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="sm"
                  aria-label={t('questionnaire.file.detach', { name: item.fileName })}
                  onClick={() => setFiles(ids.filter((id) => id !== item.id))}
                >
                  <Icon name="trash" size={14} />
                </ActionIcon>
              </Group>
            </List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm" c="dimmed">
          {t('questionnaire.file.none')}
        </Text>
      )}
      <Group gap="sm" align="flex-end" wrap="wrap">
        <FileButton
          accept={ACCEPTED_FILES}
          onChange={(file) => {
            if (!file) return;
            upload.mutate(file, { onSuccess: (uploaded) => setFiles([...ids, uploaded.id]) });
          }}
        >
          {(buttonProps) => (
            <Button
              {...buttonProps}
              variant="light"
              size="xs"
              leftSection={<Icon name="upload" size={14} />}
              loading={upload.isPending}
              disabled={ids.length >= maxFiles}
              data-testid="upload-evidence"
            >
              {t('questionnaire.file.upload')}
            </Button>
          )}
        </FileButton>
        {evidence.length > 0 ? (
          <MultiSelect
            size="xs"
            label={t('questionnaire.file.pick')}
            placeholder={t('questionnaire.file.pickPlaceholder')}
            data={evidence.map((item) => ({ value: item.id, label: item.fileName }))}
            value={ids}
            maxValues={maxFiles}
            onChange={setFiles}
            w={320}
            searchable
            clearable
          />
        ) : null}
      </Group>
      <Text size="xs" c="dimmed">
        {t('questionnaire.file.hint')}
      </Text>
      {upload.error ? <ApiErrorAlert error={upload.error} /> : null}
      {question.allowDescription ? (
        <Textarea
          label={t('questionnaire.file.description')}
          description={t('questionnaire.file.descriptionHint')}
          value={text}
          autosize
          minRows={2}
          error={fieldError(error, 'description')}
          onChange={(event) => {
            const next = event.currentTarget.value;
            setText(next);
            emit(ids, next, TYPING_DELAY_MS);
          }}
          onBlur={onBlur}
          data-testid="file-description"
        />
      ) : null}
      <ValueErrors error={error} />
    </Stack>
  );
}
