import type { SelectQueryBuilder, Selectable } from 'kysely';
import type { Executor } from '../../platform/database';
import type { Database } from '../../platform/database-schema';

/** The tables whose rows each belong to one case (the application under examination). */
type CaseTable = {
  [T in keyof Database]: Database[T] extends { application_id: unknown } ? T : never;
}[keyof Database];

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
