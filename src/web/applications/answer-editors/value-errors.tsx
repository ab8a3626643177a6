import { Text } from '@mantine/core';
import { fieldError } from '../../components/api-error';

/** Errors about the table as a whole (row count), which no single cell shows. */
export function ValueErrors({ error }: { error: unknown }) {
  const message = fieldError(error, 'value');
  if (!message) return null;
  return (
    <Text size="sm" c="red.8" role="alert">
      {message}
    </Text>
  );
}
