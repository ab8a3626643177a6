import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { createServices, type Services } from '../../src/server/services';
import { signIn, TestClient, type TestApp } from './test-app';

/**
 * Another API node beside a test app: its own services (own queues, caches and scheduler state) and its own server,
 * on the same database, config and clock, as a second replica behind the load balancer would be.
 */
export interface SecondNode {
  app: FastifyInstance;
  services: Services;
  close(): Promise<void>;
}

/** The services another node wires up over `t`'s database and config (no server; see startSecondNode). */
export function createNodeServices(t: TestApp): Services {
  return createServices(t.database.db, t.config);
}

/** Starts a second node over `t`'s database; close it before `t`. */
export async function startSecondNode(t: TestApp): Promise<SecondNode> {
  const services = createNodeServices(t);
  const app = await buildApp({
    db: t.database.db,
    config: t.config,
    services,
    clock: t.clock.now,
    webDir: '/nonexistent',
    logger: false,
  });
  await app.ready();
  return { app, services, close: () => app.close() };
}

/** A client of `node` that carries `client`'s session (cookie and CSRF token): the same browser on another node. */
export function withSession(node: SecondNode, client: TestClient): TestClient {
  const copy = new TestClient(node.app);
  copy.cookie = client.cookie;
  copy.csrfToken = client.csrfToken;
  return copy;
}

/** `email` signed in once, with the session usable on the first node and on `node`. */
export async function signInOnBothNodes(
  t: TestApp,
  node: SecondNode,
  email: string,
): Promise<[TestClient, TestClient]> {
  const first = await signIn(t.app, email);
  return [first, withSession(node, first)];
}
