import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl, isApiError, segment } from './client';
import type { QueryValue } from './client';
import { applicationsKey } from './applications.api';
import { useItems } from './items-query';
import { authorisationsKey } from './certificates.api';
import type {
  AppealOutcome,
  CaseAppeal,
  CaseDecision,
  CaseDocument,
  ComplianceHistory,
  ChecklistItem,
  ChecklistPhoto,
  ChecklistResult,
  ControlEffectiveness,
  FindingValue,
  FindingVisibility,
  ImprovementPlan,
  Items,
  Recommendation,
  RejectionNotice,
  RiskMap,
  RiskRequest,
  SignOffOutcome,
  ValidationCase,
  ValidationReport,
  ValidationWorkspace,
  Visit,
} from './types';

export const validationKey = ['validation'] as const;
/** Everything read about one case sits under this key, so that a write on the case refreshes all of it. */
export const caseKey = (id: string) => [...validationKey, 'case', id] as const;
const base = (id: string) => `/applications/${segment(id)}`;

/** The query of one part of a case: `path` below the case's URL, `part` below its key. */
function casePart<T>(id: string, part: readonly string[], path: string, query?: Record<string, QueryValue>) {
  return {
    queryKey: [...caseKey(id), ...part],
    queryFn: ({ signal }: { signal: AbortSignal }) => api.get<T>(`${base(id)}${path}`, { query, signal }),
  };
}

/** A part that does not exist yet (no report, no plan, no decision) answers 404: read as null, shown as "none yet". */
function optionalCasePart<T>(
  id: string,
  part: readonly string[],
  path: string,
  query?: Record<string, QueryValue>,
) {
  const { queryKey, queryFn } = casePart<T>(id, part, path, query);
  return { queryKey, queryFn: (context: { signal: AbortSignal }) => orNull(queryFn(context)) };
}

async function orNull<T>(load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (error) {
    if (isApiError(error) && error.status === 404) return null;
    throw error;
  }
}

export const useValidationCases = (assigned: 'me' | 'all') =>
  useItems<ValidationCase>([...validationKey, 'cases', assigned], '/validation/cases', { assigned });

export function useValidationWorkspace(id: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    ...casePart<ValidationWorkspace>(id, ['workspace'], '/validation'),
    enabled: options.enabled ?? true,
  });
}

export const useComplianceHistory = (id: string) =>
  useQuery(casePart<ComplianceHistory>(id, ['compliance-history'], '/compliance-history'));

export const useRiskMap = (id: string) => useQuery(casePart<RiskMap>(id, ['risks'], '/risks'));

export const useVisit = (id: string) => useQuery(casePart<Visit>(id, ['visit'], '/visit'));

export const useReport = (id: string, version: 'internal' | 'shared') =>
  useQuery(optionalCasePart<ValidationReport>(id, ['report', version], '/report', { version }));

export function reportPdfUrl(id: string, version: 'internal' | 'shared'): string {
  return buildUrl(`${base(id)}/report.pdf`, { version });
}

export const useImprovementPlan = (id: string) =>
  useQuery(optionalCasePart<ImprovementPlan>(id, ['plan'], '/improvement-plan'));

export const useRejectionNotice = (id: string) =>
  useQuery(optionalCasePart<RejectionNotice>(id, ['notice'], '/intended-rejection'));

export const useCaseDecision = (id: string) =>
  useQuery(
    optionalCasePart<{ decision: CaseDecision; authorisation: { id: string; tier: string | null } | null }>(
      id,
      ['decision'],
      '/decision',
    ),
  );

export const useCaseAppeal = (id: string) =>
  useQuery(optionalCasePart<CaseAppeal>(id, ['appeal'], '/appeal'));

export const useCaseDocuments = (id: string) =>
  useItems<CaseDocument>([...caseKey(id), 'documents'], `${base(id)}/documents`);

export function documentUrl(id: string, documentId: string): string {
  return buildUrl(`${base(id)}/documents/${segment(documentId)}`);
}

