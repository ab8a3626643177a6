import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database';
import * as foundation from '../migrations/0001-foundation.migration';
import * as applications from '../migrations/0002-applications.migration';
import * as riskService from '../migrations/0003-risk-service.migration';
import * as validation from '../migrations/0004-validation.migration';
import * as trust from '../migrations/0005-trust.migration';
import * as validationExtras from '../migrations/0006-validation-extras.migration';
import * as auditCheckpoints from '../migrations/0007-audit-checkpoints.migration';
import * as operatorRegistration from '../migrations/0008-operator-registration.migration';
import * as emailRetryBackoff from '../migrations/0009-email-retry-backoff.migration';

/** Forward-only migrations, in order. A new one is appended here; none is ever edited once released. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-applications': applications,
  '0003-risk-service': riskService,
  '0004-validation': validation,
  '0005-trust': trust,
  '0006-validation-extras': validationExtras,
  '0007-audit-checkpoints': auditCheckpoints,
  '0008-operator-registration': operatorRegistration,
  '0009-email-retry-backoff': emailRetryBackoff,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  // Name the schema: otherwise Kysely finds another schema's migration tables and skips creating its own.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const migrator = new Migrator({
    db,
    provider: new StaticMigrationProvider(),
    migrationTableSchema: rows[0]?.schema ?? 'public',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('Migration failed', { cause: error });
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
}
