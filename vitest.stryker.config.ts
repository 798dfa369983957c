import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// Mutation testing (npm run mutate) runs the tests of rules/ and src/loaders/ that run in process.
// Left out: tests that run the built CLI (dist/ cannot see mutants), the package and pre-commit
// tests, and the fuzz suites (too slow per mutant). isolate: false keeps the parsers and rule modules
// loaded between mutant runs: a run then costs the tests alone, not a fresh import of ESLint per file.
export default defineConfig({
  test: {
    ...base.test,
    include: [
      'test/rules/**/*.test.ts',
      'test/python/**/*.test.ts',
      'test/loaders/**/*.test.ts',
      'test/messages.test.ts',
      'test/principals.test.ts',
      'test/runtimes.test.ts',
      'test/batch-size.test.ts',
      'test/handler-tracing.test.ts',
      'test/traced-fixtures.test.ts',
      'test/config-snapshots.test.ts',
      'test/plugin.test.ts',
      'test/cli/baseline.test.ts',
    ],
    isolate: false,
  },
});
