import { describe, it } from 'vitest';
import { loadCdk } from '../../src/loaders/cdk.js';
import { cdkFile } from './generators/cdk.js';
import { assertLoadResult, assertRulesOn, assertSameTwice, fuzz, MeaningfulInputs, memoryHost, runs } from './generators/harness.js';

describe('fuzz: CDK TypeScript loader', () => {
  it('never throws, never hangs, gives the same result twice, loads functions from at least 40% of inputs, locates every finding inside the stack file', async () => {
    const meaningful = new MeaningfulInputs();
    await fuzz('cdk', cdkFile, runs(10_000), async ({ file, text }) => {
      const files = { [file]: text, 'infra/cdk.json': '{}', 'infra/lambda/orders.ts': 'export const handler = async () => 1;\n' };
      const host = memoryHost(files);
      const result = loadCdk(file, text, host);
      meaningful.record(result);
      await assertSameTwice(result, () => loadCdk(file, text, host));
      assertLoadResult(result, files);
      assertRulesOn(result, files, host);
    });
    meaningful.assertFloor('cdk');
  }, 120_000);
});
