import { describe, it } from 'vitest';
import { loadCdk } from '../../src/loaders/cdk.js';
import { cdkFile } from './generators/cdk.js';
import { assertLoadResult, assertRulesOn, fuzz, memoryHost, runs } from './generators/harness.js';

describe('fuzz: CDK TypeScript loader', () => {
  it('never throws, never hangs, locates every finding inside the stack file', async () => {
    await fuzz('cdk', cdkFile, runs(10_000), ({ file, text }) => {
      const files = { [file]: text, 'infra/cdk.json': '{}', 'infra/lambda/orders.ts': 'export const handler = async () => 1;\n' };
      const host = memoryHost(files);
      const result = loadCdk(file, text, host);
      assertLoadResult(result, files);
      assertRulesOn(result, files, host);
    });
  }, 120_000);
});
