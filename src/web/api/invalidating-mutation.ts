import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueryKey } from '@tanstack/react-query';

/**
 * A mutation that marks every query under `queryKey` stale once it succeeds, so the lists showing what it changed
 * read again; it stays pending until they are marked:
 *
 *     export const useCreateOffice = () =>
 *       useInvalidatingMutation(officesKey, (body: SaveOfficeRequest) => api.post('/admin/offices', body));
 */
export function useInvalidatingMutation<Result, Variables = void>(
  queryKey: QueryKey,
  mutationFn: (variables: Variables) => Promise<Result>,
) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey }) });
}
