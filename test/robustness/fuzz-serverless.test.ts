import { describe, it } from 'vitest';
import { loadServerless } from '../../src/loaders/serverless.js';
import { INCLUDED_FILES, serverlessText } from './generators/serverless.js';
import { assertLoadResult, assertRulesOn, fuzz, memoryHost, runs } from './generators/harness.js';

describe('fuzz: Serverless Framework loader', () => {
  it('never throws, never hangs, locates every finding inside the config', async () => {
    await fuzz('serverless', serverlessText, runs(10_000), ({ file, text }) => {
      const files = { ...INCLUDED_FILES, [file]: text };
      const host = memoryHost(files);
      const result = loadServerless(file, text, host);
      assertLoadResult(result, files);
      assertRulesOn(result, files, host);
    });
  }, 120_000);
});
