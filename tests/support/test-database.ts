import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/server/platform/database';
import { migrateToLatest } from '../../src/server/platform/migrator';

export const isPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** A fresh, migrated database for one test file: PGlite from the template, or a new schema on PostgreSQL. */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const handle = await openDatabase({ databaseUrl: url, schema, poolSize: 5 });
    await migrateToLatest(handle.db);
    const close = handle.close.bind(handle);
    return {
      ...handle,
      async close() {
        await sql.raw(`drop schema ${schema} cascade`).execute(handle.db);
        await close();
      },
    };
  }
  const template = inject('pgliteTemplate');
  const blob = new Blob([fs.readFileSync(template)]);
  return openDatabase({ inMemory: true, loadDataDir: blob });
}
