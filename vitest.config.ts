import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // RuleTester builds one `it` per case; e2e tests spawn real processes.
    testTimeout: 60_000,
    pool: 'threads',
    // Two cores on CI: the fuzz suites are CPU-bound and independent.
    maxWorkers: 2,
    setupFiles: ['test/setup.ts'],
  },
});
