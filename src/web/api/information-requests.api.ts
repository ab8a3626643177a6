import { useMutation, useQueryClient } from '@tanstack/react-query';
import { applicationsKey } from './applications.api';
import { api, segment } from './client';
import type { Evidence } from './types';
import type { RequestBodyOf, Schemas } from './wire';
import { useItems } from './items-query';
import { caseKey, validationKey } from './validation.api';

/** A request for information during the examination, with the applicant's reply. */
export type InformationRequest = Schemas['InformationRequest'];
export type InformationRequestStatus = InformationRequest['status'];
export type InformationRequestInput = RequestBodyOf<'/api/v1/applications/{id}/information-requests', 'post'>;

const requestsKey = (id: string) => [...caseKey(id), 'information-requests'] as const;
const base = (id: string) => `/applications/${segment(id)}/information-requests`;

export const useInformationRequests = (id: string) => useItems<InformationRequest>(requestsKey(id), base(id));

/** A request or a reply moves the decision clock: the workspace and the case refresh with the list. */
function useRefreshCase() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: validationKey }),
      queryClient.invalidateQueries({ queryKey: applicationsKey }),
    ]);
}

export function useRequestInformation(id: string) {
  const refresh = useRefreshCase();
  return useMutation({
    mutationFn: (body: InformationRequestInput) => api.post<InformationRequest>(base(id), body),
    onSuccess: refresh,
  });
}

export function useReplyToInformationRequest(id: string) {
  const refresh = useRefreshCase();
  return useMutation({
    mutationFn: ({ requestId, ...body }: { requestId: string; text: string; evidenceIds?: string[] }) =>
      api.post<InformationRequest>(`${base(id)}/${segment(requestId)}/reply`, body),
    onSuccess: refresh,
  });
}

export function useUploadReplyEvidence(id: string) {
  const refresh = useRefreshCase();
  return useMutation({
    mutationFn: ({ requestId, file }: { requestId: string; file: File }) =>
      api.upload<Evidence>(`${base(id)}/${segment(requestId)}/evidence`, file),
    onSuccess: refresh,
  });
}
