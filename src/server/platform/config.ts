import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Every setting the server reads from the environment; README.md lists them. */
const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  OPENAEO_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OPENAEO_DEMO_PASSWORD: z.string().optional(),
  OPENAEO_SEED_DEMO: booleanFromEnv.optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1_048_576),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(30),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  TOTP_REQUIRED: booleanFromEnv.optional(),
  TRUST_PROXY: booleanFromEnv.default(false),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().positive().default(587),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_SECURE: booleanFromEnv.default(false),
  MAIL_FROM: z.string().default('OpenAEO <no-reply@openaeo.test>'),
  SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().positive().default(60),
  NATS_URL: z.string().optional(),
  NATS_STREAM: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('OPENAEO_DECLARATIONS'),
  NATS_DECLARATIONS_SUBJECT: z.string().min(1).default('openaeo.declarations'),
  NATS_DECISIONS_SUBJECT: z.string().min(1).default('openaeo.decisions'),
  NATS_DEAD_LETTER_SUBJECT: z.string().min(1).default('openaeo.dead-letter.declarations'),
  NATS_CONSUMER: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('openaeo-scorer'),
  NATS_CONSUMER_ENABLED: booleanFromEnv.default(true),
  SCORING_THREADS: z.coerce.number().int().min(0).max(64).optional(),
  DECLARATIONS_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(16 * 1_048_576),
  TRUST_SIGNING_KEY_FILE: z.string().optional(),
  TRUST_KEY_DIR: z.string().optional(),
  TRUST_SIGNING_ALGORITHM: z.enum(['EdDSA', 'ES256']).default('EdDSA'),
  TRUST_COUNTRY_CODE: z
    .string()
    .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2, e.g. KZ')
    .default('KZ'),
  TRUST_STATUS_LIST_VALIDITY_HOURS: z.coerce.number().int().min(2).max(168).default(48),
  VERIFY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  AUDIT_CHECKPOINT_FILE: z.string().optional(),
  AUDIT_CHECKPOINT_INTERVAL_HOURS: z.coerce.number().int().min(1).max(24).default(24),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: string;
  demoPassword: string | undefined;
  seedDemo: boolean;
  session: { idleMinutes: number; absoluteHours: number; cookieSecure: boolean };
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  login: { maxFailuresPerAccount: number; maxFailuresPerAddress: number; windowMinutes: number };
  /** Customs and admin users must use a second factor (always in production). */
  isTotpRequired: boolean;
  trustProxy: boolean;
  smtp:
    | { host: string; port: number; secure: boolean; user: string | undefined; password: string | undefined }
    | undefined;
  mailFrom: string;
  schedulerIntervalSeconds: number;
  natsUrl: string | undefined;
  /** JetStream names: the stream holding declarations, its subjects and the durable consumer of the scorers. */
  nats: {
    stream: string;
    declarationsSubject: string;
    decisionsSubject: string;
    deadLetterSubject: string;
    consumer: string;
    /** Whether the server process itself consumes (scorers can also run as `openaeo declarations consume`). */
    isConsumerEnabled: boolean;
  };
  /** Threads that score large batches (0: score on the main thread). */
  scoringThreads: number;
  declarationsBodyLimitBytes: number;
  /** Certificates, status lists and the transparency log (see the trust module). */
  trust: {
    /** A private key (PKCS#8 PEM or private JWK) kept outside the database and the data dir; rotation = new file. */
    signingKeyFile: string | undefined;
    /** Where generated private keys are written when no signingKeyFile is given. */
    keyDir: string;
    signingAlgorithm: 'EdDSA' | 'ES256';
    /** The issuing administration's country, as certificate numbers write it. */
    countryCode: string;
    statusListValidityHours: number;
    verifyRateLimitPerMinute: number;
  };
  /** Signed checkpoints of the audit chain (see audit-anchor.service.ts). */
  audit: {
    /** Append-only JSON Lines file each checkpoint is also written to, for a second party to keep. */
    checkpointFile: string;
    /** The scheduler signs a checkpoint when the latest is this old (at most a day). */
    checkpointIntervalHours: number;
  };
}

export class ConfigError extends Error {}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const isProduction = env.NODE_ENV === 'production';
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    dataDir: path.resolve(env.OPENAEO_DATA_DIR),
    databaseUrl: env.DATABASE_URL || undefined,
    logLevel: env.LOG_LEVEL,
    demoPassword: env.OPENAEO_DEMO_PASSWORD || undefined,
    // A production start seeds no demo accounts unless asked to (a known password on a live system is a hole).
    seedDemo: env.OPENAEO_SEED_DEMO ?? !isProduction,
    session: {
      idleMinutes: env.SESSION_IDLE_MINUTES,
      absoluteHours: env.SESSION_ABSOLUTE_HOURS,
      cookieSecure: isProduction,
    },
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    uploadLimitBytes: env.UPLOAD_LIMIT_BYTES,
    login: {
      maxFailuresPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerAddress: env.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowMinutes: env.LOGIN_WINDOW_MINUTES,
    },
    isTotpRequired: isProduction || (env.TOTP_REQUIRED ?? false),
    trustProxy: env.TRUST_PROXY,
    smtp: env.SMTP_HOST
      ? {
          host: env.SMTP_HOST,
          port: env.SMTP_PORT,
          secure: env.SMTP_SECURE,
          user: env.SMTP_USER,
          password: env.SMTP_PASSWORD,
        }
      : undefined,
    mailFrom: env.MAIL_FROM,
    schedulerIntervalSeconds: env.SCHEDULER_INTERVAL_SECONDS,
    natsUrl: env.NATS_URL || undefined,
    nats: {
      stream: env.NATS_STREAM,
      declarationsSubject: env.NATS_DECLARATIONS_SUBJECT,
      decisionsSubject: env.NATS_DECISIONS_SUBJECT,
      deadLetterSubject: env.NATS_DEAD_LETTER_SUBJECT,
      consumer: env.NATS_CONSUMER,
      isConsumerEnabled: env.NATS_CONSUMER_ENABLED,
    },
    scoringThreads: env.SCORING_THREADS ?? Math.min(4, availableParallelism()),
    declarationsBodyLimitBytes: env.DECLARATIONS_BODY_LIMIT_BYTES,
    trust: {
      signingKeyFile: env.TRUST_SIGNING_KEY_FILE ? path.resolve(env.TRUST_SIGNING_KEY_FILE) : undefined,
      keyDir: path.resolve(env.TRUST_KEY_DIR ?? path.join(env.OPENAEO_DATA_DIR, 'trust-keys')),
      signingAlgorithm: env.TRUST_SIGNING_ALGORITHM,
      countryCode: env.TRUST_COUNTRY_CODE,
      statusListValidityHours: env.TRUST_STATUS_LIST_VALIDITY_HOURS,
      verifyRateLimitPerMinute: env.VERIFY_RATE_LIMIT_PER_MINUTE,
    },
    audit: {
      checkpointFile: path.resolve(
        env.AUDIT_CHECKPOINT_FILE || path.join(env.OPENAEO_DATA_DIR, 'audit-checkpoints.jsonl'),
      ),
      checkpointIntervalHours: env.AUDIT_CHECKPOINT_INTERVAL_HOURS,
    },
  };
}
