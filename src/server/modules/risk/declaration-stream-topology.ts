import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  nanos,
  type JetStreamManager,
  type StreamConfig,
} from 'nats';

/** Where the declaration stream lives in JetStream: the streams, subjects and the scorers' durable consumer. */
export interface DeclarationStreamNames {
  stream: string;
  declarationsSubject: string;
  decisionsSubject: string;
  deadLetterSubject: string;
  consumer: string;
}

/** Unacknowledged messages across all scorers of the durable consumer. */
const MAX_ACK_PENDING = 10_000;
/** Decisions and dead letters are kept this long for single windows and analysts to read. */
const OUTPUT_MAX_AGE_MS = 7 * 24 * 3_600_000;
/** Republished decisions (same declaration id) within this window are dropped by JetStream. */
const DUPLICATE_WINDOW_MS = 2 * 60_000;

export function outputStreamName(stream: string): string {
  return `${stream}_OUT`;
}

function isNotFound(error: unknown): boolean {
  const apiError = (error as { api_error?: { code?: number } } | null)?.api_error;
  return apiError?.code === 404;
}

async function ensureStream(
  jsm: JetStreamManager,
  config: Partial<StreamConfig> & { name: string; subjects: string[] },
): Promise<void> {
  try {
    const info = await jsm.streams.info(config.name);
    const missing = config.subjects.filter((subject) => !info.config.subjects.includes(subject));
    // An operator may have created it with other limits: keep them, add only the subjects we need.
    if (missing.length > 0)
      await jsm.streams.update(config.name, { subjects: [...info.config.subjects, ...missing] });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await jsm.streams.add(config);
  }
}

/**
 * The declarations stream, the output stream and the scorers' durable consumer, created when missing (several
 * scorers may start together: creating the same thing twice is accepted by the server).
 */
export async function ensureDeclarationStreams(
  jsm: JetStreamManager,
  options: DeclarationStreamNames & { ackWaitMs: number; maxDeliver: number },
): Promise<void> {
  // WorkQueue: a declaration is the scorers' work item, removed once acked; the durable consumer shared by all
  // scorers is its only reader (WorkQueue refuses a second, overlapping consumer, which would score twice). The
  // record of what was received is the database, not the stream; unacked messages stay until a scorer decides them.
  await ensureStream(jsm, {
    name: options.stream,
    subjects: [options.declarationsSubject],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    discard: DiscardPolicy.New,
  });
  // Limits: decisions and dead letters are read by several parties (the single window, analysts, dashboards), each
  // with its own consumer, so they are kept for a week instead of disappearing at the first ack.
  await ensureStream(jsm, {
    name: outputStreamName(options.stream),
    subjects: [options.decisionsSubject, options.deadLetterSubject],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: nanos(OUTPUT_MAX_AGE_MS),
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
  });
  const wanted = {
    ack_wait: nanos(options.ackWaitMs),
    max_deliver: options.maxDeliver,
    max_ack_pending: MAX_ACK_PENDING,
  };
  try {
    const info = await jsm.consumers.info(options.stream, options.consumer);
    const config = info.config;
    if (
      config.ack_wait !== wanted.ack_wait ||
      config.max_deliver !== wanted.max_deliver ||
      config.max_ack_pending !== wanted.max_ack_pending
    )
      await jsm.consumers.update(options.stream, options.consumer, wanted);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await jsm.consumers.add(options.stream, {
      durable_name: options.consumer,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: options.declarationsSubject,
      ...wanted,
    });
  }
}
