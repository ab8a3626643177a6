import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll gives up after 1 s by default: too short for a loaded two-core CI machine.
    expect: { poll: { timeout: 15_000 } },
    globalSetup: ['tests/support/global-setup.ts'],
  },
});
