import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { QueryValue } from './client';
import type { Items } from './types';

/** A list the server sends as `{ items }` (a case's consultations, an inbox, an operator's sites), read as its items. */
export function useItems<T>(queryKey: readonly unknown[], path: string, query?: Record<string, QueryValue>) {
  return useQuery({
    queryKey,
    queryFn: ({ signal }) => api.get<Items<T>>(path, { query, signal }),
    select: (data) => data.items,
  });
}
