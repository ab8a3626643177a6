import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken } from './client';
import type {
  ChangePasswordRequest,
  LoginRequest,
  Me,
  SessionResponse,
  TotpSetup,
  UpdateMeRequest,
} from './types';

export const meKey = ['me'] as const;

/** The signed-in user, or null when there is no session (GET /me answers 401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    const session = await api.get<SessionResponse>('/me', { skipAuthRedirect: true });
    setCsrfToken(session.csrfToken);
    return session.user;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** The signed-in user inside the authenticated shell, where the session is known to exist. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser is used outside the authenticated shell');
  return data;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest) =>
      api.post<SessionResponse>('/session', body, { skipAuthRedirect: true }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(meKey, session.user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<void>('/session', undefined, { skipAuthRedirect: true }),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
    },
  });
}

/** A change to the signed-in user that answers with the user as now stored, which the whole shell shows at once. */
function useUpdatingMeMutation<Variables>(mutationFn: (variables: Variables) => Promise<{ user: Me }>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: ({ user }) => queryClient.setQueryData(meKey, user) });
}

export function useUpdateMe() {
  return useUpdatingMeMutation((body: UpdateMeRequest) => api.patch<{ user: Me }>('/me', body));
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordRequest) => api.post<void>('/me/password', body),
  });
}

export function useStartTotp() {
  return useMutation({ mutationFn: () => api.post<TotpSetup>('/me/totp') });
}

export function useConfirmTotp() {
  return useUpdatingMeMutation((otp: string) => api.post<{ user: Me }>('/me/totp/confirm', { otp }));
}

export function useDisableTotp() {
  return useUpdatingMeMutation((otp: string) => api.delete<{ user: Me }>('/me/totp', { otp }));
}
