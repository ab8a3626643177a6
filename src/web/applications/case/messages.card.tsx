import { Group, MultiSelect, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePostMessage, useReplyToRequest, useUploadEvidence } from '../../api/applications.api';
import type { ApplicationCase } from '../../api/types';
import { ApiErrorAlert, fieldError } from '../../components/api-error';
import { IconButton } from '../../components/buttons';
import { CaseCard } from '../../components/case-card';
import { MessageBubble } from './message-bubble';

export function MessagesCard({
  application,
  isCustoms: customs,
}: {
  application: ApplicationCase;
  isCustoms: boolean;
}) {
  const { t } = useTranslation();
  const reply = useReplyToRequest(application.id);
  const post = usePostMessage(application.id);
  const upload = useUploadEvidence(application.id);
  const [body, setBody] = useState('');
  const [evidenceIds, setEvidenceIds] = useState<string[]>([]);
  const isReply = !customs && application.allowedActions.includes('reply');
  const isClosed = ['withdrawn', 'expired', 'not_accepted'].includes(application.status);
  const mutation = isReply ? reply : post;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = body.trim();
    if (!text) return;
    const done = () => {
      setBody('');
      setEvidenceIds([]);
    };
    if (isReply)
      reply.mutate({ body: text, ...(evidenceIds.length ? { evidenceIds } : {}) }, { onSuccess: done });
    else post.mutate({ body: text }, { onSuccess: done });
  };

  const fileName = (id: string) => application.evidence.find((item) => item.id === id)?.fileName ?? id;

  return (
    <CaseCard title={t('case.messages.title')} testId="messages">
      <Stack gap="sm">
        {application.messages.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('case.messages.empty')}
          </Text>
        ) : (
          application.messages.map((message) => (
            <MessageBubble
              key={message.id}
              message={message}
              fileName={fileName}
              applicationId={application.id}
            />
          ))
        )}
        {!isClosed ? (
          <form onSubmit={submit} data-testid={isReply ? 'reply-form' : 'message-form'}>
            <Stack gap="xs" mt="sm">
              <Textarea
                label={isReply ? t('case.messages.replyLabel') : t('case.messages.messageLabel')}
                autosize
                minRows={3}
                maxLength={10000}
                value={body}
                onChange={(event) => setBody(event.currentTarget.value)}
                error={fieldError(mutation.error, 'body')}
              />
              {isReply ? (
                <Group align="flex-end" wrap="wrap">
                  <MultiSelect
                    label={t('case.messages.attach')}
                    placeholder={t('questionnaire.file.pickPlaceholder')}
                    data={application.evidence.map((item) => ({ value: item.id, label: item.fileName }))}
                    value={evidenceIds}
                    onChange={setEvidenceIds}
                    w={360}
                    clearable
                  />
                  <input
                    type="file"
                    accept="application/pdf,image/png,image/jpeg"
                    aria-label={t('questionnaire.file.upload')}
                    onChange={(event) => {
                      const file = event.currentTarget.files?.[0];
                      if (file)
                        upload.mutate(file, {
                          onSuccess: (uploaded) => setEvidenceIds((ids) => [...ids, uploaded.id]),
                        });
                      event.currentTarget.value = '';
                    }}
                  />
                </Group>
              ) : null}
              <ApiErrorAlert error={mutation.error ?? upload.error} />
              <Group justify="flex-end">
                <IconButton type="submit" icon="send" loading={mutation.isPending} disabled={!body.trim()}>
                  {isReply ? t('case.messages.sendReply') : t('case.messages.send')}
                </IconButton>
              </Group>
            </Stack>
          </form>
        ) : null}
      </Stack>
    </CaseCard>
  );
}
