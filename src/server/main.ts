import { buildApp } from './app';
import { startDeclarationStream } from './modules/risk/declaration-stream';
import { loadConfig, ConfigError } from './platform/config';
import { openDatabase } from './platform/database';
import { migrateToLatest } from './platform/migrator';
import { createServices } from './services';
import { systemContext } from './platform/request-context';
import { DEMO_ACCOUNTS, DEMO_DOMAIN, seedDemo } from './seed/demo-seed';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(database.db);
  const services = createServices(database.db, config);
  await services.riskModels.failInterrupted(new Date());
  await services.programme.ensureActive(systemContext(new Date(), 'startup'));
  const seed = config.seedDemo
    ? await seedDemo(database.db, services, { password: config.demoPassword, now: new Date() })
    : undefined;

  const app = await buildApp({ db: database.db, config, services });
  await app.listen({ host: config.host, port: config.port });

  // A tick that outlasts the interval (a slow mail server) is not overlapped by the next one.
  let isTicking = false;
  const tick = async () => {
    if (isTicking) return;
    isTicking = true;
    try {
      await runTick();
    } finally {
      isTicking = false;
    }
  };
  const runTick = async () => {
    try {
      const now = new Date();
      await services.notifications.runDueReminders(now);
      await services.notifications.dispatchOutbox(now);
      await services.validation.runDueDeadlines(now);
      await services.trust.runScheduled(now);
    } catch (error) {
      app.log.error({ err: error }, 'scheduler tick failed');
    }
    // Apart, so that no other task's failure holds back the (at least daily) signed checkpoint of the audit chain.
    try {
      const checkpoint = await services.auditAnchor.runScheduled(new Date());
      if (checkpoint)
        app.log.info({ size: checkpoint.size, file: checkpoint.file }, 'audit checkpoint signed');
    } catch (error) {
      app.log.error({ err: error }, 'audit checkpoint failed');
    }
  };
  const scheduler = setInterval(() => void tick(), config.schedulerIntervalSeconds * 1000);
  void tick();

  // The JetStream scorer starts after the API is up; if NATS is unreachable the server runs without it (scorers can
  // also run as `openaeo declarations consume`), and what waits in the stream stays there.
  const declarationStream =
    config.natsUrl && config.nats.isConsumerEnabled
      ? startDeclarationStream(config, services.declarations, {
          name: 'openaeo-server',
          logger: app.log,
        }).then(
          (handle) => {
            app.log.info({ stream: config.nats.stream }, 'declaration stream consumer started');
            return handle;
          },
          (error: unknown) => {
            app.log.error({ err: error }, 'declaration stream consumer did not start');
            return undefined;
          },
        )
      : undefined;

  printWelcome(config.publicUrl, database.kind, config.dataDir, seed);

  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    app.log.info({ signal }, 'shutting down');
    clearInterval(scheduler);
    // Finish the stream's batch in hand and in-flight requests first, then close the database so no write is lost.
    await (await declarationStream)?.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

function printWelcome(
  url: string,
  kind: string,
  dataDir: string,
  seed: Awaited<ReturnType<typeof seedDemo>> | undefined,
): void {
  const lines = [
    '',
    `OpenAEO is running at ${url}`,
    `  API documentation: ${url}/api/docs`,
    `  Database: ${kind === 'pglite' ? `embedded PostgreSQL (PGlite) in ${dataDir}` : 'PostgreSQL server (DATABASE_URL)'}`,
  ];
  if (seed) {
    lines.push('', 'Demo accounts:');
    for (const account of DEMO_ACCOUNTS) lines.push(`  ${account.email.padEnd(32)} ${account.description}`);
    lines.push(
      `  ${`logistics@${DEMO_DOMAIN}`.padEnd(32)} Altyn Logistics JSC (forwarder, carrier; application submitted)`,
    );
    lines.push(`  ${`broker@${DEMO_DOMAIN}`.padEnd(32)} Silk Road Customs Brokers LLP (customs broker)`);
    const validationCases: [string, string][] = [
      ['senior', 'senior AEO officer (Almaty office): signs off validation reports'],
      ['kumys', 'Kumys Foods: case ready for decision'],
      ['caspian', 'Caspian Chemicals: rejected, appeal pending'],
    ];
    for (const [name, description] of validationCases)
      lines.push(`  ${`${name}@${DEMO_DOMAIN}`.padEnd(32)} ${description}`);
    if (seed.generatedPassword) {
      lines.push(
        '',
        `  Password for every demo account: ${seed.generatedPassword}`,
        '  (generated now and shown only this once; set OPENAEO_DEMO_PASSWORD before the first start to choose it)',
      );
    } else if (seed.isNew) {
      lines.push('', '  Password: the value of OPENAEO_DEMO_PASSWORD.');
    } else {
      lines.push(
        '',
        '  Password: as printed at the first start (or OPENAEO_DEMO_PASSWORD if it was set then).',
      );
    }
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else
    process.stderr.write(
      `OpenAEO failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  process.exit(1);
});
