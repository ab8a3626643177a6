import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, segment } from './client';
import type {
  AcceptInvitationRequest,
  Delegation,
  DelegationLists,
  GrantDelegationRequest,
  Invitation,
  InviteRequest,
  Items,
  Operator,
  OperatorMember,
  UpdateMemberRequest,
  User,
} from './types';

const operatorKey = (operatorId: string) => ['operators', operatorId] as const;

export function useOperator(operatorId: string) {
  return useQuery({
    queryKey: [...operatorKey(operatorId), 'profile'],
    queryFn: ({ signal }) => api.get<{ operator: Operator }>(`/operators/${segment(operatorId)}`, { signal }),
    select: (data) => data.operator,
  });
}

export function useOperatorMembers(operatorId: string) {
  return useQuery({
    queryKey: [...operatorKey(operatorId), 'users'],
    queryFn: ({ signal }) =>
      api.get<Items<OperatorMember>>(`/operators/${segment(operatorId)}/users`, { signal }),
    select: (data) => data.items,
  });
}

export function useInviteColleague(operatorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InviteRequest) =>
      api.post<{ invitation: Invitation }>(`/operators/${segment(operatorId)}/invitations`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: operatorKey(operatorId) }),
  });
}

export function useUpdateMember(operatorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, ...body }: UpdateMemberRequest & { userId: string }) =>
      api.patch<{ user: User }>(`/operators/${segment(operatorId)}/users/${segment(userId)}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: operatorKey(operatorId) }),
  });
}

export function useDelegations(operatorId: string) {
  return useQuery({
    queryKey: [...operatorKey(operatorId), 'delegations'],
    queryFn: ({ signal }) =>
      api.get<DelegationLists>(`/operators/${segment(operatorId)}/delegations`, { signal }),
  });
}

export function useGrantDelegation(operatorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: GrantDelegationRequest) =>
      api.post<{ delegation: Delegation }>(`/operators/${segment(operatorId)}/delegations`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: operatorKey(operatorId) }),
  });
}

export function useRevokeDelegation(operatorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (delegationId: string) =>
      api.post<{ delegation: Delegation }>(`/delegations/${segment(delegationId)}/revoke`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: operatorKey(operatorId) }),
  });
}

export function useAcceptInvitation(token: string) {
  return useMutation({
    mutationFn: (body: AcceptInvitationRequest) =>
      api.post<{ user: User }>(`/invitations/${segment(token)}/accept`, body, { skipAuthRedirect: true }),
  });
}