/** A checklist photo: the session cookie authenticates the GET, so an <img> can load it directly. */
export function checklistPhotoUrl(id: string, itemId: string, photoId: string): string {
  return buildUrl(`${base(id)}/visit/checklist/${segment(itemId)}/photos/${segment(photoId)}`);
}

/** Every write on a case refreshes the whole case (workspace, risks, report, …) and the lists it appears in. */
function useCaseMutation<B, R = unknown>(
  id: string,
  method: 'post' | 'put' | 'patch' | 'delete',
  path: (body: B) => string,
) {
  const refresh = useRefreshCase();
  return useMutation({
    mutationFn: (body: B) => api[method]<R>(`${base(id)}${path(body)}`, stripKeys(body)),
    onSuccess: refresh,
  });
}

function useRefreshCase() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: validationKey }),
      queryClient.invalidateQueries({ queryKey: applicationsKey }),
      queryClient.invalidateQueries({ queryKey: authorisationsKey }),
    ]);
  };
}

/** Path parameters travel in the body object as `$`-prefixed keys and are not sent. */
function stripKeys<B>(body: B): unknown {
  if (typeof body !== 'object' || body === null) return body;
  const entries = Object.entries(body).filter(([key]) => !key.startsWith('$'));
  return entries.length === 0 && Object.keys(body).length > 0 ? undefined : Object.fromEntries(entries);
}

export const useStartReview = (id: string) => useCaseMutation<object>(id, 'post', () => '/validation/start');

export const useRecordFinding = (id: string) =>
  useCaseMutation<{
    $questionId: string;
    finding: FindingValue;
    note?: string;
    visibility: FindingVisibility;
  }>(id, 'put', (body) => `/findings/${segment(body.$questionId)}`);

export const useRecordFindings = (id: string) =>
  useCaseMutation<{
    items: Array<{ questionId: string; finding: FindingValue; note?: string; visibility: FindingVisibility }>;
  }>(id, 'put', () => '/findings');

export const useExtendDecision = (id: string) =>
  useCaseMutation<{ reason: string }>(id, 'post', () => '/clock/extension');

/** Splits the review by section; the list replaces the previous split (a section left out is unassigned). */
export const useAssignSections = (id: string) =>
  useCaseMutation<{ assignments: Array<{ sectionId: string; reviewerId: string }> }>(
    id,
    'put',
    () => '/review-assignments',
  );

export const useAddRisk = (id: string) => useCaseMutation<RiskRequest>(id, 'post', () => '/risks');

export const useUpdateRisk = (id: string) =>
  useCaseMutation<{
    $riskId: string;
    likelihood?: number;
    impact?: number;
    controls?: string;
    controlEffectiveness?: ControlEffectiveness;
  }>(id, 'patch', (body) => `/risks/${segment(body.$riskId)}`);

export const useAddRiskMeasure = (id: string) =>
  useCaseMutation<{ $riskId: string; description: string; dueDate: string }>(
    id,
    'post',
    (body) => `/risks/${segment(body.$riskId)}/measures`,
  );

export const useProposeSlots = (id: string) =>
  useCaseMutation<{ slots: Array<{ startsAt: string; endsAt: string }> }>(id, 'post', () => '/visit/slots');

export const useChooseSlot = (id: string) =>
  useCaseMutation<{ slotId: string }>(id, 'post', () => '/visit/choice');

export const useStartVisit = (id: string) => useCaseMutation<object>(id, 'post', () => '/visit/start');

export const useSetVisitTeam = (id: string) =>
  useCaseMutation<{ userIds: string[] }>(id, 'put', () => '/visit/team');

export const useGenerateChecklist = (id: string) =>
  useCaseMutation<object, Items<ChecklistItem>>(id, 'post', () => '/visit/checklist');

