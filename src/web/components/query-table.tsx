import { Card } from '@mantine/core';
import type { CardProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiErrorAlert, LoadingBlock } from './api-error';
import { DataTable } from './data-table';
import type { DataTableProps } from './data-table';

/** What a list screen reads from its query (a TanStack Query result fits). */
export interface QueryState {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

export type QueryTableProps<T> = DataTableProps<T> & {
  query: QueryState;
  /** Stands in place of the whole table when there are no rows (instead of an empty row). */
  empty?: ReactNode;
  card?: Omit<CardProps, 'children'> & { 'aria-busy'?: boolean };
};

/** The error alert with its retry, the card, the loader and the table (or its empty state) for one query. */
export function QueryTable<T>({ query, empty, card, ...table }: QueryTableProps<T>) {
  let body: ReactNode;
  if (query.isPending) body = <LoadingBlock />;
  else if (empty !== undefined && table.rows?.length === 0) body = empty;
  else body = <DataTable {...table} />;
  return (
    <>
      {query.isError ? <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Card padding={0} {...card}>
        {body}
      </Card>
    </>
  );
}

/**
 * The error alert with its retry, the loader, then the content once the data is there: for a list laid out by its
 * own component (its own card, or its own empty card) rather than by QueryTable.
 */
export function QueryContent<T>({
  query,
  children,
}: {
  query: QueryState & { data: T | undefined };
  children: (data: T) => ReactNode;
}) {
  return (
    <>
      {query.isError ? <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.isPending ? <LoadingBlock /> : null}
      {query.data !== undefined ? children(query.data) : null}
    </>
  );
}
