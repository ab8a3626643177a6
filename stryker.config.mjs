// Mutation testing of the pure cores (docs/testing.md). Slow on two cores: run by hand with `npm run test:mutation`,
// not in CI. One core at a time: `npm run test:mutation -- --mutate src/risk-engine/policy/selection-policy.ts`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/server/modules/applications/application-lifecycle.ts',
    'src/server/modules/trust/authorisation-status.ts',
    'src/server/modules/validation/four-eyes.ts',
    'src/server/modules/applications/case-scope.ts',
    'src/server/platform/access-control.ts',
    'src/risk-engine/policy/selection-policy.ts',
    'src/trust-core/credential-verifier.ts',
    'src/server/modules/programme/questionnaire-engine.ts',
  ],
  ignoreStatic: true,
  // Sandboxes and reports of earlier runs, and the built UI: copying them into each sandbox breaks or slows the run.
  ignorePatterns: ['test-output', 'dist'],
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'test-output/mutation/mutation.json' },
  tempDirName: 'test-output/stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null },
};
