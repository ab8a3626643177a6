import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Items, OutboxMessage } from './types';

export function useOutbox() {
  return useQuery({
    queryKey: ['admin', 'outbox'],
    queryFn: ({ signal }) => api.get<Items<OutboxMessage>>('/admin/outbox', { signal }),
    select: (data) => data.items,
    refetchInterval: 30_000,
  });
}
