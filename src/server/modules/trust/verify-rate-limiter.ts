import { AppError } from '../../platform/errors';

/**
 * A fixed-window counter per client address, in memory. Chosen over @fastify/rate-limit because one public route
 * needs it and the limit is advisory: each API node counts its own requests, which is fine for a verification
 * endpoint whose answers are public anyway (put a shared limit at the load balancer when scaling out).
 */
export class FixedWindowRateLimiter {
  private readonly windows = new Map<string, { startsAt: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one request; throws rate_limited (429 with Retry-After) past the limit. */
  hit(key: string, now: Date): void {
    const at = now.getTime();
    let window = this.windows.get(key);
    if (!window || at - window.startsAt >= this.windowMs) {
      if (this.windows.size > 10_000) this.prune(at);
      window = { startsAt: at, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count > this.limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((window.startsAt + this.windowMs - at) / 1000));
      throw new AppError('rate_limited', 'Too many verification requests. Try again later.', {
        retryAfterSeconds,
      });
    }
  }

  private prune(at: number): void {
    for (const [key, window] of this.windows)
      if (at - window.startsAt >= this.windowMs) this.windows.delete(key);
  }
}
