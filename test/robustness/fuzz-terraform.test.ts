import { describe, it } from 'vitest';
import { loadTerraformModule } from '../../src/loaders/terraform.js';
import { terraformFiles } from './generators/terraform.js';
import { assertLoadResult, assertRulesOn, assertSameTwice, fuzz, MeaningfulInputs, memoryHost, runs } from './generators/harness.js';

describe('fuzz: Terraform loader', () => {
  it('never throws, never hangs, gives the same result twice, loads functions from at least 40% of inputs, locates every finding inside the module files', async () => {
    const meaningful = new MeaningfulInputs();
    await fuzz('terraform', terraformFiles, runs(10_000), async (tfFiles) => {
      const files = { ...tfFiles, 'infra/src/index.mjs': 'export const handler = async () => 1;\n' };
      const host = memoryHost(files);
      const result = await loadTerraformModule('infra', Object.keys(tfFiles).sort(), host);
      meaningful.record(result);
      await assertSameTwice(result, () => loadTerraformModule('infra', Object.keys(tfFiles).sort(), host));
      assertLoadResult(result, files);
      assertRulesOn(result, files, host);
    });
    meaningful.assertFloor('terraform');
  }, 120_000);
});
