/**
 * `openaeo declarations consume`: a standalone scorer on the JetStream declaration stream. It shares the durable
 * consumer with the server and any other scorer, so running more of them (on more machines) scales the stream out.
 */
import { hostname } from 'node:os';
import type { Command } from 'commander';
import { parseIntegerIn } from './option-parsers';
import { pino } from 'pino';
import {
  startDeclarationStream,
  type DeclarationStreamStats,
} from '../server/modules/risk/declaration-stream';
import { loadConfig } from '../server/platform/config';
import { buildLoggerOptions } from '../server/platform/logger';
import { withServices } from './platform.command';

interface ConsumeOptions {
  batch: number;
  report: number;
}

const formatCount = (n: number) => Math.round(n).toLocaleString('en-US').replace(/,/g, ' ');

function describe(stats: DeclarationStreamStats): string {
  return `decided ${formatCount(stats.decided)}, replayed ${formatCount(stats.replayed)}, dead letters ${formatCount(stats.deadLettered)}, handed back ${formatCount(stats.retried)}`;
}

export function registerConsumeCommand(declarations: Command): void {
  declarations
    .command('consume')
    .description(
      'score declarations from the JetStream stream (NATS_URL) and publish the decisions, until SIGINT or SIGTERM',
    )
    .option('--batch <n>', 'messages per fetch', parseIntegerIn(1, 5000), 500)
    .option(
      '--report <seconds>',
      'print the throughput this often (0: only at the end)',
      parseIntegerIn(0, 3600),
      10,
    )
    .action(async (options: ConsumeOptions) => {
      const config = loadConfig();
      if (!config.natsUrl) {
        process.stderr.write('Set NATS_URL (e.g. nats://127.0.0.1:4222): there is no stream to consume.\n');
        process.exitCode = 1;
        return;
      }
      const logger = pino(buildLoggerOptions(config.logLevel), pino.destination(2));
      await withServices(async (services) => {
        const stream = await startDeclarationStream(config, services.declarations, {
          name: `openaeo-scorer ${hostname()} ${process.pid}`,
          batchSize: options.batch,
          logger,
        });
        const { stats } = stream.consumer;
        process.stdout.write(
          `Consuming ${config.nats.declarationsSubject} (stream ${config.nats.stream}, consumer ${config.nats.consumer}); decisions to ${config.nats.decisionsSubject}, dead letters to ${config.nats.deadLetterSubject}. Stop with Ctrl-C.\n`,
        );
        const started = Date.now();
        let previous = { at: started, done: 0 };
        const report =
          options.report > 0
            ? setInterval(() => {
                const now = Date.now();
                const done = stats.decided + stats.replayed + stats.deadLettered;
                const rate = ((done - previous.done) * 1000) / Math.max(1, now - previous.at);
                previous = { at: now, done };
                process.stdout.write(
                  `${new Date(now).toISOString().slice(11, 19)}  ${formatCount(rate)} declarations/s  (${describe(stats)})\n`,
                );
              }, options.report * 1000)
            : undefined;

        let signal = 'end of stream connection';
        await Promise.race([
          new Promise<void>((resolve) => {
            const stop = (name: string) => {
              signal = name;
              resolve();
            };
            process.once('SIGINT', () => stop('SIGINT'));
            process.once('SIGTERM', () => stop('SIGTERM'));
          }),
          stream.consumer.done,
        ]);
        clearInterval(report);
        process.stdout.write(`${signal}: finishing the batch in hand…\n`);
        await stream.stop();
        await services.scoringPool.close();
        const seconds = (Date.now() - started) / 1000;
        const done = stats.decided + stats.replayed + stats.deadLettered;
        process.stdout.write(
          `Stopped after ${seconds.toFixed(1)} s: ${describe(stats)}; ${formatCount(done / Math.max(seconds, 0.001))} declarations/s on average.\n`,
        );
      });
    });
}
