/**
 * The Terraform loader's handling of files and module calls: exact diagnostics for unreadable,
 * binary, oversized and malformed files and for loader failures; which files are Terraform; which
 * resources a module call switches off with `count`.
 */
import { describe, expect, it } from 'vitest';
import { groupTerraformFiles, isTerraformFile, loadTerraformModule, MAX_TERRAFORM_FILE_BYTES } from '../../src/loaders/terraform.js';
import type { LoaderHost } from '../../src/loaders/types.js';

function memoryHost(files: Record<string, string>): LoaderHost {
  return {
    readFile: (p) => files[p],
    fileExists: (p) => p in files,
    listDir: (p) => Object.keys(files).filter((f) => f.startsWith(`${p}/`)).sort(),
  };
}

const at = (file: string, line = 1, column = 1) => ({ file, line, column });

describe('terraform loader: files it cannot read', () => {
  it('unreadable: the reason the project host gives, when it gives one', async () => {
    const host = {
      ...memoryHost({}),
      read: (p: string) => (p === 'infra/big.tf' ? { ok: false, detail: 'over the 5 MB file size limit' } : p === 'infra/odd.tf' ? { ok: true, detail: 'ignored' } : { ok: false }),
    };
    const r = await loadTerraformModule('infra', ['infra/big.tf', 'infra/odd.tf', 'infra/gone.tf'], host);
    expect(r.diagnostics).toEqual([
      { ruleId: 'parse-error', message: 'Cannot read Terraform file infra/big.tf: over the 5 MB file size limit', loc: at('infra/big.tf') },
      // Files load in name order.
      { ruleId: 'parse-error', message: 'Cannot read Terraform file infra/gone.tf.', loc: at('infra/gone.tf') },
      { ruleId: 'parse-error', message: 'Cannot read Terraform file infra/odd.tf.', loc: at('infra/odd.tf') },
    ]);
    expect((await loadTerraformModule('infra', ['infra/none.tf'], memoryHost({}))).diagnostics).toEqual([
      { ruleId: 'parse-error', message: 'Cannot read Terraform file infra/none.tf.', loc: at('infra/none.tf') },
    ]);
  });

  it('a file of exactly the size limit is parsed; one character more is refused; binary files are refused', async () => {
    const padded = (length: number) => {
      const head = 'resource "aws_lambda_function" "f" {\n  timeout = 7\n}\n#';
      return `${head}${'x'.repeat(length - head.length - 1)}\n`;
    };
    const files = { 'infra/limit.tf': padded(MAX_TERRAFORM_FILE_BYTES), 'infra/over.tf': padded(MAX_TERRAFORM_FILE_BYTES + 1), 'infra/bin.tf': 'locals {\u0000}' };
    expect(files['infra/limit.tf']).toHaveLength(2 * 1024 * 1024);
    const r = await loadTerraformModule('infra', Object.keys(files), memoryHost(files));
    expect(r.diagnostics).toEqual([
      { ruleId: 'parse-error', message: 'infra/bin.tf is a binary file, not HCL.', loc: at('infra/bin.tf') },
      { ruleId: 'parse-error', message: 'Terraform file infra/over.tf is 2 MB, over the 2 MB limit: not parsed.', loc: at('infra/over.tf') },
    ]);
    expect(r.functions.map((f) => `${f.id} ${String(f.timeout.value)}`)).toEqual(['infra/limit.tf#aws_lambda_function.f 7']);
  }, 30_000);

  it('a syntax error: the reason and its line and column', async () => {
    const r = await loadTerraformModule('infra', ['infra/bad.tf'], memoryHost({ 'infra/bad.tf': 'locals {\n  a = \n}\n' }));
    expect(r.diagnostics).toEqual([
      { ruleId: 'parse-error', message: 'Cannot parse Terraform file: Invalid expression; Expected the start of an expression, but found an invalid expression token.', loc: at('infra/bad.tf', 2, 7) },
    ]);
  });

  it('a loader failure is one internal-error on the module\'s first file, or its directory', async () => {
    const throwing: LoaderHost = {
      readFile: () => {
        throw new Error('disk gone');
      },
      fileExists: () => true,
      listDir: () => [],
    };
    expect((await loadTerraformModule('infra', ['infra/b.tf', 'infra/a.tf'], throwing)).diagnostics).toEqual([
      { ruleId: 'internal-error', message: 'Terraform loader failed on infra: disk gone', loc: at('infra/b.tf') },
    ]);
    const failingList: LoaderHost = { ...throwing, readFile: () => 'module "m" {\n  source = "./m"\n}\n', listDir: () => { throw new Error('no listing'); } };
    expect((await loadTerraformModule('', [], failingList)).diagnostics).toEqual([]);
    expect((await loadTerraformModule('', ['main.tf'], failingList)).diagnostics).toEqual([
      { ruleId: 'internal-error', message: 'Terraform loader failed on .: no listing', loc: at('main.tf') },
    ]);
  });
});

