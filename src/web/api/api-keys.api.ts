import { useQuery } from '@tanstack/react-query';
import { api, segment } from './client';
import { useInvalidatingMutation } from './invalidating-mutation';
import type { ApiKey, ApiKeyScope, IssueApiKeyRequest, IssuedApiKey, Items } from './types';

export const apiKeysKey = ['admin', 'api-keys'] as const;

export function useApiKeys() {
  return useQuery({
    queryKey: apiKeysKey,
    queryFn: ({ signal }) => api.get<Items<ApiKey>>('/admin/api-keys', { signal }),
    select: (data) => data.items,
  });
}

export function useApiKeyScopes(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...apiKeysKey, 'scopes'],
    queryFn: ({ signal }) => api.get<Items<ApiKeyScope>>('/admin/api-keys/scopes', { signal }),
    select: (data) => data.items,
    staleTime: Infinity,
    enabled: options.enabled ?? true,
  });
}

export function useIssueApiKey() {
  return useInvalidatingMutation(apiKeysKey, (body: IssueApiKeyRequest) =>
    api.post<IssuedApiKey>('/admin/api-keys', body),
  );
}

export function useRevokeApiKey() {
  return useInvalidatingMutation(apiKeysKey, (id: string) =>
    api.post<{ apiKey: ApiKey }>(`/admin/api-keys/${segment(id)}/revoke`),
  );
}
