import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, segment } from './client';
import type { CreateUserRequest, ListUsersQuery, Page, UpdateUserRequest, User } from './types';

export const usersKey = ['admin', 'users'] as const;

export function useUsers(query: ListUsersQuery, enabled = true) {
  return useQuery({
    queryKey: [...usersKey, query],
    queryFn: ({ signal }) => api.get<Page<User>>('/admin/users', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Active validators: to assign cases, pick a visit team or split the review. */
export function useValidators() {
  return useQuery({
    queryKey: ['validators'],
    queryFn: ({ signal }) =>
      api.get<{ items: { id: string; name: string; email: string; officeId: string | null }[] }>(
        '/validators',
        {
          signal,
        },
      ),
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserRequest) => api.post<{ user: User }>('/admin/users', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateUserRequest & { id: string }) =>
      api.patch<{ user: User }>(`/admin/users/${segment(id)}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}
