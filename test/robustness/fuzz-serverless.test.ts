import { describe, it } from 'vitest';
import { loadServerless } from '../../src/loaders/serverless.js';
import { INCLUDED_FILES, serverlessText } from './generators/serverless.js';
import { assertLoadResult, assertRulesOn, assertSameTwice, fuzz, MeaningfulInputs, memoryHost, runs } from './generators/harness.js';

describe('fuzz: Serverless Framework loader', () => {
  it('never throws, never hangs, gives the same result twice, loads functions from at least 40% of inputs, locates every finding inside the config', async () => {
    const meaningful = new MeaningfulInputs();
    await fuzz('serverless', serverlessText, runs(10_000), async ({ file, text }) => {
      const files = { ...INCLUDED_FILES, [file]: text };
      const host = memoryHost(files);
      const result = loadServerless(file, text, host);
      meaningful.record(result);
      await assertSameTwice(result, () => loadServerless(file, text, host));
      assertLoadResult(result, files);
      assertRulesOn(result, files, host);
    });
    meaningful.assertFloor('serverless');
  }, 120_000);
});
