import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type Insertable, type Selectable, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './database-schema';
import { PgliteDialect } from './pglite-dialect';

// int8 (count(*), bigserial) as numbers and dates as 'YYYY-MM-DD' on both drivers, so the code sees one shape.
const INT8 = 20;
const DATE = 1082;
pg.types.setTypeParser(INT8, Number);
pg.types.setTypeParser(DATE, (value: string) => value);

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** A query runs on the database or inside a transaction alike. */
export type Executor = Db | Trx;
/** A row of a table as a query returns it, named by the table's SQL name (`Row<'declaration'>`). */
export type Row<Table extends keyof Database> = Selectable<Database[Table]>;
/** A row of a table as it is inserted (generated and defaulted columns optional). */
export type NewRow<Table extends keyof Database> = Insertable<Database[Table]>;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The embedded engine, when that is what runs (tests dump and load its data directory). */
  pglite: PGlite | undefined;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL server; when absent the embedded PGlite under dataDir is used. */
  databaseUrl?: string | undefined;
  dataDir?: string;
  /** Schema to work in on a PostgreSQL server (test runs each get their own). */
  schema?: string;
  /** A PGlite data directory dump to start from (tests load one migrated template). */
  loadDataDir?: Blob;
  /** In-memory PGlite (tests). */
  inMemory?: boolean;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  return openPglite(options);
}

async function openPglite(options: DatabaseOptions): Promise<DatabaseHandle> {
  let dataDir: string | undefined;
  if (!options.inMemory) {
    if (!options.dataDir) throw new Error('dataDir is required for the embedded database');
    dataDir = path.join(path.resolve(options.dataDir), 'pglite');
    // PGlite does not create missing parent folders.
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  }
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: { [INT8]: Number, [DATE]: (value: string) => value },
  });
  const db = new Kysely<Database>({ dialect: new PgliteDialect(pglite) });
  let isClosed = false;
  return {
    db,
    kind: 'pglite',
    pglite,
    async close() {
      if (isClosed) return;
      isClosed = true;
      await db.destroy();
      await pglite.close();
    },
  };
}

async function openPostgres(databaseUrl: string, options: DatabaseOptions): Promise<DatabaseHandle> {
  const schema = options.schema;
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid schema name: ${schema}`);
  if (schema) {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let isClosed = false;
  return {
    db,
    kind: 'postgres',
    pglite: undefined,
    async close() {
      if (isClosed) return;
      isClosed = true;
      await db.destroy();
    },
  };
}

export async function isDatabaseReachable(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** PostgreSQL error codes the services map to domain errors (by code, never by driver class). */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_CHECK_VIOLATION = '23514';

export function databaseErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = error.code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
