// hcl2json's parse as the guard worker runs it: the JSON, or the syntax error as data.
import { describe, expect, it } from 'vitest';
import { parseHcl } from '../../src/loaders/terraform/hcl-task.js';

describe('parseHcl', () => {
  it('returns the parsed JSON', async () => {
    const result = await parseHcl({ file: 'main.tf', text: 'resource "aws_lambda_function" "f" {\n  timeout = 30\n}\n' });
    expect(result).toEqual({ json: { resource: { aws_lambda_function: { f: [{ timeout: 30 }] } } } });
  });

  it('returns a syntax error as a message; the parser stays usable', async () => {
    const result = await parseHcl({ file: 'bad.tf', text: 'resource "x" {\n' });
    expect(result).toEqual({
      error:
        'parse config: [bad.tf:1,14-15: Unclosed configuration block; There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.]',
      broken: false,
    });
    expect(await parseHcl({ file: 'ok.tf', text: 'locals {\n  a = 1\n}\n' })).toEqual({ json: { locals: [{ a: 1 }] } });
  });

  it('a Go stack overflow is reported as broken and the parser is replaced by a fresh runtime', async () => {
    // 10,000 levels overflow the JavaScript stack the Go code runs on; the old runtime then dies
    // ("fatal error: malloc deadlock") on its next call unless it was replaced.
    const deep = await parseHcl({ file: 'deep.tf', text: `a = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n` });
    expect(deep).toEqual({ error: 'Maximum call stack size exceeded', broken: true });
    expect(await parseHcl({ file: 'ok.tf', text: 'locals {\n  a = 1\n}\n' })).toEqual({ json: { locals: [{ a: 1 }] } });
  }, 20_000);
});
