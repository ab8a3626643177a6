import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { api } from './client';
import type { AuditPage, AuditQuery, AuditVerification } from './types';

export const auditKey = ['audit'] as const;

/** Audit events, newest first, a page at a time; the server scopes operator users to their own records. */
export function useAuditEvents(query: AuditQuery) {
  return useInfiniteQuery({
    queryKey: [...auditKey, 'events', query],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<AuditPage>('/audit/events', { query: { ...query, cursor: pageParam }, signal }),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useVerifyAuditChain() {
  return useMutation({ mutationFn: () => api.get<AuditVerification>('/audit/verify') });
}
