// Mutation testing of the pure cores (docs/testing.md). Slow on two cores: run by hand with `npm run test:mutation`,
// not in CI. One core at a time: `npm run test:mutation -- --mutate src/risk-engine/policy/batch-selection.ts`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/vocabulary/application-lifecycle.ts',
    'src/server/modules/authorisations/authorisation-lifecycle.ts',
    'src/server/modules/validation/four-eyes.ts',
    'src/server/modules/applications/case-scope.ts',
    'src/server/platform/access-control.ts',
    'src/risk-engine/policy/selection-decision.ts',
    'src/risk-engine/policy/streaming-selection.ts',
    'src/risk-engine/policy/batch-selection.ts',
    'src/trust-core/credential-verifier.ts',
    'src/programme-core/questionnaire-engine.ts',
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
