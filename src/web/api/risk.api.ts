import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, segment } from './client';
import type {
  BudgetEntry,
  BudgetList,
  CreateProfileRequest,
  DeclarationDetail,
  DeclarationListQuery,
  DeclarationPage,
  InspectionResult,
  InspectionResultRequest,
  Items,
  ModelComparison,
  ModelDrift,
  ModelList,
  ModelPreset,
  ModelVersion,
  RiskProfile,
  Rule,
  SelectionPolicy,
  StoredRule,
  TrustedTrader,
  TrustedTraderRequest,
} from './types';

export const riskKey = ['risk'] as const;
const declarationsKey = [...riskKey, 'declarations'] as const;
const profilesKey = [...riskKey, 'profiles'] as const;
const budgetsKey = [...riskKey, 'budgets'] as const;
const modelsKey = [...riskKey, 'models'] as const;
const tradersKey = [...riskKey, 'trusted-traders'] as const;

/** If-Match for optimistic concurrency: the version read. */
function ifMatch(version: number) {
  return { headers: { 'If-Match': `"${version}"` } };
}

// ----- decision log and declarations ---------------------------------------------------------------------------

export function useDeclarations(query: DeclarationListQuery) {
  return useQuery({
    queryKey: [...declarationsKey, 'list', query],
    queryFn: ({ signal }) => api.get<DeclarationPage>('/declarations', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useDeclaration(id: string) {
  return useQuery({
    queryKey: [...declarationsKey, 'one', id],
    queryFn: ({ signal }) => api.get<DeclarationDetail>(`/declarations/${segment(id)}`, { signal }),
  });
}

/** Records an inspection result (201), or corrects the recorded one when its version is given (200). */
export function useRecordInspection(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, version }: { body: InspectionResultRequest; version?: number }) =>
      api.post<InspectionResult>(
        `/declarations/${segment(id)}/inspection-result`,
        body,
        version === undefined ? undefined : ifMatch(version),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: declarationsKey }),
  });
}

// ----- rules and profiles --------------------------------------------------------------------------------------

export function useRiskProfiles() {
  return useQuery({
    queryKey: profilesKey,
    queryFn: ({ signal }) => api.get<Items<RiskProfile>>('/risk/profiles', { signal }),
    select: (data) => data.items,
  });
}

export function useCreateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProfileRequest) => api.post<RiskProfile>('/risk/profiles', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: profilesKey }),
  });
}

export function useSaveRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ profileId, rule, version }: { profileId: string; rule: Rule; version?: number }) =>
      version === undefined
        ? api.post<StoredRule>(`/risk/profiles/${segment(profileId)}/rules`, rule)
        : api.put<StoredRule>(`/risk/rules/${segment(rule.id)}`, rule, ifMatch(version)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: profilesKey }),
  });
}

export function useDeleteRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<void>(`/risk/rules/${segment(id)}`, undefined, ifMatch(version)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: profilesKey }),
  });
}

// ----- budgets --------------------------------------------------------------------------------------------------

export function useBudgets() {
  return useQuery({
    queryKey: budgetsKey,
    queryFn: ({ signal }) => api.get<BudgetList>('/risk/budgets', { signal }),
  });
}

export function useSaveBudget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      office,
      policy,
      version,
    }: {
      office: string;
      policy: SelectionPolicy;
      version?: number;
    }) =>
      api.put<BudgetEntry>(
        `/risk/budgets/${segment(office)}`,
        policy,
        version === undefined ? undefined : ifMatch(version),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: budgetsKey }),
  });
}

export function useDeleteBudget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (office: string) => api.delete<void>(`/risk/budgets/${segment(office)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: budgetsKey }),
  });
}

// ----- model versions ------------------------------------------------------------------------------------------

/** Model versions; polled every 2 s while one is training so its progress moves. */
export function useModelVersions() {
  return useQuery({
    queryKey: modelsKey,
    queryFn: ({ signal }) => api.get<ModelList>('/risk/models', { signal }),
    refetchInterval: (query) =>
      query.state.data?.items.some((version) => version.status === 'training') ? 2000 : false,
  });
}

export function useModelComparison(id: string | null) {
  return useQuery({
    queryKey: [...modelsKey, 'comparison', id],
    queryFn: ({ signal }) =>
      api.get<ModelComparison>(`/risk/models/${segment(id ?? '')}/comparison`, { signal }),
    enabled: id !== null,
  });
}

export function useModelDrift() {
  return useQuery({
    queryKey: [...modelsKey, 'drift'],
    queryFn: ({ signal }) => api.get<{ drift: ModelDrift | null }>('/risk/models/drift', { signal }),
    select: (data) => data.drift,
  });
}

export function useTrainModel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { preset: ModelPreset; note?: string }) =>
      api.post<ModelVersion>('/risk/models', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: modelsKey }),
  });
}

export function useActivateModel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<ModelVersion>(`/risk/models/${segment(id)}/activate`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: modelsKey }),
  });
}

export function useRollbackModel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<ModelVersion>('/risk/models/rollback'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: modelsKey }),
  });
}

// ----- trusted traders -----------------------------------------------------------------------------------------

export function useTrustedTraders(search: string) {
  return useQuery({
    queryKey: [...tradersKey, search],
    queryFn: ({ signal }) =>
      api.get<Items<TrustedTrader>>('/risk/trusted-traders', { query: { q: search, limit: 200 }, signal }),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
  });
}

export function useSaveTrustedTrader() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ partyId, body }: { partyId: string; body: TrustedTraderRequest }) =>
      api.put<TrustedTrader>(`/risk/trusted-traders/${segment(partyId)}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tradersKey }),
  });
}

export function useDeleteTrustedTrader() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (partyId: string) => api.delete<void>(`/risk/trusted-traders/${segment(partyId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tradersKey }),
  });
}

/** Imports a CSV file as text/csv; a 400 names the bad rows as `rows.<line>.<column>`. */
export function useImportTrustedTraders() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (content: string | Blob) =>
      api.post<{ imported: number }>('/risk/trusted-traders/import', undefined, {
        rawBody: { content, contentType: 'text/csv' },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tradersKey }),
  });
}
