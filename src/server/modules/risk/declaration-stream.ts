import {
  connect,
  headers as createHeaders,
  type Consumer,
  type ConsumerMessages,
  type JetStreamClient,
  type JsMsg,
  type NatsConnection,
} from 'nats';
import type { Declaration } from '../../../risk-engine/index';
import type { Config } from '../../platform/config';
import { AppError, type FieldError } from '../../platform/errors';
import { systemContext } from '../../platform/request-context';
import {
  encodePayload,
  parseDeclarationMessage,
  type DeadLetter,
  type DeadLetterReason,
} from './declaration-stream-messages';
import { ensureDeclarationStreams, type DeclarationStreamNames } from './declaration-stream-topology';
import type { DecisionDto } from './declarations.schemas';
import type { DeclarationsService } from './declarations.service';

/**
 * The JetStream path of the risk service: a single window publishes declarations to a subject, scorers (the server
 * process and any number of `openaeo declarations consume`) share one durable pull consumer, and every declaration
 * ends as a decision on the decisions subject or as a dead letter with its reason. The order of effects is what
 * makes a crash harmless: store (idempotent by declaration id) → publish decisions (deduplicated by `Nats-Msg-Id`)
 * → ack. A scorer killed anywhere before the ack leaves its messages to be redelivered; the redelivery is answered
 * from the store (`replayed: true`) and its decision republished, so nothing is lost and nothing decided twice.
 */

export {
  ensureDeclarationStreams,
  outputStreamName,
  type DeclarationStreamNames,
} from './declaration-stream-topology';

export interface DeclarationStreamOptions extends DeclarationStreamNames {
  /** Messages per fetch; each fetch is ingested as one batch (split above `maxDeclarationsPerIngest`). */
  batchSize?: number;
  /** How long the server waits for an ack before redelivering (a scorer that died). */
  ackWaitMs?: number;
  /** Deliveries of one message at most; the last failed one is dead-lettered, so none is dropped silently. */
  maxDeliver?: number;
  /** Delay before the first redelivery after a store failure; doubles each time, capped at a minute. */
  retryDelayMs?: number;
  /** How long one wait for a new message lasts when the stream is empty (the client's minimum is 1 s). */
  idleWaitMs?: number;
  maxDeclarationsPerIngest?: number;
  /** Batches in progress at once (fetched, being stored or published, not yet acked). */
  concurrency?: number;
  clock?: () => Date;
  logger?: StreamLogger;
}

/** The part of a pino logger the stream uses (Fastify's `app.log` fits). */
export interface StreamLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export type DeclarationIngest = Pick<DeclarationsService, 'ingest'>;

export interface DeclarationStreamStats {
  messages: number;
  batches: number;
  /** Declarations decided and stored by this consumer. */
  decided: number;
  /** Redelivered declarations answered from the store. */
  replayed: number;
  deadLettered: number;
  /** Messages handed back for redelivery after a failure. */
  retried: number;
}

const DEFAULTS = {
  batchSize: 500,
  ackWaitMs: 30_000,
  maxDeliver: 10,
  retryDelayMs: 1000,
  idleWaitMs: 5000,
  maxDeclarationsPerIngest: 5000,
  concurrency: 2,
};
/** After a batch of `n`, fetch only what the server said was waiting, but wait this long at most for it. */
const TOP_UP_WAIT_MS = 1000;
const MAX_RETRY_DELAY_MS = 60_000;

const HEADER_DECLARATION_ID = 'OpenAEO-Declaration-Id';
const HEADER_CHANNEL = 'OpenAEO-Channel';
const HEADER_REASON = 'OpenAEO-Dead-Letter-Reason';
const HEADER_SOURCE_SUBJECT = 'OpenAEO-Source-Subject';
const HEADER_SOURCE_SEQUENCE = 'OpenAEO-Source-Sequence';

const silentLogger: StreamLogger = { info() {}, warn() {}, error() {} };
const encoder = new TextEncoder();

