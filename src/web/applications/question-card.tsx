import {
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerPayload } from '../api/applications.api';
import { isApiError } from '../api/client';
import type { AnswerRecord, Evidence } from '../api/types';
import { fieldError } from '../components/api-error';
import { bindText } from '../components/bind';
import { useLocalised } from '../i18n/localised';
import type { VisibleQuestion } from '../../programme-core/questionnaire-engine';
import { ErrorLine, TYPING_DELAY_MS, ValueEditor } from './answer-editors';
import { AnswerView } from './answer-view';
import type { AnswerSlot } from './use-answer-autosave';
import { Notice } from '../components/notice';

type Mode = 'value' | 'notApplicable' | 'alreadyProvided';

function modeOf(record: AnswerRecord | undefined): Mode {
  if (record && 'notApplicable' in record) return 'notApplicable';
  if (record && 'alreadyProvided' in record) return 'alreadyProvided';
  return 'value';
}

export interface QuestionCardProps {
  question: VisibleQuestion;
  number: number;
  slot: AnswerSlot | undefined;
  evidence: readonly Evidence[];
  applicationId: string;
  currency: string;
  isReadOnly: boolean;
  isMissing: boolean;
  onChange: (payload: AnswerPayload, delayMs: number) => void;
  onFlush: () => void;
  onReload: () => void;
}

/** One question: its wording and help, the answer (or an explained non-answer) and its save state. */
export function QuestionCard(props: QuestionCardProps) {
  // A reload after a conflict remounts the editors so they start from the answer just loaded.
  return <QuestionCardBody key={props.slot?.revision ?? 0} {...props} />;
}

