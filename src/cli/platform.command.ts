import type { Command } from 'commander';
import { loadConfig } from '../server/platform/config';
import { openDatabase, type DatabaseHandle } from '../server/platform/database';
import { migrateToLatest } from '../server/platform/migrator';
import { systemContext } from '../server/platform/request-context';
import { createServices, type Services } from '../server/services';

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
    .description('recompute the audit hash chain; exit code 1 when it is broken')
    .action(async () => {
      const result = await withServices((services) => services.audit.verifyChain());
      if (result.ok) process.stdout.write(`OK: ${result.events} audit events, hash chain intact.\n`);
      else {
        process.stdout.write(
          `BROKEN at event ${result.firstBrokenEvent} (sequence ${result.seq}): ${result.reason}. ${result.events} events read.\n`,
        );
        process.exitCode = 1;
      }
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
