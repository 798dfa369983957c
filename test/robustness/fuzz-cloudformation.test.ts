import { describe, it } from 'vitest';
import { loadCloudFormation } from '../../src/loaders/cloudformation.js';
import { templateText } from './generators/cloudformation.js';
import { assertLoadResult, assertRulesOn, fuzz, memoryHost, runs } from './generators/harness.js';

describe('fuzz: SAM / CloudFormation loader', () => {
  it('never throws, never hangs, locates every finding inside the template', async () => {
    await fuzz('cloudformation', templateText, runs(10_000), ({ file, text }) => {
      const files = { [file]: text, 'src/index.js': 'export const handler = async () => 1;\n' };
      const host = memoryHost(files);
      const result = loadCloudFormation(file, text, host);
      assertLoadResult(result, files);
      assertRulesOn(result, files, host);
    });
  }, 120_000);
});
