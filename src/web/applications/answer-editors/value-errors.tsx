import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { fieldError } from '../../components/api-error';

/** A save error said in red under the answer, announced as it appears. */
export function ErrorLine({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="red.8" role="alert">
      {children}
    </Text>
  );
}

/** Errors about the table as a whole (row count), which no single cell shows. */
export function ValueErrors({ error }: { error: unknown }) {
  const message = fieldError(error, 'value');
  if (!message) return null;
  return <ErrorLine>{message}</ErrorLine>;
}
