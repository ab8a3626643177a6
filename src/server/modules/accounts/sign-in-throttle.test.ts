import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createTestApp, factories, TestClient, useTestApp } from '../../../../tests/support/test-app';

const PARALLEL = 60;
const WRONG_PASSWORD = 'Wrong-password-123';

const t = useTestApp();

function countStatuses(responses: LightMyRequestResponse[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const response of responses) counts[response.statusCode] = (counts[response.statusCode] ?? 0) + 1;
  return counts;
}

function expectThrottled(responses: LightMyRequestResponse[], max: number): void {
  const counts = countStatuses(responses);
  expect((counts[401] ?? 0) + (counts[429] ?? 0)).toBe(PARALLEL);
  expect(counts[401] ?? 0).toBeLessThanOrEqual(max);
  for (const response of responses.filter((r) => r.statusCode === 429)) {
    expect(response.json().error.code).toBe('rate_limited');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  }
}

describe('sign-in throttling under concurrency', () => {
  it('evaluates at most the per-account limit of parallel wrong passwords, then refuses the right one', async () => {
    const user = await factories.user(t, { roles: ['admin'] });
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, (_, index) =>
        new TestClient(t.app, { ip: `10.7.${Math.floor(index / 250)}.${index % 250}` }).login(
          user.email,
          WRONG_PASSWORD,
        ),
      ),
    );
    expectThrottled(responses, t.config.login.maxFailuresPerAccount);

    const blocked = await new TestClient(t.app, { ip: '10.7.9.9' }).login(user.email);
    expect(blocked.statusCode).toBe(429);
    t.clock.advance((t.config.login.windowMinutes + 1) * 60_000);
    expect((await new TestClient(t.app, { ip: '10.7.9.9' }).login(user.email)).statusCode).toBe(200);
  });

  it('evaluates at most the per-address limit of parallel attempts on many accounts', async () => {
    const limited = await createTestApp({ LOGIN_MAX_FAILURES_PER_ADDRESS: '8' });
    try {
      const user = await factories.user(limited, { roles: ['admin'] });
      const responses = await Promise.all(
        Array.from({ length: PARALLEL }, (_, index) =>
          new TestClient(limited.app, { ip: '10.8.0.1' }).login(
            `someone${index}@example.test`,
            WRONG_PASSWORD,
          ),
        ),
      );
      expectThrottled(responses, limited.config.login.maxFailuresPerAddress);

      const blocked = await new TestClient(limited.app, { ip: '10.8.0.1' }).login(user.email);
      expect(blocked.statusCode).toBe(429);
      limited.clock.advance((limited.config.login.windowMinutes + 1) * 60_000);
      expect((await new TestClient(limited.app, { ip: '10.8.0.1' }).login(user.email)).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('does not count a successful sign-in against the address', async () => {
    const limited = await createTestApp({ LOGIN_MAX_FAILURES_PER_ADDRESS: '3' });
    try {
      const user = await factories.user(limited, { roles: ['admin'] });
      const client = (): TestClient => new TestClient(limited.app, { ip: '10.9.0.1' });
      for (let attempt = 0; attempt < 5; attempt += 1) {
        expect((await client().login(user.email)).statusCode).toBe(200);
      }
      for (let attempt = 0; attempt < 3; attempt += 1) {
        expect((await client().login(`nobody${attempt}@example.test`, WRONG_PASSWORD)).statusCode).toBe(401);
      }
      expect((await client().login(user.email)).statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