export const useObserveItem = (id: string) =>
  useCaseMutation<{ $itemId: string; result: ChecklistResult; observation?: string }>(
    id,
    'patch',
    (body) => `/visit/checklist/${segment(body.$itemId)}`,
  );

/** Sends the photo as multipart/form-data (field "file"), with its optional caption. */
export function useAddChecklistPhoto(id: string) {
  const refresh = useRefreshCase();
  return useMutation({
    mutationFn: ({ itemId, file, caption }: { itemId: string; file: File; caption?: string }) => {
      const formData = new FormData();
      if (caption) formData.append('caption', caption);
      formData.append('file', file, file.name || 'photo');
      return api.post<ChecklistPhoto & { mediaType: string }>(
        `${base(id)}/visit/checklist/${segment(itemId)}/photos`,
        undefined,
        { formData },
      );
    },
    onSuccess: refresh,
  });
}

export const useRemoveChecklistPhoto = (id: string) =>
  useCaseMutation<{ $itemId: string; $photoId: string }>(
    id,
    'delete',
    (body) => `/visit/checklist/${segment(body.$itemId)}/photos/${segment(body.$photoId)}`,
  );

export const useRecordMinutes = (id: string) =>
  useCaseMutation<{ minutes: string }>(id, 'put', () => '/visit/minutes');

export const useIssueReport = (id: string) =>
  useCaseMutation<{ recommendation: Recommendation }>(id, 'post', () => '/report');

export const useCommentReport = (id: string) =>
  useCaseMutation<{ body: string }>(id, 'post', () => '/report/comments');

export const useRequireImprovement = (id: string) =>
  useCaseMutation<{ dueDate: string; measures: Array<{ description: string; criterion?: string }> }>(
    id,
    'post',
    () => '/improvement-plan',
  );

export const useReportMeasure = (id: string) =>
  useCaseMutation<{ $measureId: string; note: string }>(
    id,
    'post',
    (body) => `/improvement-plan/measures/${segment(body.$measureId)}/report`,
  );

export const useVerifyMeasure = (id: string) =>
  useCaseMutation<{ $measureId: string; outcome: 'verified' | 'not_met'; note?: string }>(
    id,
    'post',
    (body) => `/improvement-plan/measures/${segment(body.$measureId)}/verification`,
  );

/** Moves the plan's deadline once, with a reason (the server refuses a second extension). */
export const useExtendPlan = (id: string) =>
  useCaseMutation<{ dueDate: string; reason: string }>(id, 'post', () => '/improvement-plan/extension');

export const useCompletePlan = (id: string) =>
  useCaseMutation<object>(id, 'post', () => '/improvement-plan/completion');

export const useRequestSignOff = (id: string) =>
  useCaseMutation<object>(id, 'post', () => '/sign-off/request');

export const useSignOff = (id: string) =>
  useCaseMutation<{ outcome: SignOffOutcome; note?: string }>(id, 'post', () => '/sign-off');

export const useNotifyIntendedRejection = (id: string) =>
  useCaseMutation<{ reasons: string }>(id, 'post', () => '/intended-rejection');

export const useAnswerNotice = (id: string) =>
  useCaseMutation<{ reply: string }>(id, 'post', () => '/intended-rejection/reply');

export const useGrant = (id: string) =>
  useCaseMutation<{ tier?: string; overrideReason?: string; grounds?: string }>(
    id,
    'post',
    () => '/decision/grant',
  );

export const useReject = (id: string) =>
  useCaseMutation<{ grounds: string; rulesReliedOn: string[]; appealRoute?: string }>(
    id,
    'post',
    () => '/decision/rejection',
  );

export const useLodgeAppeal = (id: string) =>
  useCaseMutation<{ grounds: string; body: string }>(id, 'post', () => '/appeal');

export const useReviewAppeal = (id: string) =>
  useCaseMutation<{ outcome: AppealOutcome; note: string; tier?: string; overrideReason?: string }>(
    id,
    'post',
    () => '/appeal/review',
  );
