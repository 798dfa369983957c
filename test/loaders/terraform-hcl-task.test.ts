// hcl2json's parse as the guard worker runs it: the JSON, or the syntax error as data.
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

describe('parseHcl: failures of the Go runtime', () => {
  // Stands in for hcl2json's package entry, so that the failures the real runtime gives only now
  // and then (a WebAssembly trap, a thrown non-Error) happen on demand; the bridge the task loads
  // as a replacement is the real one.
  const requireCjs = createRequire(import.meta.url);
  const entry = requireCjs.resolve('@cdktf/hcl2json');
  const saved = requireCjs.cache[entry];
  // The trap the Go WebAssembly throws (not in this project's TypeScript libs).
  const { RuntimeError } = (globalThis as unknown as { WebAssembly: { RuntimeError: new (message: string) => Error } }).WebAssembly;

  async function taskWithParser(parse: (file: string, text: string) => Promise<unknown>) {
    requireCjs.cache[entry] = { id: entry, filename: entry, loaded: true, exports: { parse }, children: [], paths: [] } as unknown as NodeJS.Module;
    vi.resetModules();
    return (await import('../../src/loaders/terraform/hcl-task.js')).parseHcl;
  }

  afterEach(() => {
    if (saved) requireCjs.cache[entry] = saved;
    else delete requireCjs.cache[entry];
    // The stubbed task must not be what later test files import (they share the registry under Stryker's isolate: false).
    vi.resetModules();
  });

  it('a WebAssembly trap (RuntimeError: unreachable) is broken: the parser is replaced by a fresh runtime', async () => {
    const parseHclFresh = await taskWithParser(() => Promise.reject(new RuntimeError('unreachable')));
    expect(await parseHclFresh({ file: 'a.tf', text: 'locals {}\n' })).toEqual({ error: 'unreachable', broken: true });
    expect(await parseHclFresh({ file: 'ok.tf', text: 'locals {\n  a = 1\n}\n' })).toEqual({ json: { locals: [{ a: 1 }] } });
  }, 20_000);

  it('a thrown value that is no Error is the message; the parser is kept', async () => {
    const calls: string[] = [];
    const parseHclFresh = await taskWithParser((file) => {
      calls.push(file);
      return Promise.reject('hcl: no answer');
    });
    expect(await parseHclFresh({ file: 'a.tf', text: 'x' })).toEqual({ error: 'hcl: no answer', broken: false });
    expect(await parseHclFresh({ file: 'b.tf', text: 'x' })).toEqual({ error: 'hcl: no answer', broken: false });
    expect(calls).toEqual(['a.tf', 'b.tf']);
  });

  it('another Error is a syntax error: the parser is kept', async () => {
    const parseHclFresh = await taskWithParser(() => Promise.reject(new TypeError('bad input')));
    expect(await parseHclFresh({ file: 'a.tf', text: 'x' })).toEqual({ error: 'bad input', broken: false });
    expect(await parseHclFresh({ file: 'b.tf', text: 'x' })).toEqual({ error: 'bad input', broken: false });
  });
});
