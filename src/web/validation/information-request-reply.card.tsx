import { Button, FileButton, Group, MultiSelect, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  useInformationRequests,
  useReplyToInformationRequest,
  useUploadReplyEvidence,
  type InformationRequest,
} from '../api/information-requests.api';
import type { ApplicationCase } from '../api/types';
import { ApiErrorAlert } from '../components/api-error';
import { useFields } from '../components/use-fields';
import { Icon } from '../components/icons';
import { SectionCard } from '../components/section-card';
import { useFormatters } from '../i18n/format';
import { InformationRequestText, InformationRequestView } from './information-requests.card';
import { CaseFields, CaseSubmit } from './case-form';

const ACCEPTED_FILES = 'application/pdf,image/png,image/jpeg';

/** The applicant's side: customs' requests for information, the open one with a reply form and file upload. */
export function InformationRequestReplyCard({ application }: { application: ApplicationCase }) {
  const { t } = useTranslation();
  const requests = useInformationRequests(application.id);
  const items = requests.data ?? [];
  if (items.length === 0 && !requests.error) return null;
  const replyable = items.filter((request) => request.status === 'open' && !request.isOverdue);
  const others = items.filter((request) => !replyable.includes(request));

  return (
    <SectionCard title={t('informationRequest.operator.title')} data-testid="operator-information-requests">
      <ApiErrorAlert error={requests.error} />
      <Stack gap="sm">
        {replyable.map((request) => (
          <OpenRequest key={request.id} application={application} request={request} />
        ))}
        {others.length > 0 && replyable.length > 0 ? (
          <Text size="sm" fw={600} mt="xs">
            {t('informationRequest.operator.past')}
          </Text>
        ) : null}
        {others.map((request) => (
          <InformationRequestView key={request.id} applicationId={application.id} request={request} />
        ))}
      </Stack>
    </SectionCard>
  );
}

function OpenRequest({
  application,
  request,
}: {
  application: ApplicationCase;
  request: InformationRequest;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const reply = useReplyToInformationRequest(application.id);
  const upload = useUploadReplyEvidence(application.id);
  const form = useFields({ text: '', evidenceIds: [] as string[] }, reply.error);
  const { text, evidenceIds } = form.values;

  return (
    <Paper withBorder p="sm" data-testid="information-request" data-status={request.status}>
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {t('informationRequest.operator.hint', { date: format.date(request.dueDate) })}
        </Text>
        <InformationRequestText request={request} />
        <CaseFields
          testIds="information-reply"
          form={form}
          fields={[
            {
              name: 'text',
              label: t('informationRequest.operator.replyLabel'),
              minRows: 3,
              maxLength: 20000,
            },
          ]}
        />
        <Group gap="sm" align="flex-end" wrap="wrap">
          <FileButton
            accept={ACCEPTED_FILES}
            onChange={(file) => {
              if (!file) return;
              upload.mutate(
                { requestId: request.id, file },
                { onSuccess: (uploaded) => form.insertListItem('evidenceIds', uploaded.id) },
              );
            }}
          >
            {(buttonProps) => (
              <Button
                {...buttonProps}
                variant="light"
                size="xs"
                leftSection={<Icon name="upload" size={14} />}
                loading={upload.isPending}
                data-testid="information-reply-upload"
              >
                {t('informationRequest.operator.upload')}
              </Button>
            )}
          </FileButton>
          {application.evidence.length > 0 ? (
            <MultiSelect
              size="xs"
              label={t('informationRequest.operator.attached')}
              data={application.evidence.map((item) => ({ value: item.id, label: item.fileName }))}
              {...form.getInputProps('evidenceIds')}
              maxValues={50}
              w={360}
              searchable
              clearable
              data-testid="information-reply-evidence"
            />
          ) : null}
        </Group>
        <Text size="xs" c="dimmed">
          {t('informationRequest.operator.uploadHint')}
        </Text>
        <ApiErrorAlert error={upload.error} />
        <CaseSubmit
          write={reply}
          leftSection={<Icon name="send" size={16} />}
          isDisabled={!text.trim()}
          data-testid="information-reply-send"
          onClick={() =>
            reply.mutate({
              requestId: request.id,
              text: text.trim(),
              ...(evidenceIds.length ? { evidenceIds } : {}),
            })
          }
        >
          {t('informationRequest.operator.send')}
        </CaseSubmit>
      </Stack>
    </Paper>
  );
}
