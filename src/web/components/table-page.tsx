import { Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { PageHeader } from './page-header';
import type { PageHeaderProps } from './page-header';
import { QueryTable } from './query-table';
import type { QueryTableProps } from './query-table';

export type TablePageProps<T> = PageHeaderProps &
  QueryTableProps<T> & {
    /** Between the header and the table: a flash notice, the filters. */
    intro?: ReactNode;
    /** After the table: its paging, the page's modals. */
    children?: ReactNode;
  };

/** A list screen: the page's header, then its query's table (named by the page's title unless told), then the rest. */
export function TablePage<T>({ title, description, actions, intro, children, ...table }: TablePageProps<T>) {
  return (
    <Stack gap="md">
      <PageHeader title={title} description={description} actions={actions} />
      {intro}
      <QueryTable aria-label={title} {...table} />
      {children}
    </Stack>
  );
}
