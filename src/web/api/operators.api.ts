import { useMutation, useQuery } from '@tanstack/react-query';
import { api, segment } from './client';
import { useInvalidatingMutation } from './invalidating-mutation';
import type {
  AcceptInvitationRequest,
  Delegation,
  DelegationLists,
  GrantDelegationRequest,
  Invitation,
  InviteRequest,
  Operator,
  OperatorMember,
  UpdateMemberRequest,
  User,
} from './types';
import { useItems } from './items-query';

const operatorKey = (operatorId: string) => ['operators', operatorId] as const;

/** A change to one operator (its people, its delegations): everything shown about the operator is refetched. */
function useOperatorMutation<B, R>(operatorId: string, mutationFn: (body: B) => Promise<R>) {
  return useInvalidatingMutation(operatorKey(operatorId), mutationFn);
}

export function useOperator(operatorId: string) {
  return useQuery({
    queryKey: [...operatorKey(operatorId), 'profile'],
    queryFn: ({ signal }) => api.get<{ operator: Operator }>(`/operators/${segment(operatorId)}`, { signal }),
    select: (data) => data.operator,
  });
}

export const useOperatorMembers = (operatorId: string) =>
  useItems<OperatorMember>([...operatorKey(operatorId), 'users'], `/operators/${segment(operatorId)}/users`);

export function useInviteColleague(operatorId: string) {
  return useOperatorMutation(operatorId, (body: InviteRequest) =>
    api.post<{ invitation: Invitation }>(`/operators/${segment(operatorId)}/invitations`, body),
  );
}

export function useUpdateMember(operatorId: string) {
  return useOperatorMutation(operatorId, ({ userId, ...body }: UpdateMemberRequest & { userId: string }) =>
    api.patch<{ user: User }>(`/operators/${segment(operatorId)}/users/${segment(userId)}`, body),
  );
}

export function useDelegations(operatorId: string) {
  return useQuery({
    queryKey: [...operatorKey(operatorId), 'delegations'],
    queryFn: ({ signal }) =>
      api.get<DelegationLists>(`/operators/${segment(operatorId)}/delegations`, { signal }),
  });
}

export function useGrantDelegation(operatorId: string) {
  return useOperatorMutation(operatorId, (body: GrantDelegationRequest) =>
    api.post<{ delegation: Delegation }>(`/operators/${segment(operatorId)}/delegations`, body),
  );
}

export function useRevokeDelegation(operatorId: string) {
  return useOperatorMutation(operatorId, (delegationId: string) =>
    api.post<{ delegation: Delegation }>(`/delegations/${segment(delegationId)}/revoke`),
  );
}

export function useAcceptInvitation(token: string) {
  return useMutation({
    mutationFn: (body: AcceptInvitationRequest) =>
      api.post<{ user: User }>(`/invitations/${segment(token)}/accept`, body, { skipAuthRedirect: true }),
  });
}
