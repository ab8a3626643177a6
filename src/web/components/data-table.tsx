import { Card, Table, Text } from '@mantine/core';
import type { TableProps, TableThProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** A column heading; a plain string is the usual case, the object form aligns, sizes or hides it. */
export interface TableColumn {
  label: ReactNode;
  /** Read to screen readers only: a column of row actions has no visible heading. */
  isHidden?: boolean;
  align?: TableThProps['ta'];
  width?: TableThProps['w'];
}

export type TableColumnSpec = string | TableColumn;

export type DataTableProps<T> = Omit<TableProps, 'children'> & {
  'data-testid'?: string;
  columns: readonly TableColumnSpec[];
  /** Undefined while there is nothing to show yet (a failed query): no rows and no empty row. */
  rows: readonly T[] | undefined;
  renderRow: (row: T, index: number) => ReactNode;
  /** The table scrolls sideways below this width rather than squeezing its columns. */
  minWidth: number;
  /** Shown in one row across every column when there are no rows. */
  emptyText?: ReactNode;
  /** Rows that stand before the listed ones (a built-in default, a total). */
  leadingRows?: ReactNode;
};

function ColumnHeading({ column }: { column: TableColumnSpec }) {
  if (typeof column === 'string') return <Table.Th>{column}</Table.Th>;
  return (
    <Table.Th ta={column.align} w={column.width}>
      {column.isHidden ? <span className="visually-hidden">{column.label}</span> : column.label}
    </Table.Th>
  );
}

/** The scroll container, headings, empty row and rows every list screen repeats. */
export function DataTable<T>({
  columns,
  rows,
  renderRow,
  minWidth,
  emptyText,
  leadingRows,
  ...tableProps
}: DataTableProps<T>) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table {...tableProps}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column, index) => (
              <ColumnHeading key={index} column={column} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {leadingRows}
          {emptyText !== undefined && rows?.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={columns.length}>
                <Text c="dimmed" ta="center" py="lg">
                  {emptyText}
                </Text>
              </Table.Td>
            </Table.Tr>
          ) : null}
          {rows?.map(renderRow)}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The "nothing here" line that stands in place of a whole table. */
export function EmptyBlock({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <Text c="dimmed" ta="center" py="xl" size="sm" data-testid={testId}>
      {children}
    </Text>
  );
}

/** The "nothing here" card that stands in place of a whole table card. */
export function EmptyCard({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <Card padding="md">
      <Text c="dimmed" size="sm" data-testid={testId}>
        {children}
      </Text>
    </Card>
  );
}
