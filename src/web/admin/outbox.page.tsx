import { Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOutbox } from '../api/outbox.api';
import type { OutboxMessage } from '../api/types';
import { OutboxStatusBadge } from '../components/badges';
import { RefreshButton } from '../components/buttons';
import { TablePage } from '../components/table-page';
import { TextWithNote } from '../components/text-with-note';
import { useFormatters } from '../i18n/format';

const COLUMNS = ['to', 'subject', 'status', 'created', 'sent'] as const;

export function OutboxPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const outbox = useOutbox();

  return (
    <TablePage
      title={t('outbox.title')}
      description={t('outbox.description')}
      actions={
        <RefreshButton
          label={t('common.refresh')}
          isFetching={outbox.isFetching}
          onRefresh={() => void outbox.refetch()}
        />
      }
      query={outbox}
      rows={outbox.data}
      minWidth={820}
      striped
      columns={COLUMNS.map((column) => t(`outbox.columns.${column}`))}
      emptyText={t('outbox.empty')}
      renderRow={(message) => (
        <Table.Tr key={message.id}>
          <Table.Td>
            <Text size="sm">{message.to}</Text>
          </Table.Td>
          <Table.Td>
            <TextWithNote note={message.error} noteColor="red">
              {message.subject}
            </TextWithNote>
          </Table.Td>
          <Table.Td>
            <MessageStatus message={message} />
          </Table.Td>
          <Table.Td>
            <Text size="sm">{format.dateTime(message.createdAt)}</Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{format.dateTime(message.sentAt)}</Text>
          </Table.Td>
        </Table.Tr>
      )}
    />
  );
}

/** The message's status (with its last error on hover), then when it is tried again or how often it was tried. */
function MessageStatus({ message }: { message: OutboxMessage }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const badge = <OutboxStatusBadge status={message.status} />;
  return (
    <>
      {message.error ? (
        <Tooltip label={message.error} multiline w={320}>
          <span>{badge}</span>
        </Tooltip>
      ) : (
        badge
      )}
      {message.nextAttemptAt && message.attempts > 0 ? (
        <Text size="xs" c="dimmed" data-testid="outbox-next-attempt">
          {t('outbox.attempts', { count: message.attempts, time: format.dateTime(message.nextAttemptAt) })}
        </Text>
      ) : message.status === 'failed' ? (
        <Text size="xs" c="dimmed">
          {t('outbox.attemptsMade', { count: message.attempts })}
        </Text>
      ) : null}
    </>
  );
}
