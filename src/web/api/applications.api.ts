import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl, segment } from './client';
import { useInvalidatingMutation } from './invalidating-mutation';
import type {
  AcceptanceOutcome,
  Application,
  ApplicationCase,
  ApplicationStatus,
  Evidence,
  Items,
  SavedAnswer,
  Site,
  SiteRequest,
  TimelineEntry,
  Variant,
} from './types';

export const applicationsKey = ['applications'] as const;
const caseKey = (id: string) => [...applicationsKey, 'case', id] as const;

/** A change within one case (its evidence, sites, messages): the case is refetched, the lists are not. */
function useCaseMutation<B, R>(id: string, mutationFn: (body: B) => Promise<R>) {
  return useInvalidatingMutation(caseKey(id), mutationFn);
}

export function useApplications(statuses?: readonly ApplicationStatus[]) {
  return useQuery({
    queryKey: [...applicationsKey, 'list', statuses?.join(',') ?? ''],
    queryFn: ({ signal }) =>
      api.get<Items<Application>>('/applications', { query: { status: statuses?.join(',') }, signal }),
    select: (data) => data.items,
  });
}

export function useApplicationCase(id: string) {
  return useQuery({
    queryKey: caseKey(id),
    queryFn: ({ signal }) => api.get<ApplicationCase>(`/applications/${segment(id)}`, { signal }),
  });
}

export function useApplicationTimeline(id: string) {
  return useQuery({
    queryKey: [...caseKey(id), 'timeline'],
    queryFn: ({ signal }) =>
      api.get<Items<TimelineEntry>>(`/applications/${segment(id)}/timeline`, { signal }),
    select: (data) => data.items,
  });
}

export function useStartApplication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { authorisationType: string; variant?: Variant; operatorId?: string }) =>
      api.post<Application>('/applications', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: applicationsKey }),
  });
}

/** The body of PUT …/answers/{questionId}: a value, or one of the two explained non-answers. */
export type AnswerPayload =
  | { value: unknown; description?: string }
  | { notApplicable: true; explanation: string }
  | { alreadyProvided: true; reference: string; explanation: string };

/** Saves one answer with If-Match; the caller merges the result and handles 409 (another tab changed it). */
export function saveAnswer(
  applicationId: string,
  questionId: string,
  payload: AnswerPayload,
  version: number,
) {
  return api.put<SavedAnswer>(
    `/applications/${segment(applicationId)}/answers/${segment(questionId)}`,
    payload,
    { headers: { 'If-Match': `"${version}"` } },
  );
}

export function useInvalidateCase(id: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: caseKey(id) });
}

export function useUploadEvidence(id: string) {
  return useCaseMutation(id, (file: File) =>
    api.upload<Evidence>(`/applications/${segment(id)}/evidence`, file),
  );
}

export function evidenceUrl(applicationId: string, evidenceId: string): string {
  return buildUrl(`/applications/${segment(applicationId)}/evidence/${segment(evidenceId)}`);
}

export function useAddSite(id: string) {
  return useCaseMutation(id, (body: SiteRequest) =>
    api.post<Site>(`/applications/${segment(id)}/sites`, body),
  );
}

export function useRemoveSite(id: string) {
  return useCaseMutation(id, (siteId: string) =>
    api.delete<void>(`/applications/${segment(id)}/sites/${segment(siteId)}`),
  );
}

/** A case action that answers the updated application; every view of applications is refreshed after it. */
function useCaseAction<B>(id: string, action: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api.post<Application>(`/applications/${segment(id)}/${action}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: applicationsKey }),
  });
}

export function useSubmitApplication(id: string) {
  return useCaseAction<undefined>(id, 'submit');
}

export function useDecideAcceptance(id: string) {
  return useCaseAction<{ outcome: AcceptanceOutcome; reason?: string }>(id, 'acceptance');
}

export function useReplyToRequest(id: string) {
  return useCaseAction<{ body: string; evidenceIds?: string[] }>(id, 'reply');
}

export function useWithdrawApplication(id: string) {
  return useCaseAction<{ reason?: string }>(id, 'withdraw');
}

export function useExpireApplication(id: string) {
  return useCaseAction<undefined>(id, 'expire');
}

export function useAssignValidator(id: string) {
  return useCaseAction<{ validatorId: string | null }>(id, 'assignment');
}

export function usePostMessage(id: string) {
  return useCaseMutation(id, (body: { body: string }) =>
    api.post<{ id: string; createdAt: string }>(`/applications/${segment(id)}/messages`, body),
  );
}