interface Entry {
  msg: JsMsg;
  declarations: Declaration[];
}

interface Refusal {
  msg: JsMsg;
  reason: DeadLetterReason;
  message: string;
  fields: FieldError[];
  details: Record<string, unknown>;
}

interface Outcome {
  decided: { msg: JsMsg; decisions: DecisionDto[] }[];
  refused: Refusal[];
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Entries in rounds where no declaration id repeats: a repeated id inside one fetch (a publisher's retry, or a
 * corrected declaration) goes to a later round, where the store answers it as a replay or refuses it as a conflict,
 * exactly as if it had arrived in the next fetch.
 */
function splitIntoRounds(entries: Entry[]): Entry[][] {
  const rounds: { entries: Entry[]; ids: Set<string> }[] = [];
  for (const entry of entries) {
    let round = rounds.find((r) => entry.declarations.every((d) => !r.ids.has(d.id)));
    if (!round) {
      round = { entries: [], ids: new Set() };
      rounds.push(round);
    }
    round.entries.push(entry);
    for (const d of entry.declarations) round.ids.add(d.id);
  }
  return rounds.map((r) => r.entries);
}

/** Consecutive entries with at most `limit` declarations each (an entry is never split). */
function chunkEntries(entries: Entry[], limit: number): Entry[][] {
  const chunks: Entry[][] = [];
  let current: Entry[] = [];
  let size = 0;
  for (const entry of entries) {
    if (current.length > 0 && size + entry.declarations.length > limit) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(entry);
    size += entry.declarations.length;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export class DeclarationStreamConsumer {
  readonly stats: DeclarationStreamStats = {
    messages: 0,
    batches: 0,
    decided: 0,
    replayed: 0,
    deadLettered: 0,
    retried: 0,
  };
  private readonly options: Required<DeclarationStreamOptions>;
  private readonly js: JetStreamClient;
  private isStopping = false;
  private loop: Promise<void> | undefined;
  private pull: ConsumerMessages | undefined;

  constructor(
    private readonly nc: NatsConnection,
    private readonly ingest: DeclarationIngest,
    options: DeclarationStreamOptions,
  ) {
    this.options = {
      ...DEFAULTS,
      clock: () => new Date(),
      logger: silentLogger,
      ...options,
    };
    this.options.idleWaitMs = Math.max(1000, this.options.idleWaitMs);
    this.js = nc.jetstream();
  }

  /** Creates what is missing and starts consuming in the background; resolves once the consumer is bound. */
  async start(): Promise<void> {
    if (this.loop) return;
    await ensureDeclarationStreams(await this.nc.jetstreamManager(), this.options);
    const consumer = await this.js.consumers.get(this.options.stream, this.options.consumer);
    this.loop = this.run(consumer);
  }

  /**
   * Stops fetching, finishes (stores, publishes, acks) the batch in hand and returns. Messages the server was
   * sending as the fetch closed are redelivered to another scorer after the ack wait.
   */
  async stop(): Promise<void> {
    this.isStopping = true;
    await this.pull?.close();
    await this.loop;
  }

  /** Resolves when the consuming loop has ended (stopped, or the connection closed). */
  get done(): Promise<void> {
    return this.loop ?? Promise.resolve();
  }

  private get isRunning(): boolean {
    return !this.isStopping && !this.nc.isClosed();
  }

  private async run(consumer: Consumer): Promise<void> {
    const { batchSize, concurrency, idleWaitMs, logger } = this.options;
    // What the server said was still waiting after the last message we got: fetch that much without waiting for a
    // full batch, so a lone declaration is decided in milliseconds and a backlog in batches of `batchSize`.
    let waiting = 0;
    const inFlight = new Set<Promise<void>>();
    try {
      while (this.isRunning) {
        try {
          const messages = waiting > 0 ? [] : await this.fetch(consumer, 1, idleWaitMs);
          if (waiting === 0 && messages.length === 0) continue;
          const known = waiting > 0 ? waiting : messages[0]!.info.pending;
          const room = Math.min(batchSize - messages.length, known);
          if (room > 0 && this.isRunning)
            messages.push(...(await this.fetch(consumer, room, TOP_UP_WAIT_MS)));
          waiting = messages.at(-1)?.info.pending ?? 0;
          if (messages.length === 0) continue;
          // Batches overlap: the next one is fetched and stored while this one's decisions are published and acked
          // (each message still goes store → publish → ack; batches are independent of each other).
          const task: Promise<void> = this.process(messages).finally(() => inFlight.delete(task));
          inFlight.add(task);
          if (inFlight.size >= concurrency) await Promise.race(inFlight);
        } catch (error) {
          if (!this.isRunning) break;
          logger.error({ err: error }, 'declaration stream: fetch failed; retrying in 1 s');
          waiting = 0;
          await sleep(1000);
        }
      }
    } finally {
      await Promise.all(inFlight);
    }
  }

  private async fetch(consumer: Consumer, count: number, expires: number): Promise<JsMsg[]> {
    const pull = await consumer.fetch({ max_messages: count, expires });
    this.pull = pull;
    if (this.isStopping) await pull.close();
    const messages: JsMsg[] = [];
    try {
      for await (const msg of pull) messages.push(msg);
    } finally {
      this.pull = undefined;
    }
    return messages;
  }

  private async process(messages: JsMsg[]): Promise<void> {
    this.stats.messages += messages.length;
    this.stats.batches += 1;
    // A slow store must not look like a dead scorer: tell the server we are still working on them.
    const heartbeat = setInterval(
      () => {
        try {
          for (const msg of messages) msg.working();
        } catch {
          // The connection is gone: the server redelivers after the ack wait.
        }
      },
      Math.max(500, this.options.ackWaitMs / 3),
    );
    try {
      const outcome = await this.decide(messages);
      await Promise.all([
        ...outcome.decided.map(({ decisions }) => this.publishDecisions(decisions)),
        ...outcome.refused.map((refusal) => this.publishDeadLetter(refusal)),
      ]);
      // Only now: the decisions are stored and published, the refusals are in the dead-letter subject.
      for (const msg of messages) msg.ack();
      await this.nc.flush();
      for (const { decisions } of outcome.decided) {
        for (const decision of decisions) {
          if (decision.replayed) this.stats.replayed += 1;
          else this.stats.decided += 1;
        }
      }
      this.stats.deadLettered += outcome.refused.length;
    } catch (error) {
      await this.handBack(messages, error);
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Parses, validates and ingests one fetch; throws when the store (or anything but the content) failed. */
  private async decide(messages: JsMsg[]): Promise<Outcome> {
    const outcome: Outcome = { decided: [], refused: [] };
    const entries: Entry[] = [];
    for (const msg of messages) {
      const parsed = parseDeclarationMessage(msg.data);
      if (parsed.isValid) entries.push({ msg, declarations: parsed.declarations });
      else
        outcome.refused.push({
          msg,
          reason: parsed.reason,
          message: parsed.message,
          fields: parsed.fields,
          details: {},
        });
    }
    for (const round of splitIntoRounds(entries)) {
      for (const chunk of chunkEntries(round, this.options.maxDeclarationsPerIngest)) {
        const result = await this.ingestChunk(chunk);
        outcome.decided.push(...result.decided);
        outcome.refused.push(...result.refused);
      }
    }
    return outcome;
  }

  /**
   * One ingest call for the chunk. A submission with a conflicting declaration writes nothing, so the messages
   * holding the conflicting ids are refused and the rest sent again; any other refusal of the content is narrowed
   * down to its message by ingesting message by message. Store failures propagate (the whole fetch is retried).
   */
  private async ingestChunk(chunk: Entry[]): Promise<Outcome> {
    const outcome: Outcome = { decided: [], refused: [] };
    let remaining = chunk;
    while (remaining.length > 0) {
      try {
        const decisions = await this.ingest.ingest(
          systemContext(this.options.clock(), 'stream'),
          remaining.flatMap((entry) => entry.declarations),
          { source: 'stream' },
        );
        let offset = 0;
        for (const entry of remaining) {
          outcome.decided.push({
            msg: entry.msg,
            decisions: decisions.slice(offset, offset + entry.declarations.length),
          });
          offset += entry.declarations.length;
        }
        return outcome;
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        const ids = error.details.ids;
        if (error.details.reason === 'declaration_conflict' && Array.isArray(ids)) {
          const conflicting = new Set(ids.filter((id): id is string => typeof id === 'string'));
          const refused = remaining.filter((entry) => entry.declarations.some((d) => conflicting.has(d.id)));
          if (refused.length > 0) {
            for (const entry of refused) {
              const fields = entry.declarations.flatMap((d, index) =>
                conflicting.has(d.id)
                  ? [
                      {
                        path: entry.declarations.length > 1 ? `declarations.${index}.id` : 'id',
                        message: `${d.id} was already received with different content`,
                      },
                    ]
                  : [],
              );
              outcome.refused.push({
                msg: entry.msg,
                reason: 'declaration_conflict',
                message: error.message,
                fields,
                details: { ...error.details, code: error.code },
              });
            }
            remaining = remaining.filter((entry) => !refused.includes(entry));
            continue;
          }
        }
        if (remaining.length === 1) {
          outcome.refused.push({
            msg: remaining[0]!.msg,
            reason: 'rejected',
            message: error.message,
            fields: error.details.fields ?? [],
            details: { ...error.details, code: error.code },
          });
          return outcome;
        }
        for (const entry of remaining) {
          const single = await this.ingestChunk([entry]);
          outcome.decided.push(...single.decided);
          outcome.refused.push(...single.refused);
        }
        return outcome;
      }
    }
    return outcome;
  }

  private async publishDecisions(decisions: DecisionDto[]): Promise<void> {
    await Promise.all(
      decisions.map((decision) => {
        const headers = createHeaders();
        headers.set(HEADER_DECLARATION_ID, decision.declarationId);
        headers.set(HEADER_CHANNEL, decision.channel);
        // A republished decision (a redelivery answered from the store) is dropped by JetStream within the window.
        return this.js.publish(this.options.decisionsSubject, encoder.encode(JSON.stringify(decision)), {
          msgID: decision.declarationId,
          headers,
        });
      }),
    );
  }

  private async publishDeadLetter(refusal: Refusal): Promise<void> {
    const { msg } = refusal;
    const original: Record<string, string[]> = {};
    const headers = createHeaders();
    for (const [key, values] of msg.headers ?? []) {
      original[key] = values;
      // Nats-* headers steer JetStream (deduplication, expectations); on the dead letter they would misfire.
      if (!key.toLowerCase().startsWith('nats-')) for (const value of values) headers.append(key, value);
    }
    headers.set(HEADER_REASON, refusal.reason);
    headers.set(HEADER_SOURCE_SUBJECT, msg.subject);
    headers.set(HEADER_SOURCE_SEQUENCE, String(msg.info.streamSequence));
    const maxPayload = this.nc.info?.max_payload ?? 1_048_576;
    const build = (maxChars: number): Uint8Array => {
      const letter: DeadLetter = {
        reason: refusal.reason,
        message: refusal.message,
        fields: refusal.fields.slice(0, 200),
        details: refusal.details,
        source: {
          stream: msg.info.stream,
          subject: msg.subject,
          sequence: msg.info.streamSequence,
          deliveryCount: msg.info.deliveryCount,
          publishedAt: new Date(Math.floor(msg.info.timestampNanos / 1e6)).toISOString(),
        },
        deadLetteredAt: this.options.clock().toISOString(),
        headers: original,
        payload: encodePayload(msg.data, maxChars),
      };
      return encoder.encode(JSON.stringify(letter));
    };
    // The original may be close to the size limit itself: cut its copy until the dead letter fits.
    let maxChars = maxPayload;
    let body = build(maxChars);
    while (body.byteLength > maxPayload - 4096 && maxChars > 1024) {
      maxChars = Math.floor(maxChars / 2);
      body = build(maxChars);
    }
    await this.js.publish(this.options.deadLetterSubject, body, {
      msgID: `dead-letter:${msg.info.stream}:${msg.info.streamSequence}`,
      headers,
    });
  }

  /**
   * Something other than the content failed (the store, or NATS while publishing): every message of the fetch is
   * handed back for a delayed redelivery. A message on its last allowed delivery is dead-lettered instead, so that
   * reaching `max_deliver` never drops a declaration without a trace.
   */
  private async handBack(messages: JsMsg[], error: unknown): Promise<void> {
    const { logger, maxDeliver, retryDelayMs } = this.options;
    if (this.nc.isClosed()) return; // the server redelivers after the ack wait
    logger.warn(
      { err: error, messages: messages.length },
      'declaration stream: batch failed; handing it back for redelivery',
    );
    await Promise.all(
      messages.map(async (msg) => {
        const attempt = msg.info.deliveryCount;
        try {
          if (attempt >= maxDeliver) {
            await this.publishDeadLetter({
              msg,
              reason: 'delivery_attempts_exhausted',
              message: `Not decided after ${attempt} deliveries: ${errorText(error)}`,
              fields: [],
              details: { error: errorText(error) },
            });
            msg.ack();
            this.stats.deadLettered += 1;
          } else {
            msg.nak(Math.min(retryDelayMs * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS));
            this.stats.retried += 1;
          }
        } catch (failure) {
          logger.error(
            { err: failure, sequence: msg.info.streamSequence },
            'declaration stream: could not hand a message back; the server redelivers it after the ack wait',
          );
        }
      }),
    );
  }
}

export interface DeclarationStreamHandle {
  consumer: DeclarationStreamConsumer;
  connection: NatsConnection;
  /** Finishes the batch in hand, then drains the connection (pending acks and publishes are flushed). */
  stop(): Promise<void>;
}

/** Connects to `config.natsUrl` and starts one consumer (the server's, or a standalone scorer's). */
export async function startDeclarationStream(
  config: Pick<Config, 'natsUrl' | 'nats'>,
  ingest: DeclarationIngest,
  options: Omit<DeclarationStreamOptions, keyof DeclarationStreamNames> & { name?: string } = {},
): Promise<DeclarationStreamHandle> {
  if (!config.natsUrl)
    throw new AppError('unavailable', 'NATS_URL is not set: there is no stream to consume.');
  const { name = 'openaeo-scorer', ...rest } = options;
  let connection: NatsConnection;
  try {
    // Reconnect forever once connected: a NATS restart must not stop the scorer.
    connection = await connect({ servers: config.natsUrl, name, maxReconnectAttempts: -1 });
  } catch (error) {
    throw new AppError('unavailable', `NATS at ${config.natsUrl} is not reachable: ${errorText(error)}`);
  }
  const consumer = new DeclarationStreamConsumer(connection, ingest, {
    stream: config.nats.stream,
    declarationsSubject: config.nats.declarationsSubject,
    decisionsSubject: config.nats.decisionsSubject,
    deadLetterSubject: config.nats.deadLetterSubject,
    consumer: config.nats.consumer,
    ...rest,
  });
  try {
    await consumer.start();
  } catch (error) {
    await connection.close();
    throw error;
  }
  return {
    consumer,
    connection,
    async stop() {
      await consumer.stop();
      // Drain flushes the acks and publishes in flight; a NATS that is down cannot drain, so do not wait forever.
      if (!connection.isClosed()) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          connection.drain().catch(() => undefined),
          new Promise((resolve) => (timer = setTimeout(resolve, 5000))),
        ]);
        clearTimeout(timer);
      }
      if (!connection.isClosed()) await connection.close();
    },
  };
}
