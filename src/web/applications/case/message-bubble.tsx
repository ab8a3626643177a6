import { Anchor, Badge, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { evidenceUrl } from '../../api/applications.api';
import type { CaseMessage } from '../../api/types';
import { useFormatters } from '../../i18n/format';
import { DeadlineText } from '../application-status';

export function MessageBubble({
  message,
  fileName,
  applicationId,
}: {
  message: CaseMessage;
  fileName: (id: string) => string;
  applicationId: string;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const isCustomsSide = message.side === 'customs';
  return (
    <Paper
      p="sm"
      bg={isCustomsSide ? 'customs.0' : 'gray.0'}
      ml={isCustomsSide ? 0 : 'xl'}
      mr={isCustomsSide ? 'xl' : 0}
      data-testid="message"
      data-kind={message.kind}
    >
      <Group justify="space-between" mb={4} wrap="wrap">
        <Group gap="xs">
          <Badge
            size="sm"
            variant="light"
            color={message.kind === 'information_request' ? 'yellow' : isCustomsSide ? 'customs' : 'gray'}
          >
            {t(`case.messages.kinds.${message.kind}`)}
          </Badge>
          <Text size="xs" c="dimmed">
            {t(`case.messages.sides.${message.side}`)}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {format.dateTime(message.createdAt)}
        </Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {message.body}
      </Text>
      {message.dueDate ? (
        <Group gap={4} mt={4}>
          <Text size="xs" c="dimmed">
            {t('case.messages.due')}
          </Text>
          <DeadlineText day={message.dueDate} />
        </Group>
      ) : null}
      {message.evidenceIds && message.evidenceIds.length > 0 ? (
        <Group gap="sm" mt={4}>
          {message.evidenceIds.map((id) => (
            <Anchor key={id} href={evidenceUrl(applicationId, id)} size="xs" download>
              {fileName(id)}
            </Anchor>
          ))}
        </Group>
      ) : null}
    </Paper>
  );
}