function QuestionCardBody({
  question,
  number,
  slot,
  evidence,
  applicationId,
  currency,
  isReadOnly,
  isMissing,
  onChange,
  onFlush,
  onReload,
}: QuestionCardProps) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const record = slot?.record;
  const [mode, setMode] = useState<Mode>(modeOf(record));
  const [explanation, setExplanation] = useState(record && 'explanation' in record ? record.explanation : '');
  const [reference, setReference] = useState(record && 'reference' in record ? record.reference : '');
  const titleId = `question-${question.id}-title`;
  const helpId = `question-${question.id}-help`;
  const error = slot?.error;

  const emitExplained = (nextMode: Mode, nextExplanation: string, nextReference: string) => {
    if (nextExplanation.trim() === '') return;
    if (nextMode === 'notApplicable')
      onChange({ notApplicable: true, explanation: nextExplanation }, TYPING_DELAY_MS);
    if (nextMode === 'alreadyProvided' && nextReference.trim() !== '')
      onChange(
        { alreadyProvided: true, reference: nextReference, explanation: nextExplanation },
        TYPING_DELAY_MS,
      );
  };

  // The reference and the explanation of a non-answer: both required, saved as typed, flushed on leaving.
  const explainedField = (
    field: 'reference' | 'explanation',
    text: string,
    setText: (next: string) => void,
  ) => ({
    required: true,
    ...bindText(text, setText),
    error: fieldError(error, field),
    onBlur: onFlush,
    'data-testid': `answer-${field}`,
  });

  const value = record && 'value' in record ? record.value : undefined;
  const description = record && 'value' in record ? record.description : undefined;
  // Field errors about the value are shown by the editors; anything else (an unexpected path) here.
  const otherErrors = isApiError(error)
    ? error.fieldErrors.filter(
        (field) =>
          !field.path.startsWith('value') &&
          !['explanation', 'reference', 'description'].includes(field.path),
      )
    : [];

  return (
    <Paper
      p="md"
      id={`question-${question.id}`}
      data-testid={`question-${question.id}`}
      data-question-type={question.type}
      data-answered={record ? 'true' : 'false'}
      tabIndex={-1}
      style={isMissing && !record ? { borderLeft: '3px solid var(--mantine-color-yellow-5)' } : undefined}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <Text c="dimmed" fw={600} size="sm" miw={28}>
              {number}.
            </Text>
            <Stack gap={4}>
              <Text fw={600} id={titleId} component="h3" size="md" m={0}>
                {localised(question.title)}
                {question.required ? (
                  <Text span c="red.7" aria-label={t('questionnaire.required')}>
                    {' *'}
                  </Text>
                ) : null}
              </Text>
              {question.help ? (
                <Text size="sm" c="dimmed" id={helpId}>
                  {localised(question.help)}
                </Text>
              ) : null}
            </Stack>
          </Group>
          <SaveState slot={slot} />
        </Group>

        {slot?.conflict ? (
          <Notice tone="caution" role="alert" title={t('questionnaire.conflict.title')}>
            <Stack gap="xs">
              <Text size="sm">{t('questionnaire.conflict.description')}</Text>
              {slot.conflict.currentAnswer ? (
                <Text size="sm">
                  {t('questionnaire.conflict.theirs')}{' '}
                  <AnswerView
                    question={question}
                    record={slot.conflict.currentAnswer}
                    evidence={evidence}
                    currency={currency}
                    applicationId={applicationId}
                    inline
                  />
                </Text>
              ) : null}
              <Group>
                <Button
                  size="xs"
                  variant="light"
                  color="orange"
                  onClick={onReload}
                  data-testid="conflict-reload"
                >
                  {t('questionnaire.conflict.reload')}
                </Button>
              </Group>
            </Stack>
          </Notice>
        ) : null}

        {isReadOnly ? (
          <AnswerView
            question={question}
            record={record}
            evidence={evidence}
            currency={currency}
            applicationId={applicationId}
          />
        ) : (
          <>
            <SegmentedControl
              size="xs"
              w="fit-content"
              value={mode}
              aria-label={t('questionnaire.mode.label')}
              data-testid="answer-mode"
              onChange={(next) => {
                const nextMode = next;
                setMode(nextMode);
                emitExplained(nextMode, explanation, reference);
              }}
              data={[
                { value: 'value', label: t('questionnaire.mode.value') },
                { value: 'notApplicable', label: t('questionnaire.mode.notApplicable') },
                { value: 'alreadyProvided', label: t('questionnaire.mode.alreadyProvided') },
              ]}
            />
            {mode === 'value' ? (
              <div data-testid="answer-value">
                <ValueEditor
                  question={question}
                  value={value}
                  description={description}
                  labelledBy={titleId}
                  describedBy={question.help ? helpId : ''}
                  error={error}
                  currency={currency}
                  applicationId={applicationId}
                  evidence={evidence}
                  onChange={onChange}
                  onBlur={onFlush}
                />
              </div>
            ) : (
              <Stack gap="xs">
                {mode === 'alreadyProvided' ? (
                  <TextInput
                    label={t('questionnaire.reference')}
                    description={t('questionnaire.referenceHint')}
                    maxLength={500}
                    {...explainedField('reference', reference, (next) => {
                      setReference(next);
                      emitExplained(mode, explanation, next);
                    })}
                  />
                ) : null}
                <Textarea
                  label={t('questionnaire.explanation')}
                  description={
                    mode === 'notApplicable'
                      ? t('questionnaire.explanationHintNotApplicable')
                      : t('questionnaire.explanationHintProvided')
                  }
                  autosize
                  minRows={2}
                  maxLength={2000}
                  {...explainedField('explanation', explanation, (next) => {
                    setExplanation(next);
                    emitExplained(mode, next, reference);
                  })}
                />
              </Stack>
            )}
            {otherErrors.length > 0 ? (
              <ErrorLine>
                {otherErrors.map((field) => `${field.path}: ${field.message}`).join('; ')}
              </ErrorLine>
            ) : null}
            {slot?.status === 'error' && isApiError(error) && error.fieldErrors.length === 0 ? (
              <ErrorLine>{error.message}</ErrorLine>
            ) : null}
          </>
        )}
      </Stack>
    </Paper>
  );
}

function SaveState({ slot }: { slot: AnswerSlot | undefined }) {
  const { t } = useTranslation();
  if (!slot?.record && slot?.status !== 'error') return null;
  const status = slot.status;
  const color = { saved: 'green', pending: 'gray', saving: 'gray', error: 'red', conflict: 'orange' }[status];
  return (
    <Badge variant="light" color={color} size="sm" data-testid="question-save-state" data-status={status}>
      {t(`questionnaire.saveState.${status}`)}
    </Badge>
  );
}
