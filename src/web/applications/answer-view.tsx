import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { evidenceUrl } from '../api/applications.api';
import type { AnswerRecord, Evidence, Question } from '../api/types';
import { Icon } from '../components/icons';
import { useFormatters } from '../i18n/format';
import { useLocalised } from '../i18n/localised';

export interface AnswerViewProps {
  question: Question;
  record: AnswerRecord | undefined;
  evidence: readonly Evidence[];
  currency: string;
  applicationId: string;
  /** Within a sentence (the conflict notice): plain text, no layout. */
  inline?: boolean;
}

/** An answer as a reader sees it: the value in words, or the explained non-answer. */
export function AnswerView({
  question,
  record,
  evidence,
  currency,
  applicationId,
  inline = false,
}: AnswerViewProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const localised = useLocalised();

  if (!record) {
    return (
      <Text size="sm" c="dimmed" fs="italic" span={inline}>
        {t('answers.notAnswered')}
      </Text>
    );
  }
  if ('notApplicable' in record) {
    return (
      <Stack gap={2} component={inline ? 'span' : 'div'}>
        <Group gap="xs" component={inline ? 'span' : 'div'}>
          <Badge color="gray" variant="outline" size="sm">
            {t('questionnaire.mode.notApplicable')}
          </Badge>
          <Text size="sm" span>
            {record.explanation}
          </Text>
        </Group>
      </Stack>
    );
  }
  if ('alreadyProvided' in record) {
    return (
      <Group gap="xs" component={inline ? 'span' : 'div'}>
        <Badge color="customs" variant="outline" size="sm">
          {t('questionnaire.mode.alreadyProvided')}
        </Badge>
        <Text size="sm" span>
          {t('answers.reference', { reference: record.reference })} — {record.explanation}
        </Text>
      </Group>
    );
  }

  const { value } = record;
  const optionLabel = (id: unknown, options = question.options) =>
    localised(options?.find((option) => option.id === id)?.label) || String(id);

  switch (question.type) {
    case 'yes_no':
      return (
        <Text size="sm" span={inline} fw={500}>
          {value === true ? t('questionnaire.yes') : t('questionnaire.no')}
        </Text>
      );
    case 'choice':
      return (
        <Text size="sm" span={inline}>
          {optionLabel(value)}
        </Text>
      );
    case 'multi_choice':
      return (
        <Text size="sm" span={inline}>
          {(Array.isArray(value) ? value : []).map((id) => optionLabel(id)).join(', ')}
        </Text>
      );
    case 'number':
      return (
        <Text size="sm" span={inline}>
          {format.number(typeof value === 'number' ? value : null)}
        </Text>
      );
    case 'money':
      return (
        <Text size="sm" span={inline}>
          {format.number(typeof value === 'number' ? value : null)} {currency}
        </Text>
      );
    case 'date':
      return (
        <Text size="sm" span={inline}>
          {format.date(typeof value === 'string' ? value : null)}
        </Text>
      );
    case 'text':
      return (
        <Text size="sm" span={inline} style={{ whiteSpace: 'pre-wrap' }}>
          {typeof value === 'string' ? value : ''}
        </Text>
      );
    case 'table': {
      const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
      if (inline)
        return (
          <Text span size="sm">
            {t('answers.rows', { count: rows.length })}
          </Text>
        );
      const columns = question.columns ?? [];
      return (
        <Table.ScrollContainer minWidth={Math.max(400, columns.length * 140)}>
          <Table withTableBorder withColumnBorders verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                {columns.map((column) => (
                  <Table.Th key={column.id}>{localised(column.title)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, index) => (
                <Table.Tr key={index}>
                  {columns.map((column) => {
                    const cell = row[column.id];
                    let text =
                      typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'boolean'
                        ? String(cell)
                        : '—';
                    if (column.type === 'yes_no' && typeof cell === 'boolean')
                      text = cell ? t('questionnaire.yes') : t('questionnaire.no');
                    if (column.type === 'choice') text = optionLabel(cell, column.options);
                    if ((column.type === 'number' || column.type === 'money') && typeof cell === 'number')
                      text = format.number(cell);
                    if (column.type === 'date' && typeof cell === 'string') text = format.date(cell);
                    return <Table.Td key={column.id}>{text}</Table.Td>;
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      );
    }
    case 'file': {
      const ids = Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
      return (
        <Stack gap={4} component={inline ? 'span' : 'div'}>
          {ids.map((id) => {
            const item = evidence.find((candidate) => candidate.id === id);
            return (
              <Group key={id} gap="xs" component={inline ? 'span' : 'div'}>
                <Icon name="file" size={16} />
                <Anchor
                  href={evidenceUrl(applicationId, id)}
                  size="sm"
                  download
                  data-testid="evidence-download"
                >
                  {item?.fileName ?? id}
                </Anchor>
              </Group>
            );
          })}
          {record.description ? (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} span={inline}>
              {record.description}
            </Text>
          ) : null}
        </Stack>
      );
    }
  }
}
