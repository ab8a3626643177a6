import { Text } from '@mantine/core';
import { isApiError } from '../api/client';

/** An error on exactly this path (not on one of its children, which their own inputs show). */
export function exactFieldError(error: unknown, path: string): string | undefined {
  if (!isApiError(error)) return undefined;
  return error.fieldErrors.find((f) => f.path === path || f.path === `body.${path}`)?.message;
}

/** An error that belongs to a group of inputs rather than to one of them, announced as it appears. */
export function GroupError({ message }: { message: string | undefined }) {
  return message ? (
    <Text size="sm" c="red" role="alert">
      {message}
    </Text>
  ) : null;
}
