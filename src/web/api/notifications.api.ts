import { useQuery } from '@tanstack/react-query';
import { api, segment } from './client';
import { useInvalidatingMutation } from './invalidating-mutation';
import type { NotificationList } from './types';

export const notificationsKey = ['notifications'] as const;
const POLL_INTERVAL_MS = 60_000;

export function useNotifications(options: { unreadOnly: boolean; poll?: boolean }) {
  return useQuery({
    queryKey: [...notificationsKey, { unreadOnly: options.unreadOnly }],
    queryFn: ({ signal }) =>
      api.get<NotificationList>('/notifications', { query: { unreadOnly: options.unreadOnly }, signal }),
    refetchInterval: options.poll ? POLL_INTERVAL_MS : false,
  });
}

export function useMarkNotificationRead() {
  return useInvalidatingMutation(notificationsKey, (id: string) =>
    api.post<void>(`/notifications/${segment(id)}/read`),
  );
}

export function useMarkAllNotificationsRead() {
  return useInvalidatingMutation(notificationsKey, () => api.post<void>('/notifications/read-all'));
}
