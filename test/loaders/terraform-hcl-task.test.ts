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
    expect(result.json).toBeUndefined();
    expect(result.broken).toBe(false);
    expect(result.error).toMatch(/bad\.tf/);
    expect(await parseHcl({ file: 'ok.tf', text: 'locals {\n  a = 1\n}\n' })).toEqual({ json: { locals: [{ a: 1 }] } });
  });
});
