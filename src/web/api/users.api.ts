import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, segment } from './client';
import { useInvalidatingMutation } from './invalidating-mutation';
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
  return useInvalidatingMutation(usersKey, (body: CreateUserRequest) =>
    api.post<{ user: User }>('/admin/users', body),
  );
}

export function useUpdateUser() {
  return useInvalidatingMutation(usersKey, ({ id, ...body }: UpdateUserRequest & { id: string }) =>
    api.patch<{ user: User }>(`/admin/users/${segment(id)}`, body),
  );
}
