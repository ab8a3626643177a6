import { Badge, Button, Card, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useNotifications,
} from '../api/notifications.api';
import type { AppNotification } from '../api/types';
import { ApiErrorAlert } from '../components/api-error';
import { IconButton } from '../components/buttons';
import { PageHeader } from '../components/page-header';
import { QueryContent } from '../components/query-table';
import { useFormatters } from '../i18n/format';
import { internalLink } from '../safe-links';
import { Notice } from '../components/notice';

export function NotificationsPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const notifications = useNotifications({ unreadOnly: filter === 'unread' });
  const markAll = useMarkAllNotificationsRead();
  const unread = notifications.data?.unread ?? 0;

  return (
    <Stack gap="md">
      <PageHeader
        title={t('notifications.title')}
        description={t('notifications.description')}
        actions={
          <IconButton
            icon="check"
            variant="default"
            onClick={() => markAll.mutate()}
            loading={markAll.isPending}
            disabled={unread === 0}
            data-testid="mark-all-read"
          >
            {t('notifications.markAllRead')}
          </IconButton>
        }
      />
      <Group justify="space-between">
        <SegmentedControl
          value={filter}
          onChange={(value) => setFilter(value === 'unread' ? 'unread' : 'all')}
          data={[
            { value: 'all', label: t('notifications.filter.all') },
            { value: 'unread', label: t('notifications.filter.unread') },
          ]}
          aria-label={t('notifications.filter.label')}
        />
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('notifications.unreadCount', { unread })}
        </Text>
      </Group>
      <ApiErrorAlert error={markAll.error} />
      <QueryContent query={notifications}>
        {({ items }) =>
          items.length === 0 ? (
            <Notice tone="neutral" variant="light" icon="bell">
              {filter === 'unread' ? t('notifications.emptyUnread') : t('notifications.empty')}
            </Notice>
          ) : (
            <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {items.map((notification) => (
                <li key={notification.id}>
                  <NotificationCard notification={notification} />
                </li>
              ))}
            </Stack>
          )
        }
      </QueryContent>
    </Stack>
  );
}

function NotificationCard({ notification }: { notification: AppNotification }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const markRead = useMarkNotificationRead();
  const isUnread = notification.readAt === null;
  const link = internalLink(notification.link);

  return (
    <Card
      padding="md"
      style={isUnread ? { borderLeft: '4px solid var(--mantine-color-customs-6)' } : undefined}
      data-testid="notification"
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Group gap="xs">
            {isUnread ? (
              <Badge size="xs" color="customs">
                {t('notifications.new')}
              </Badge>
            ) : null}
            <Text fw={isUnread ? 700 : 500}>{notification.subject}</Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {notification.body}
          </Text>
          <Text size="xs" c="dimmed">
            {format.dateTime(notification.createdAt)}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          {link ? (
            <Button
              component={Link}
              to={link}
              size="xs"
              variant="light"
              onClick={() => {
                if (isUnread) markRead.mutate(notification.id);
              }}
            >
              {t('notifications.open')}
            </Button>
          ) : null}
          {isUnread ? (
            <Button
              size="xs"
              variant="subtle"
              onClick={() => markRead.mutate(notification.id)}
              loading={markRead.isPending}
              aria-label={t('notifications.markReadNamed', { subject: notification.subject })}
            >
              {t('notifications.markRead')}
            </Button>
          ) : null}
        </Group>
      </Group>
      {markRead.isError ? <ApiErrorAlert error={markRead.error} /> : null}
    </Card>
  );
}