describe('terraform files', () => {
  it('.tf only', () => {
    expect(isTerraformFile('infra/main.tf')).toBe(true);
    expect(isTerraformFile('infra/main.tf.json')).toBe(false);
    expect(isTerraformFile('infra/prod.tfvars')).toBe(false);
    expect(isTerraformFile('infra/main.tfx')).toBe(false);
  });

  it('grouped by directory, Windows separators too', () => {
    expect([...groupTerraformFiles(['infra\\lambda\\main.tf', 'infra\\lambda\\vars.tf', 'x.txt'])]).toEqual([['infra/lambda', ['infra\\lambda\\main.tf', 'infra\\lambda\\vars.tf']]]);
  });
});

describe('terraform loader: resources a module call switches off', () => {
  const module = (count: string, variable: string, fallback: string) =>
    `variable "${variable}" { default = ${fallback} }\nresource "aws_lambda_function" "this" {\n  count = ${count}\n  function_name = "f"\n  handler = "index.handler"\n  runtime = "nodejs22.x"\n  filename = "x.zip"\n}\n`;
  const calls = (entries: Array<[string, string]>) => entries.map(([name, args]) => `module "${name}" {\n  source = "./modules/${name.split('_')[0]}"\n${args}\n}`).join('\n');

  it('off when the count reads a variable set to false, "false", 0 or "0", or negates one set to true', async () => {
    const files = {
      'infra/main.tf': calls([
        ['opt_false', '  enabled = false'],
        ['opt_false_string', '  enabled = "false"'],
        ['opt_zero', '  enabled = 0'],
        ['opt_zero_string', '  enabled = "0"'],
        ['opt_true', '  enabled = true'],
        ['opt_one', '  enabled = 1'],
        ['opt_default', ''],
        ['neg_true', '  disabled = true'],
        ['neg_true_string', '  disabled = "true"'],
        ['neg_false', '  disabled = false'],
        ['lit', ''],
        ['litzero', ''],
        ['undeclared', ''],
      ]),
      'infra/modules/opt/main.tf': module('var.enabled ? 1 : 0', 'enabled', 'true'),
      'infra/modules/neg/main.tf': module('! var.disabled ? 1 : 0', 'disabled', 'false'),
      'infra/modules/lit/main.tf': module('1', 'unused', 'null'),
      'infra/modules/litzero/main.tf': module('0', 'unused', 'null'),
      'infra/modules/undeclared/main.tf': module('var.elsewhere ? 1 : 0', 'unused', 'null'),
    };
    const r = await loadTerraformModule('infra', ['infra/main.tf'], memoryHost(files));
    expect(r.diagnostics).toEqual([]);
    expect(r.functions.map((f) => f.name)).toEqual(['module.opt_true', 'module.opt_one', 'module.opt_default', 'module.neg_false', 'module.lit', 'module.undeclared']);
  });
});
