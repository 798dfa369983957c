import { describe, it } from 'vitest';
import { loadCloudFormation } from '../../src/loaders/cloudformation.js';
import { templateText } from './generators/cloudformation.js';
import { assertLoadResult, assertRulesOn, assertSameTwice, fuzz, MeaningfulInputs, memoryHost, runs } from './generators/harness.js';

describe('fuzz: SAM / CloudFormation loader', () => {
  it('never throws, never hangs, gives the same result twice, loads functions from at least 40% of inputs, locates every finding inside the template', async () => {
    const meaningful = new MeaningfulInputs();
    await fuzz('cloudformation', templateText, runs(10_000), async ({ file, text }) => {
      const files = { [file]: text, 'src/index.js': 'export const handler = async () => 1;\n' };
      const host = memoryHost(files);
      const result = loadCloudFormation(file, text, host);
      meaningful.record(result);
      await assertSameTwice(result, () => loadCloudFormation(file, text, host));
      assertLoadResult(result, files);
      assertRulesOn(result, files, host);
    });
    meaningful.assertFloor('cloudformation');
  }, 120_000);
});
