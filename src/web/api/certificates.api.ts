import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_BASE, api, request, segment } from './client';
import type {
  Authorisation,
  CertificateBundle,
  Items,
  RegisterConsent,
  RegisterQuery,
  RegisterSearchResult,
  StatusChange,
  StatusChangeRequest,
  StatusChangeResult,
  VerifyResponse,
} from './types';

export const authorisationsKey = ['authorisations'] as const;
const registerKey = ['register'] as const;

// ----- authorisations and their certificates -------------------------------------------------------------------

export function useAuthorisations() {
  return useQuery({
    queryKey: [...authorisationsKey, 'list'],
    queryFn: ({ signal }) => api.get<Items<Authorisation>>('/authorisations', { signal }),
    select: (data) => data.items,
  });
}

export function useAuthorisation(id: string) {
  return useQuery({
    queryKey: [...authorisationsKey, 'one', id],
    queryFn: ({ signal }) => api.get<Authorisation>(`/authorisations/${segment(id)}`, { signal }),
  });
}

/** The certificate, issued by the server on the first request for it. */
export function useCertificate(id: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...authorisationsKey, 'one', id, 'certificate'],
    queryFn: ({ signal }) =>
      api.get<CertificateBundle>(`/authorisations/${segment(id)}/certificate`, { signal }),
    enabled: options.enabled ?? true,
    retry: false,
  });
}

/** Where the browser downloads the PDF certificate (the session cookie goes with it; same origin). */
export function certificatePdfUrl(id: string): string {
  return `${API_BASE}/authorisations/${segment(id)}/certificate.pdf`;
}

export function useStatusChanges(id: string) {
  return useQuery({
    queryKey: [...authorisationsKey, 'one', id, 'status-changes'],
    queryFn: ({ signal }) =>
      api.get<Items<StatusChange>>(`/authorisations/${segment(id)}/status-changes`, { signal }),
    select: (data) => data.items,
  });
}

export function useChangeStatus(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StatusChangeRequest) =>
      api.post<StatusChangeResult>(`/authorisations/${segment(id)}/status`, body),
    // A 409 means someone else changed it first: refresh either way so the page shows the current status.
    onSettled: () => queryClient.invalidateQueries({ queryKey: authorisationsKey }),
  });
}

// ----- verification (public) -----------------------------------------------------------------------------------

export type VerifyInput = { kind: 'text'; credential: string } | { kind: 'pdf'; file: File };

export function useVerify() {
  return useMutation({
    mutationFn: (input: VerifyInput) =>
      input.kind === 'text'
        ? api.post<VerifyResponse>('/verify', { credential: input.credential }, { skipAuthRedirect: true })
        : request<VerifyResponse>('POST', '/verify', {
            rawBody: { content: input.file, contentType: 'application/pdf' },
            skipAuthRedirect: true,
          }),
  });
}

// ----- public register and consent -----------------------------------------------------------------------------

export function useRegisterSearch(query: RegisterQuery) {
  return useQuery({
    queryKey: [...registerKey, 'search', query],
    queryFn: ({ signal }) =>
      api.get<RegisterSearchResult>('/register', { query: { ...query }, signal, skipAuthRedirect: true }),
    placeholderData: keepPreviousData,
  });
}

export function useRegisterConsent(operatorId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...registerKey, 'consent', operatorId],
    queryFn: ({ signal }) => api.get<RegisterConsent>(`/register/consent/${segment(operatorId)}`, { signal }),
    enabled: options.enabled ?? true,
  });
}

export function useSetRegisterConsent(operatorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (isPublished: boolean) =>
      api.put<RegisterConsent>(`/register/consent/${segment(operatorId)}`, { isPublished }),
    onSuccess: (consent) => {
      queryClient.setQueryData([...registerKey, 'consent', operatorId], consent);
      return queryClient.invalidateQueries({ queryKey: [...registerKey, 'search'] });
    },
  });
}
