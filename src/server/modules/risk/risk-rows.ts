import { sql, type Updateable } from 'kysely';
import type { NewRow, Row, Trx } from '../../platform/database';
import type { RiskTables } from './risk.tables';

type RiskTable = keyof RiskTables;

/** The risk tables whose rows carry a version that every change bumps (optimistic concurrency). */
type VersionedTable = {
  [T in RiskTable]: Row<T> extends { version: number } ? T : never;
}[RiskTable];

/** Rows are written this many at a time: a statement takes a limited number of parameters. */
const WRITE_CHUNK = 500;

/** `rows` in slices of at most WRITE_CHUNK, to write one statement each. */
export function chunksOf<T>(rows: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < rows.length; start += WRITE_CHUNK)
    chunks.push(rows.slice(start, start + WRITE_CHUNK));
  return chunks;
}

/**
 * Inserts the rows whose `key` is not stored yet and returns the keys it inserted (another writer may have stored
 * the others first).
 */
export async function insertMissingRows<T extends RiskTable>(
  trx: Trx,
  table: T,
  key: keyof Row<T> & string,
  rows: readonly NewRow<T>[],
): Promise<string[]> {
  // The same statement over any risk table (Kysely cannot follow a generic table), typed by the signature.
  const anyTable: RiskTable = table;
  const inserted: string[] = [];
  for (const chunk of chunksOf(rows)) {
    const result = await trx
      .insertInto(anyTable)
      .values(chunk as never)
      .onConflict((oc) => oc.column(key as never).doNothing())
      .returning(sql.ref<string>(key).as('key'))
      .execute();
    inserted.push(...result.map((row) => row.key));
  }
  return inserted;
}

/**
 * Changes the row whose `key` column holds `keyValue` if it is still at `expectedVersion`, and bumps its version;
 * false when someone else changed it first.
 */
export async function updateVersionedRow<T extends VersionedTable>(
  trx: Trx,
  table: T,
  key: keyof Row<T> & string,
  keyValue: string,
  expectedVersion: number,
  values: Updateable<RiskTables[T]>,
): Promise<boolean> {
  const anyTable: VersionedTable = table;
  const result = await trx
    .updateTable(anyTable)
    .set({ ...values, version: sql<number>`version + 1` } as never)
    .where(sql.ref(key), '=', keyValue)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
