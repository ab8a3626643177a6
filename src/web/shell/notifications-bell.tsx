import { ActionIcon, Indicator, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNotifications } from '../api/notifications.api';
import { Icon } from '../components/icons';

/** The unread count, polled every minute; the bell opens the inbox. */
export function NotificationsBell() {
  const { t } = useTranslation();
  const { data } = useNotifications({ unreadOnly: true, poll: true });
  const unread = data?.unread ?? 0;
  const label = unread > 0 ? t('notifications.bellUnread', { unread }) : t('notifications.bell');
  return (
    <Tooltip label={label}>
      <Indicator
        label={unread > 99 ? '99+' : unread}
        size={16}
        color="red"
        disabled={unread === 0}
        offset={4}
        aria-hidden={unread === 0}
      >
        <ActionIcon
          component={Link}
          to="/notifications"
          variant="subtle"
          color="gray"
          size="lg"
          aria-label={label}
          data-testid="notifications-bell"
        >
          <Icon name="bell" size={20} />
        </ActionIcon>
      </Indicator>
    </Tooltip>
  );
}
