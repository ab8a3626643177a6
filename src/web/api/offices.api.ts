import { useQuery } from '@tanstack/react-query';
import { api, segment } from './client';
import { useInvalidatingMutation } from './invalidating-mutation';
import type { Items, Office, SaveOfficeRequest } from './types';

export const officesKey = ['offices'] as const;

export function useOffices(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: officesKey,
    queryFn: ({ signal }) => api.get<Items<Office>>('/offices', { signal }),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
    enabled: options.enabled ?? true,
  });
}

export function useCreateOffice() {
  return useInvalidatingMutation(officesKey, (body: SaveOfficeRequest) =>
    api.post<{ office: Office }>('/admin/offices', body),
  );
}

export function useUpdateOffice() {
  return useInvalidatingMutation(officesKey, ({ id, ...body }: SaveOfficeRequest & { id: string }) =>
    api.patch<{ office: Office }>(`/admin/offices/${segment(id)}`, body),
  );
}
