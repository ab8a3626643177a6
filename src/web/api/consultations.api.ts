import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, segment } from './client';
import type { Items } from './types';
import type { RequestBodyOf, ResponseOf, Schemas } from './wire';
import { useItems } from './items-query';
import { caseKey } from './validation.api';

export const CONSULTATION_REPLY_KINDS = [
  'no_objection',
  'objection',
  'infringement',
  'unlisted_branch',
] as const satisfies readonly NonNullable<Schemas['Consultation']['replyKind']>[];
/** One consultation of an office or (agency set instead) a partner agency on a case. */
export type Consultation = Schemas['Consultation'];
export type ConsultationReplyKind = NonNullable<Consultation['replyKind']>;
/** What the consulted party said; silence past the deadline counts as no objection (`isSilence`). */
export type ConsultationOutcome = Consultation['outcome'];
export type ConsultationStatus = Consultation['status'];
/** A consultation as the consulted party reads it in its inbox. */
export type AddressedConsultation = Schemas['AddressedConsultation'];
export type ConsultationSite = Schemas['ConsultationSite'];
export type AddressedConsultationDetail = ResponseOf<'/api/v1/consultations/{consultationId}', 'get'>;
export type ConsultationAddressees = ResponseOf<'/api/v1/consultations/addressees', 'get'>;
export type ConsultationRequest = RequestBodyOf<'/api/v1/applications/{id}/consultations', 'post'>;

export const consultationsKey = ['consultations'] as const;
const caseConsultationsKey = (id: string) => [...caseKey(id), 'consultations'] as const;
const casePath = (id: string) => `/applications/${segment(id)}/consultations`;

export const useCaseConsultations = (id: string) =>
  useItems<Consultation>(caseConsultationsKey(id), casePath(id));

export function useConsultationAddressees(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...consultationsKey, 'addressees'],
    queryFn: ({ signal }) => api.get<ConsultationAddressees>('/consultations/addressees', { signal }),
    staleTime: 5 * 60_000,
    enabled: options.enabled ?? true,
  });
}

export function useSendConsultation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConsultationRequest) => api.post<Items<Consultation>>(casePath(id), body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: caseConsultationsKey(id) }),
        queryClient.invalidateQueries({ queryKey: consultationsKey }),
      ]),
  });
}

/** The caller's inbox: consultations addressed to its office or agency. */
export const useConsultationInbox = (status: 'pending' | 'all') =>
  useItems<AddressedConsultation>([...consultationsKey, 'inbox', status], '/consultations', { status });

export function useAddressedConsultation(consultationId: string | null) {
  return useQuery({
    queryKey: [...consultationsKey, 'detail', consultationId],
    queryFn: ({ signal }) =>
      api.get<AddressedConsultationDetail>(`/consultations/${segment(consultationId ?? '')}`, { signal }),
    enabled: consultationId !== null,
  });
}

export function useReplyToConsultation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      applicationId,
      consultationId,
      ...body
    }: {
      applicationId: string;
      consultationId: string;
      kind: ConsultationReplyKind;
      text?: string;
    }) => api.post<Consultation>(`${casePath(applicationId)}/${segment(consultationId)}/reply`, body),
    onSuccess: (_data, variables) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: consultationsKey }),
        queryClient.invalidateQueries({ queryKey: caseConsultationsKey(variables.applicationId) }),
      ]),
  });
}
