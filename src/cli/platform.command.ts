import type { Command } from 'commander';
import { loadConfig } from '../server/platform/config';
import { openDatabase, type DatabaseHandle } from '../server/platform/database';
import { migrateToLatest } from '../server/platform/migrator';
import { systemContext } from '../server/platform/request-context';
import { createServices, type Services } from '../server/services';
import type { AuditVerification } from '../server/modules/trust/audit-anchor.service';

/** Runs a command against the configured database (DATABASE_URL, or the embedded one: stop the server first). */
export async function withServices<T>(
  run: (services: Services, database: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    return await run(createServices(database.db, config, undefined), database);
  } finally {
    await database.close();
  }
}

export function registerPlatformCommands(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async () => {
      const config = loadConfig();
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const applied = await migrateToLatest(database.db);
        process.stdout.write(
          applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n',
        );
      } finally {
        await database.close();
      }
    });

  const audit = program.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description(
      'recompute the audit hash chain and check it against its signed checkpoints (database, transparency log, ' +
        'checkpoint file); exit code 1 when anything fails',
    )
    .option(
      '--checkpoint-file <path>',
      'a checkpoint file to check against, e.g. the copy a second party keeps (default: AUDIT_CHECKPOINT_FILE)',
    )
    .action(async (options: { checkpointFile?: string }) => {
      const result = await withServices((services) =>
        services.auditAnchor.verify({ checkpointFile: options.checkpointFile }),
      );
      process.stdout.write(describeAuditVerification(result));
      if (!result.ok) process.exitCode = 1;
    });
  audit
    .command('checkpoint')
    .description(
      'sign a checkpoint of the audit chain now (its size and head hash), into the database, the transparency log ' +
        'and the checkpoint file; the server signs one at least daily',
    )
    .action(async () => {
      const created = await withServices((services) =>
        services.auditAnchor.createCheckpoint(systemContext(new Date(), 'cli')),
      );
      process.stdout.write(
        `Signed checkpoint: ${created.size} events, head ${created.headHash}, transparency log leaf ${created.logLeafIndex}; written to ${created.file}.\n`,
      );
    });

  const users = program.command('users').description('user accounts');
  users
    .command('create-admin')
    .description('create an administrator (production installs start with none)')
    .requiredOption('--email <email>', 'e-mail address')
    .requiredOption('--name <name>', 'full name')
    .option('--password <password>', 'initial password (or set OPENAEO_ADMIN_PASSWORD)')
    .action(async (options: { email: string; name: string; password?: string }) => {
      const password = options.password ?? process.env.OPENAEO_ADMIN_PASSWORD;
      if (!password) throw new Error('Give --password or set OPENAEO_ADMIN_PASSWORD.');
      const user = await withServices((services) =>
        services.users.create(systemContext(new Date(), 'cli'), {
          email: options.email,
          name: options.name,
          password,
          roles: ['admin'],
        }),
      );
      process.stdout.write(`Created administrator ${user.email} (${user.id}).\n`);
    });
}

/** What `openaeo audit verify` prints: what was checked, or what failed and where. */
export function describeAuditVerification(result: AuditVerification): string {
  const checkpoint = result.checkpoint
    ? `latest checkpoint: ${result.checkpoint.size} events, signed ${result.checkpoint.signedAt}`
    : 'no checkpoint yet: a removed tail or a re-hashed chain cannot be detected (run `openaeo audit checkpoint`)';
  if (result.ok) return `OK: ${result.events} audit events, hash chain intact; ${checkpoint}.\n`;
  const where =
    result.firstBrokenEvent !== null
      ? ` at event ${result.firstBrokenEvent} (sequence ${result.seq})`
      : result.seq !== null
        ? ` at sequence ${result.seq}`
        : '';
  const reason = result.reason.endsWith('.') ? result.reason : `${result.reason}.`;
  return `BROKEN (${result.check})${where}: ${reason} ${result.events} events read; ${checkpoint}.\n`;
}
