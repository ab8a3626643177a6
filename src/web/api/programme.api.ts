import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, segment } from './client';
import type {
  ConfirmRegistrationResponse,
  Holiday,
  Items,
  LoadedProgrammeVersion,
  Programme,
  ProgrammeVersion,
  ReadinessResult,
  RegisterOperatorRequest,
  RegisterOperatorResponse,
  Variant,
} from './types';

export const programmeKey = ['programme'] as const;

/**
 * The programme with the questionnaire of one variant (all variants when none is given): the active version,
 * or the version an application started on.
 */
export function useProgramme(variant?: Variant, versionId?: string) {
  return useQuery({
    queryKey: [...programmeKey, versionId ?? 'active', variant ?? 'all'],
    queryFn: ({ signal }) =>
      api.get<Programme>(versionId ? `/programme/versions/${segment(versionId)}` : '/programme', {
        query: { variant },
        signal,
        skipAuthRedirect: true,
      }),
    staleTime: 10 * 60_000,
  });
}

export function useReadinessCheck() {
  return useMutation({
    mutationFn: (answers: Record<string, boolean>) =>
      api.post<ReadinessResult>('/programme/readiness', { answers }, { skipAuthRedirect: true }),
  });
}

export function useRegisterOperator() {
  return useMutation({
    mutationFn: (body: RegisterOperatorRequest) =>
      api.post<RegisterOperatorResponse>('/operators', body, { skipAuthRedirect: true }),
  });
}

/** The link e-mailed after registration: creates the operator and its first user. */
export function useConfirmRegistration(token: string) {
  return useMutation({
    mutationFn: () =>
      api.post<ConfirmRegistrationResponse>(`/registrations/${segment(token)}/confirm`, undefined, {
        skipAuthRedirect: true,
      }),
  });
}

const versionsKey = ['admin', 'programme-versions'] as const;

export function useProgrammeVersions() {
  return useQuery({
    queryKey: versionsKey,
    queryFn: ({ signal }) => api.get<Items<ProgrammeVersion>>('/admin/programme-versions', { signal }),
    select: (data) => data.items,
  });
}

export function useLoadProgrammeVersion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (definition: unknown) =>
      api.post<LoadedProgrammeVersion>('/admin/programme-versions', definition),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: versionsKey });
      await queryClient.invalidateQueries({ queryKey: programmeKey });
    },
  });
}

const holidaysKey = ['holidays'] as const;

/** A change to the holiday calendar: the calendar is refetched. */
function useHolidayMutation<B>(mutationFn: (body: B) => Promise<void>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: holidaysKey }),
  });
}

export function useHolidays() {
  return useQuery({
    queryKey: holidaysKey,
    queryFn: ({ signal }) => api.get<Items<Holiday>>('/holidays', { signal }),
    select: (data) => data.items,
  });
}

export function useSetHoliday() {
  return useHolidayMutation(({ day, name }: Holiday) =>
    api.put<void>(`/admin/holidays/${segment(day)}`, { name }),
  );
}

export function useDeleteHoliday() {
  return useHolidayMutation((day: string) => api.delete<void>(`/admin/holidays/${segment(day)}`));
}
