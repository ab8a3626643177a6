import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, inject } from 'vitest';
import { buildApp } from '../../src/server/app';
import { loadConfig, type Config } from '../../src/server/platform/config';
import type { DatabaseHandle } from '../../src/server/platform/database';
import { systemContext, type ApiScope, type Role } from '../../src/server/platform/request-context';
import { createServices, type Services } from '../../src/server/services';
import { recordRouteCoverage } from './route-coverage';
import { openTestDatabase } from './test-database';

export const TEST_PASSWORD = 'Caravan-route-2026!';

/** A clock tests move by hand: reminders, expiry and escalation run without waiting. */
export class TestClock {
  constructor(private current = new Date('2026-03-02T09:00:00.000Z')) {}
  now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(date: Date): void {
    this.current = new Date(date);
  }
}

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  config: Config;
  database: DatabaseHandle;
  clock: TestClock;
  close: () => Promise<void>;
}

export async function createTestApp(
  environment: Record<string, string> = {},
  options: { logStream?: NodeJS.WritableStream } = {},
): Promise<TestApp> {
  const database = await openTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    OPENAEO_DATA_DIR: '/nonexistent',
    // Each app its own audit checkpoint file: a signed checkpoint speaks for one database.
    AUDIT_CHECKPOINT_FILE: path.join(tmpdir(), `openaeo-audit-checkpoints-${randomUUID()}.jsonl`),
    ...environment,
  });
  // The services as the server wires them (an SMTP mailer only when the config names a server).
  const services = createServices(database.db, config);
  await services.programme.ensureActive(systemContext(new Date(), 'test'));
  const clock = new TestClock();
  const app = await buildApp({
    db: database.db,
    config,
    services,
    clock: clock.now,
    webDir: '/nonexistent',
    ...(options.logStream ? { logStream: options.logStream } : { logger: false }),
  });
  // Absent when a config runs without the global setup (the mutation-testing config).
  const routeCoverageDir = inject('routeCoverageDir') as string | undefined;
  if (routeCoverageDir) recordRouteCoverage(app, routeCoverageDir);
  await app.ready();
  return {
    app,
    services,
    config,
    database,
    clock,
    async close() {
      await app.close();
      await database.close();
      rmSync(config.audit.checkpointFile, { force: true });
    },
  };
}

/**
 * One test app for a test file: built in a `beforeAll` registered where this is called (so before the file's own
 * hooks, which may use it) and closed after the file's tests. The returned object stands for the app once built;
 * reading it outside a test or hook throws.
 */
export function useTestApp(environment: Record<string, string> = {}): TestApp {
  return useForFile(() => createTestApp(environment));
}

/** `useTestApp` for any fixture a file builds once and closes after its tests (an app with keys, staff…). */
export function useForFile<T extends { close: () => Promise<void> }>(build: () => Promise<T>): T {
  let built: T | undefined;
  beforeAll(async () => {
    built = await build();
  });
  afterAll(async () => built?.close());
  return new Proxy({} as T, {
    get(_target, key) {
      if (!built) throw new Error('The test fixture is built in beforeAll: use it inside a test or a hook.');
      return built[key as keyof T];
    },
  });
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A signed-in browser: keeps the session cookie and sends the CSRF token on writes. */
export class TestClient {
  cookie: string | undefined;
  csrfToken: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    private readonly defaults: { ip?: string } = {},
  ) {}

  async request(
    method: Method,
    url: string,
    options: {
      body?: unknown;
      payload?: Buffer;
      headers?: Record<string, string>;
      withoutCsrf?: boolean;
    } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && method !== 'GET' && !options.withoutCsrf) headers['x-csrf-token'] = this.csrfToken;
    return this.app.inject({
      method,
      url,
      headers,
      ...(this.defaults.ip ? { remoteAddress: this.defaults.ip } : {}),
      ...(options.body === undefined ? {} : { payload: options.body as object }),
      ...(options.payload === undefined ? {} : { payload: options.payload }),
    });
  }

  async login(email: string, password = TEST_PASSWORD, otp?: string): Promise<LightMyRequestResponse> {
    const response = await this.request('POST', '/api/v1/session', {
      body: { email, password, ...(otp ? { otp } : {}) },
    });
    if (response.statusCode === 200) {
      const setCookie = response.cookies.find((cookie) => cookie.name === 'openaeo_session');
      this.cookie = setCookie ? `openaeo_session=${setCookie.value}` : this.cookie;
      this.csrfToken = response.json<{ csrfToken: string }>().csrfToken;
    }
    return response;
  }
}

export async function signIn(
  app: FastifyInstance,
  email: string,
  password = TEST_PASSWORD,
): Promise<TestClient> {
  const client = new TestClient(app);
  const response = await client.login(email, password);
  if (response.statusCode !== 200) throw new Error(`sign-in failed for ${email}: ${response.body}`);
  return client;
}

let counter = 0;
function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}`;
}

/** Factories: build what a test needs through the services, as the product does. */
export const factories = {
  /** An API key's secret, as a single window or partner system holds it. */
  async apiKeySecret(t: TestApp, scopes: ApiScope[], name = 'Single window'): Promise<string> {
    return (await t.services.apiKeys.issue(systemContext(new Date()), { name, scopes })).secret;
  },

  async office(services: Services, kind: 'headquarters' | 'local' = 'local') {
    return services.organisations.createOffice(systemContext(new Date()), {
      code: unique('O').slice(0, 20),
      name: 'Test office',
      kind,
      regions: [],
    });
  },

  async operator(t: TestApp, name = 'Test Trading LLP') {
    return t.database.db.transaction().execute((trx) =>
      t.services.organisations.createOperator(trx, systemContext(new Date()), {
        legalName: name,
        taxpayerId: unique('TIN'),
        country: 'KZ',
        address: '1 Test Street, Almaty',
        roles: ['importer'],
        employees: 20,
        annualTurnover: 1_000_000,
      }),
    );
  },

  async user(
    t: TestApp,
    options: {
      roles: Role[];
      officeId?: string;
      operatorId?: string;
      operatorRights?: ('view' | 'prepare' | 'submit' | 'manage_users')[];
      agency?: string;
    },
  ) {
    const email = `${unique('user')}@example.test`;
    const officeId =
      options.officeId ??
      (options.roles.some((role) => !['admin', 'operator', 'agency_officer'].includes(role))
        ? (await factories.office(t.services)).id
        : undefined);
    const user = await t.services.users.create(systemContext(new Date()), {
      email,
      name: 'Test User',
      password: TEST_PASSWORD,
      roles: options.roles,
      ...(officeId ? { officeId } : {}),
      ...(options.operatorId ? { operatorId: options.operatorId } : {}),
      ...(options.operatorRights ? { operatorRights: options.operatorRights } : {}),
      ...(options.agency ? { agency: options.agency } : {}),
    });
    return user;
  },
};

/**
 * An entity's audit events, oldest first, read from the table (the whole trail, no page limit); `actions` keeps only
 * those actions.
 */
export async function auditEvents(
  t: TestApp,
  entityType: string,
  entityId: string,
  actions?: readonly string[],
) {
  let query = t.database.db
    .selectFrom('audit_event')
    .select(['action', 'actor_user_id', 'summary'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId);
  if (actions) query = query.where('action', 'in', actions);
  return query.orderBy('seq').execute();
}

/** The actions of an entity's audit events, oldest first; `actions` keeps only those actions. */
export async function auditActions(
  t: TestApp,
  entityType: string,
  entityId: string,
  actions?: readonly string[],
): Promise<string[]> {
  return (await auditEvents(t, entityType, entityId, actions)).map((event) => event.action);
}
