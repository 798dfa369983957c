import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// Mutation testing instruments rules/ and src/loaders/ in place; tests that run the built CLI
// (dist/) cannot see those mutants, and the fuzz suites are too slow to run per mutant.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ['test/cli/e2e.test.ts', 'test/pre-commit.test.ts', 'test/plugin-e2e.test.ts', 'test/robustness/**', 'node_modules/**'],
    },
  }),
);
