import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, segment } from './client';
import type { Items, OfficeKind } from './types';
import { validationKey } from './validation.api';

export const CONSULTATION_REPLY_KINDS = [
  'no_objection',
  'objection',
  'infringement',
  'unlisted_branch',
] as const;
export type ConsultationReplyKind = (typeof CONSULTATION_REPLY_KINDS)[number];
/** What the consulted party said; silence past the deadline counts as no objection (`isSilence`). */
export type ConsultationOutcome = ConsultationReplyKind | 'pending';
export type ConsultationStatus = 'pending' | 'replied' | 'closed_silent';

/** One consultation of an office or (agency set instead) a partner agency on a case. */
export interface Consultation {
  id: string;
  officeId: string | null;
  officeName: string | null;
  agency: string | null;
  /** The office's name or the agency's code. */
  addressee: string | null;
  question: string;
  dueDate: string;
  status: ConsultationStatus;
  replyKind: ConsultationReplyKind | null;
  replyText: string | null;
  repliedAt: string | null;
  outcome: ConsultationOutcome;
  isSilence: boolean;
}

/** A consultation as the consulted party reads it in its inbox. */
export interface AddressedConsultation extends Consultation {
  applicationId: string;
  applicationReference: string;
  operatorName: string;
  operatorTaxpayerId: string;
  authorisationType: string;
  askingOfficeName: string | null;
  requestedAt: string;
}

export interface ConsultationSite {
  id: string;
  kind: 'head_office' | 'branch' | 'site';
  name: string;
  address: string;
  activities: string;
}

export interface AddressedConsultationDetail extends AddressedConsultation {
  sites: ConsultationSite[];
  /** Whether the signed-in user answers it (headquarters may read an escalated one without being its addressee). */
  canReply: boolean;
}

export interface ConsultationAddressees {
  offices: Array<{ id: string; code: string; name: string; kind: OfficeKind }>;
  agencies: Array<{ code: string; officers: number }>;
}

export interface ConsultationRequest {
  officeIds: string[];
  agencies: string[];
  question: string;
  dueDate: string;
}

export const consultationsKey = ['consultations'] as const;
const caseConsultationsKey = (id: string) => [...validationKey, 'case', id, 'consultations'] as const;
const casePath = (id: string) => `/applications/${segment(id)}/consultations`;

export function useCaseConsultations(id: string) {
  return useQuery({
    queryKey: caseConsultationsKey(id),
    queryFn: ({ signal }) => api.get<Items<Consultation>>(casePath(id), { signal }),
    select: (data) => data.items,
  });
}

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
export function useConsultationInbox(status: 'pending' | 'all') {
  return useQuery({
    queryKey: [...consultationsKey, 'inbox', status],
    queryFn: ({ signal }) =>
      api.get<Items<AddressedConsultation>>('/consultations', { query: { status }, signal }),
    select: (data) => data.items,
  });
}

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
