import { defineConfig } from 'vitest/config';

// The unit tests of the cores that stryker.config.mjs mutates: pure, no database, so each mutant runs in seconds.
export default defineConfig({
  test: {
    include: [
      'src/vocabulary/application-lifecycle.test.ts',
      'src/server/modules/trust/trust-rules.test.ts',
      'src/server/modules/authorisations/authorisation-lifecycle.test.ts',
      'src/server/modules/validation/four-eyes.test.ts',
      'src/server/modules/applications/case-scope.test.ts',
      'src/server/platform/access-control.test.ts',
      'src/risk-engine/policy/selection-policy.test.ts',
      'src/risk-engine/policy/batch-selection-by-hand.test.ts',
      'src/risk-engine/policy/streaming-selection-by-hand.test.ts',
      'src/trust-core/credential-verifier.test.ts',
      'src/trust-core/credential-verifier.rules.test.ts',
      'src/programme-core/questionnaire-engine.test.ts',
    ],
    pool: 'forks',
    testTimeout: 60_000,
  },
});
