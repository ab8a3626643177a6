import { Badge, Group, MultiSelect, Paper, Stack, Text, Title } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { evidenceUrl } from '../api/applications.api';
import {
  useInformationRequests,
  useRequestInformation,
  type InformationRequest,
  type InformationRequestStatus,
} from '../api/information-requests.api';
import type { Programme } from '../api/types';
import { ApiErrorAlert } from '../components/api-error';
import { useFields } from '../components/use-fields';
import { Icon } from '../components/icons';
import { SectionCard } from '../components/section-card';
import { useFormatters } from '../i18n/format';
import { useLocalised } from '../i18n/localised';
import { CaseFields, CaseSubmit } from './case-form';
import { FileLink, NoneYet, ValueBadge } from './validation-shared';

/** States in which customs may ask the applicant for information (the examination). */
const REQUEST_STATES = ['accepted', 'desk_review', 'on_site'];

const STATUS_COLORS: Record<InformationRequestStatus, MantineColor> = {
  open: 'blue',
  answered: 'green',
  lapsed: 'gray',
};

export function InformationRequestStatusBadge({ request }: { request: InformationRequest }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <ValueBadge value={request.status} colors={STATUS_COLORS} data-status={request.status}>
        {t(`informationRequest.status.${request.status}`)}
      </ValueBadge>
      {request.isOverdue ? (
        <Badge color="red" variant="outline">
          {t('informationRequest.overdue')}
        </Badge>
      ) : null}
    </Group>
  );
}

/** One request with its questions, dates and the applicant's reply; both sides show it this way. */
/** What customs asked: the message and the questions concerned. */
export function InformationRequestText({ request }: { request: InformationRequest }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  return (
    <>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {request.message}
      </Text>
      {request.questions.length > 0 ? (
        <Text size="xs" c="dimmed">
          {t('informationRequest.questions')}:{' '}
          {request.questions.map((question) => localised(question.title) || question.id).join('; ')}
        </Text>
      ) : null}
    </>
  );
}

export function InformationRequestView({
  applicationId,
  request,
}: {
  applicationId: string;
  request: InformationRequest;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Paper withBorder p="sm" data-testid="information-request" data-status={request.status}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap">
          <InformationRequestStatusBadge request={request} />
          <Text size="xs" c="dimmed">
            {t('informationRequest.sentOn', { date: format.dateTime(request.requestedAt) })} ·{' '}
            {t('informationRequest.replyDue', { date: format.date(request.dueDate) })}
          </Text>
        </Group>
        <InformationRequestText request={request} />
        {request.replyText !== null ? (
          <Stack gap={4} mt={4} data-testid="information-reply">
            <Text size="sm" fw={600}>
              {t('informationRequest.reply')}
              {request.repliedAt ? (
                <Text span size="xs" c="dimmed" fw={400}>
                  {' '}
                  · {t('informationRequest.repliedOn', { date: format.dateTime(request.repliedAt) })}
                </Text>
              ) : null}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {request.replyText}
            </Text>
            {request.evidence.map((item) => (
              <FileLink
                key={item.id}
                href={evidenceUrl(applicationId, item.id)}
                name={item.fileName ?? item.id}
                iconSize={16}
                linkTestId="information-evidence"
              />
            ))}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** Customs' side on the desk review: the case's requests for information and the form to send one. */
export function InformationRequestsCard({
  applicationId,
  status,
  programme,
}: {
  applicationId: string;
  status: string;
  programme: Programme;
}) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const requests = useInformationRequests(applicationId);
  const send = useRequestInformation(applicationId);
  const form = useFields({ message: '', questionIds: [] as string[], dueDate: '' }, send.error);
  const { message, questionIds, dueDate } = form.values;
  const items = requests.data ?? [];
  const hasOpen = items.some((request) => request.status === 'open');
  const canAsk = REQUEST_STATES.includes(status);
  const questionOptions = useMemo(
    () =>
      programme.questionnaire.sections.map((section) => ({
        group: localised(section.title) || section.id,
        items: section.questions.map((question) => ({
          value: question.id,
          label: localised(question.title) || question.id,
        })),
      })),
    [programme, localised],
  );

  return (
    <SectionCard title={t('informationRequest.title')} data-testid="information-requests">
      <Text size="sm" c="dimmed" mb="sm">
        {t('informationRequest.hint')}
      </Text>
      <ApiErrorAlert error={requests.error} />
      <Stack gap="xs">
        {items.length === 0 && !requests.isPending ? <NoneYet>{t('informationRequest.none')}</NoneYet> : null}
        {items.map((request) => (
          <InformationRequestView key={request.id} applicationId={applicationId} request={request} />
        ))}
      </Stack>

      {!canAsk ? null : hasOpen ? (
        <Text size="sm" c="dimmed" mt="sm">
          {t('informationRequest.ask.openExists')}
        </Text>
      ) : (
        <Stack gap="xs" mt="md" data-testid="information-request-form">
          <Title order={3} size="h5">
            {t('informationRequest.ask.title')}
          </Title>
          <CaseFields
            testIds="information-request"
            form={form}
            fields={[
              {
                name: 'message',
                label: t('informationRequest.ask.message'),
                description: t('informationRequest.ask.messageHint'),
                minRows: 3,
                maxLength: 10000,
              },
            ]}
          />
          <MultiSelect
            label={t('informationRequest.ask.questions')}
            placeholder={t('informationRequest.ask.questionsPlaceholder')}
            data={questionOptions}
            {...form.getInputProps('questionIds')}
            searchable
            clearable
            comboboxProps={{ withinPortal: true }}
            data-testid="information-request-questions"
          />
          <CaseFields
            form={form}
            fields={[
              {
                name: 'dueDate',
                type: 'date',
                label: t('informationRequest.ask.dueDate'),
                description: t('informationRequest.ask.dueDateHint'),
                width: 260,
                testId: 'information-request-due',
              },
            ]}
          />
          <CaseSubmit
            write={send}
            leftSection={<Icon name="send" size={16} />}
            isDisabled={!message.trim()}
            data-testid="information-request-send"
            onClick={() =>
              send.mutate(
                {
                  message: message.trim(),
                  ...(questionIds.length ? { questionIds } : {}),
                  ...(dueDate ? { dueDate } : {}),
                },
                { onSuccess: () => form.reset() },
              )
            }
          >
            {t('informationRequest.ask.send')}
          </CaseSubmit>
        </Stack>
      )}
    </SectionCard>
  );
}
