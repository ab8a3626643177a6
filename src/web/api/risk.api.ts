import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useInvalidatingMutation } from './invalidating-mutation';
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

/** If-Match for optimistic concurrency: the version read (none when there is no stored version yet). */
function ifMatch(version: number | undefined) {
  return version === undefined ? undefined : { headers: { 'If-Match': `"${version}"` } };
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
  return useInvalidatingMutation(
    declarationsKey,
    ({ body, version }: { body: InspectionResultRequest; version?: number }) =>
      api.post<InspectionResult>(`/declarations/${segment(id)}/inspection-result`, body, ifMatch(version)),
  );
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
  return useInvalidatingMutation(profilesKey, (body: CreateProfileRequest) =>
    api.post<RiskProfile>('/risk/profiles', body),
  );
}

export function useSaveRule() {
  return useInvalidatingMutation(
    profilesKey,
    ({ profileId, rule, version }: { profileId: string; rule: Rule; version?: number }) =>
      version === undefined
        ? api.post<StoredRule>(`/risk/profiles/${segment(profileId)}/rules`, rule)
        : api.put<StoredRule>(`/risk/rules/${segment(rule.id)}`, rule, ifMatch(version)),
  );
}

export function useDeleteRule() {
  return useInvalidatingMutation(profilesKey, ({ id, version }: { id: string; version: number }) =>
    api.delete<void>(`/risk/rules/${segment(id)}`, undefined, ifMatch(version)),
  );
}

// ----- budgets --------------------------------------------------------------------------------------------------

export function useBudgets() {
  return useQuery({
    queryKey: budgetsKey,
    queryFn: ({ signal }) => api.get<BudgetList>('/risk/budgets', { signal }),
  });
}

export function useSaveBudget() {
  return useInvalidatingMutation(
    budgetsKey,
    ({ office, policy, version }: { office: string; policy: SelectionPolicy; version?: number }) =>
      api.put<BudgetEntry>(`/risk/budgets/${segment(office)}`, policy, ifMatch(version)),
  );
}

export function useDeleteBudget() {
  return useInvalidatingMutation(budgetsKey, (office: string) =>
    api.delete<void>(`/risk/budgets/${segment(office)}`),
  );
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
  return useInvalidatingMutation(modelsKey, (body: { preset: ModelPreset; note?: string }) =>
    api.post<ModelVersion>('/risk/models', body),
  );
}

export function useActivateModel() {
  return useInvalidatingMutation(modelsKey, (id: string) =>
    api.post<ModelVersion>(`/risk/models/${segment(id)}/activate`),
  );
}

export function useRollbackModel() {
  return useInvalidatingMutation(modelsKey, () => api.post<ModelVersion>('/risk/models/rollback'));
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
  return useInvalidatingMutation(
    tradersKey,
    ({ partyId, body }: { partyId: string; body: TrustedTraderRequest }) =>
      api.put<TrustedTrader>(`/risk/trusted-traders/${segment(partyId)}`, body),
  );
}

export function useDeleteTrustedTrader() {
  return useInvalidatingMutation(tradersKey, (partyId: string) =>
    api.delete<void>(`/risk/trusted-traders/${segment(partyId)}`),
  );
}

/** Imports a CSV file as text/csv; a 400 names the bad rows as `rows.<line>.<column>`. */
export function useImportTrustedTraders() {
  return useInvalidatingMutation(tradersKey, (content: string | Blob) =>
    api.post<{ imported: number }>('/risk/trusted-traders/import', undefined, {
      rawBody: { content, contentType: 'text/csv' },
    }),
  );
}
