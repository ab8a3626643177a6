import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, segment } from './client';
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
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<void>(`/notifications/${segment(id)}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}

export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/notifications/read-all'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}
