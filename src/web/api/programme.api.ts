import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, segment } from './client';
import { useInvalidatingMutation } from './invalidating-mutation';
import type {
  ConfirmRegistrationResponse,
  Holiday,
  LoadedProgrammeVersion,
  Programme,
  ProgrammeVersion,
  ReadinessResult,
  RegisterOperatorRequest,
  RegisterOperatorResponse,
  Variant,
} from './types';
import { useItems } from './items-query';

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

export const useProgrammeVersions = () =>
  useItems<ProgrammeVersion>(versionsKey, '/admin/programme-versions');

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

export const useHolidays = () => useItems<Holiday>(holidaysKey, '/holidays');

/** A change to the holiday calendar: the calendar is refetched. */
export function useSetHoliday() {
  return useInvalidatingMutation(holidaysKey, ({ day, name }: Holiday) =>
    api.put<void>(`/admin/holidays/${segment(day)}`, { name }),
  );
}

export function useDeleteHoliday() {
  return useInvalidatingMutation(holidaysKey, (day: string) =>
    api.delete<void>(`/admin/holidays/${segment(day)}`),
  );
}
