import { Stack, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOutbox } from '../api/outbox.api';
import { OutboxStatusBadge } from '../components/badges';
import { RefreshButton } from '../components/buttons';
import { PageHeader } from '../components/page-header';
import { QueryTable } from '../components/query-table';
import { useFormatters } from '../i18n/format';

export function OutboxPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const outbox = useOutbox();

  return (
    <Stack gap="md">
      <PageHeader
        title={t('outbox.title')}
        description={t('outbox.description')}
        actions={
          <RefreshButton
            label={t('common.refresh')}
            isFetching={outbox.isFetching}
            onRefresh={() => void outbox.refetch()}
          />
        }
      />
      <QueryTable
        query={outbox}
        rows={outbox.data}
        minWidth={820}
        striped
        aria-label={t('outbox.title')}
        columns={[
          t('outbox.columns.to'),
          t('outbox.columns.subject'),
          t('outbox.columns.status'),
          t('outbox.columns.created'),
          t('outbox.columns.sent'),
        ]}
        emptyText={t('outbox.empty')}
        renderRow={(message) => (
          <Table.Tr key={message.id}>
            <Table.Td>
              <Text size="sm">{message.to}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{message.subject}</Text>
              {message.error ? (
                <Text size="xs" c="red">
                  {message.error}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>
              {message.error ? (
                <Tooltip label={message.error} multiline w={320}>
                  <span>
                    <OutboxStatusBadge status={message.status} />
                  </span>
                </Tooltip>
              ) : (
                <OutboxStatusBadge status={message.status} />
              )}
              {message.nextAttemptAt && message.attempts > 0 ? (
                <Text size="xs" c="dimmed" data-testid="outbox-next-attempt">
                  {t('outbox.attempts', {
                    count: message.attempts,
                    time: format.dateTime(message.nextAttemptAt),
                  })}
                </Text>
              ) : message.status === 'failed' ? (
                <Text size="xs" c="dimmed">
                  {t('outbox.attemptsMade', { count: message.attempts })}
                </Text>
              ) : null}
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
    </Stack>
  );
}
