import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, segment } from './client';
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
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveOfficeRequest) => api.post<{ office: Office }>('/admin/offices', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: officesKey }),
  });
}

export function useUpdateOffice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: SaveOfficeRequest & { id: string }) =>
      api.patch<{ office: Office }>(`/admin/offices/${segment(id)}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: officesKey }),
  });
}
