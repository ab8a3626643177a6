import type { SelectQueryBuilder, Selectable, Updateable } from 'kysely';
import type { Executor, NewRow, Row, Trx } from '../../platform/database';
import type { Database } from '../../platform/database-schema';

/** The tables whose rows each belong to one case (the application under examination). */
type CaseTable = {
  [T in keyof Database]: Database[T] extends { application_id: unknown } ? T : never;
}[keyof Database];

/** What may change in a row of a table (every column optional). */
export type RowChanges<Table extends keyof Database> = Updateable<Database[Table]>;

/** The tables whose rows are named by a string `id`. */
type IdTable = {
  [T in keyof Database]: Row<T> extends { id: string } ? T : never;
}[keyof Database];

/** What every stored file's listing carries (its bytes, `content`, are read one file at a time). */
export const STORED_FILE_COLUMNS = ['id', 'application_id', 'file_name', 'media_type', 'sha256'] as const;

/**
 * The rows of a case table that belong to one case, every column: the start of most of the module's reads, which
 * go on to narrow, order and execute the query.
 */
export function selectCaseRows<T extends CaseTable>(
  db: Executor,
  table: T,
  applicationId: string,
): SelectQueryBuilder<Database, T, Selectable<Database[T]>> {
  const anyCaseTable: CaseTable = table;
  const query = db.selectFrom(anyCaseTable).selectAll().where('application_id', '=', applicationId);
  // Kysely cannot follow a table name that is a type parameter through the query; over the union of the case
  // tables the query is the same, and the call site gets the one table it named back.
  return query as unknown as SelectQueryBuilder<Database, T, Selectable<Database[T]>>;
}

/** One row of a case, by its id. */
export function findCaseRow<T extends CaseTable & IdTable>(
  db: Executor,
  table: T,
  applicationId: string,
  id: string,
): Promise<Row<T> | undefined> {
  const anyTable: CaseTable & IdTable = table;
  return selectCaseRows(db, anyTable, applicationId).where('id', '=', id).executeTakeFirst() as Promise<
    Row<T> | undefined
  >;
}

/** Inserts one row and returns it, every column. */
export function insertRow<T extends keyof Database>(trx: Trx, table: T, values: NewRow<T>): Promise<Row<T>> {
  const anyTable: keyof Database = table;
  // As in selectCaseRows: the same statement over any table, typed back to the one named.
  return trx
    .insertInto(anyTable)
    .values(values)
    .returningAll()
    .executeTakeFirstOrThrow() as unknown as Promise<Row<T>>;
}

/** Changes one row, by its id, and returns it, every column. */
export function updateRow<T extends IdTable>(
  trx: Trx,
  table: T,
  id: string,
  values: RowChanges<T>,
): Promise<Row<T>> {
  const anyTable: IdTable = table;
  return trx
    .updateTable(anyTable)
    .set(values as never)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow() as unknown as Promise<Row<T>>;
}

/** Changes one row of a case, by its id; undefined when the case has no such row. */
export function updateCaseRow<T extends CaseTable & IdTable>(
  trx: Trx,
  table: T,
  applicationId: string,
  id: string,
  values: RowChanges<T>,
): Promise<Row<T> | undefined> {
  const anyTable: CaseTable & IdTable = table;
  return trx
    .updateTable(anyTable)
    .set(values as never)
    .where('application_id', '=', applicationId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst() as unknown as Promise<Row<T> | undefined>;
}

/** Deletes one row of a case, by its id: how many went (0 when the case has no such row). */
export async function deleteCaseRow<T extends CaseTable & IdTable>(
  trx: Trx,
  table: T,
  applicationId: string,
  id: string,
): Promise<number> {
  const anyTable: CaseTable & IdTable = table;
  const result = await trx
    .deleteFrom(anyTable)
    .where('application_id', '=', applicationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The one-row writes of a table whose rows are named by id: insert one, change one. */
export function rowWrites<T extends IdTable>(table: T) {
  return {
    insert: (trx: Trx, values: NewRow<T>) => insertRow(trx, table, values),
    update: (trx: Trx, id: string, values: RowChanges<T>) => updateRow(trx, table, id, values),
  };
}

/** The one-row reads and writes of a case table: those of `rowWrites`, and find, change or delete one of a case's. */
export function caseRowAccess<T extends CaseTable & IdTable>(table: T) {
  return {
    ...rowWrites(table),
    find: (db: Executor, applicationId: string, id: string) => findCaseRow(db, table, applicationId, id),
    updateOfCase: (trx: Trx, applicationId: string, id: string, values: RowChanges<T>) =>
      updateCaseRow(trx, table, applicationId, id, values),
    delete: (trx: Trx, applicationId: string, id: string) => deleteCaseRow(trx, table, applicationId, id),
  };
}
