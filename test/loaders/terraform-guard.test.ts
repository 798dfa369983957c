/**
 * The nesting check that keeps hcl2json's Go stack from overflowing: which brackets and
 * interpolations count, which text is skipped (strings, comments, heredocs), and the position
 * reported, shown here with a limit of 2 levels.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HclLimitError, MAX_HCL_NESTING, hclNestingPosition, parseHclGuarded } from '../../src/loaders/terraform/guard.js';

const at = (text: string) => {
  const p = hclNestingPosition(text, 2);
  return p ? `${p.line}:${p.column}` : 'ok';
};

describe('hclNestingPosition', () => {
  it.each([
    ['a = [[1]]', 'ok'],
    ['a = [[[1]]]', '1:7'],
    ['a = ({[1]})', '1:7'],
    ['a = [1]\nb = [[2]]\nc = { d = [[3]] }', '3:12'],
    ['a = [[1]] [[2]]', 'ok'],
    ['a = ]]] [[[1]]]', '1:11'],
    ['a = "[[[ not code ]]]"', 'ok'],
    ['a = "\\"[[[" [[1]]', 'ok'],
    ['a = "${[x]}"', 'ok'],
    ['a = "${[[x]]}"', '1:9'],
    ['a = "%{ if [[x]] }y%{ endif }"', '1:13'],
    ['a = "$${[[[x]]]}"', 'ok'],
    ['a = "%%{[[[x]]]}"', 'ok'],
    ['a = "${"${"${x}"}"}"', '1:12'],
    ['a = "${x}" [[[1]]]', '1:14'],
    ['a = "unclosed\n[[1]]', 'ok'],
    ['# [[[\na = 1', 'ok'],
    ['// [[[\na = [[[1]]]', '2:7'],
    ['a = 1 / 2 [[[', '1:13'],
    ['/* [[[\n[[[\n*/ a = [[[1]]]', '3:10'],
    ['/* never closed [[[', 'ok'],
    ['a = <<EOT\n[[[\nEOT\nb = [[[1]]]', '4:7'],
    ['a = <<-EOT\n  [[[ ${[x]}\n  EOT\n', 'ok'],
    ['a = <<EOT\n${[[x]]}\nEOT\n', '2:4'],
    ['a = <<EOT\n$${[[[x]]]}\nEOT\n', 'ok'],
    ['a = <<EOT\n%{[[x]]}\nEOT\n', '2:4'],
    ['a = <<EOT\nEOT-not\n[[[\nEOT', 'ok'],
    ['a = << EOT\n[[[1]]]', '2:3'],
    ['a = !!x', 'ok'],
    ['a = !!!x', '1:5'],
    ['a = - - -1', '1:5'],
    ['a = [!x]', 'ok'],
    ['a = [!!x]', '1:6'],
    ['a = {\n  b = "c"\n  d = [[e]]\n}', '3:8'],
  ])('%j: %s', (text, expected) => {
    expect(at(text)).toBe(expected);
  });

  it('columns count from the start of the line, after CRLF line ends too', () => {
    expect(at('x = 1\r\n  y = [[[1]]]')).toBe('2:9');
  });

  it('the real limit is 200 levels', () => {
    expect(MAX_HCL_NESTING).toBe(200);
    expect(hclNestingPosition(`a = ${'['.repeat(200)}${']'.repeat(200)}`, MAX_HCL_NESTING)).toBeUndefined();
    expect(hclNestingPosition(`a = ${'['.repeat(201)}${']'.repeat(201)}`, MAX_HCL_NESTING)).toEqual({ line: 1, column: 205 });
  });
});

describe('parseHclGuarded', () => {
  it('parses; syntax errors are the parser error; deep nesting (the block counts) is refused with its position', async () => {
    expect(await parseHclGuarded('main.tf', 'locals {\n  a = 1\n}\n')).toEqual({ locals: [{ a: 1 }] });
    await expect(parseHclGuarded('bad.tf', 'locals {\n')).rejects.not.toBeInstanceOf(HclLimitError);
    const deep = parseHclGuarded('deep.tf', `locals {\n  a = ${'['.repeat(201)}${']'.repeat(201)}\n}\n`);
    await expect(deep).rejects.toBeInstanceOf(HclLimitError);
    await expect(deep).rejects.toMatchObject({ message: 'Terraform file nested deeper than 200 levels: not parsed.', line: 2, column: 206 });
  });
});

describe('parseHclGuarded: a parser that fails', () => {
  // What the guard worker answers is simulated: a crash or a timeout of the real parser cannot be
  // caused through the nesting check. Each test loads a fresh guard module (its restart count is per process).
  type Outcome = { ok: true; value: { json?: unknown; error?: string; broken?: boolean } } | { ok: false; reason: string; message: string };

  async function guardAnswering(outcomes: Outcome[]) {
    const calls: unknown[][] = [];
    vi.resetModules();
    vi.doMock('../../src/guard/guarded-worker.js', () => ({
      runGuarded: (...args: unknown[]) => {
        calls.push(args);
        return Promise.resolve(outcomes.shift());
      },
    }));
    const guard = await import('../../src/loaders/terraform/guard.js');
    return { guard, calls };
  }

  afterEach(() => {
    vi.doUnmock('../../src/guard/guarded-worker.js');
    // A guard with a mocked worker (and a spent restart count) must not be what later test files import:
    // they share the module registry under Stryker's isolate: false.
    vi.resetModules();
  });

  const failure = async (promise: Promise<unknown>) => {
    const error = (await promise.then(
      () => undefined,
      (e: unknown) => e,
    )) as Error & { line?: number; column?: number };
    return { limit: error.constructor.name === 'HclLimitError', message: error.message, line: error.line, column: error.column };
  };

  it('asks the worker for hcl-task.parseHcl with the file and text, under the 30 s deadline', async () => {
    const { guard, calls } = await guardAnswering([{ ok: true, value: { json: { locals: [{ a: 1 }] } } }]);
    expect(await guard.parseHclGuarded('main.tf', 'locals {\n  a = 1\n}\n')).toEqual({ locals: [{ a: 1 }] });
    expect(calls).toHaveLength(1);
    const [url, exportName, input, options] = calls[0] as [URL, string, unknown, unknown];
    expect(url.href.endsWith('/src/loaders/terraform/hcl-task.js')).toBe(true);
    expect([exportName, input, options]).toEqual(['parseHcl', { file: 'main.tf', text: 'locals {\n  a = 1\n}\n' }, { deadlineMs: 30_000 }]);
    expect(guard.HCL_PARSE_TIMEOUT_MS).toBe(30_000);
  });

  it('a syntax error is the parser message and does not count as a failure of the parser', async () => {
    const syntax: Outcome = { ok: true, value: { error: 'Unclosed configuration block', broken: false } };
    const { guard } = await guardAnswering(Array.from({ length: 8 }, () => syntax).concat([{ ok: true, value: { json: {} } }]));
    for (let i = 0; i < 8; i++) expect(await failure(guard.parseHclGuarded(`bad${i}.tf`, 'x'))).toEqual({ limit: false, message: 'Unclosed configuration block', line: undefined, column: undefined });
    expect(await guard.parseHclGuarded('ok.tf', '')).toEqual({});
  });

  it('a crash, a broken runtime and a timeout are reported on the file at 1:1, with why', async () => {
    const { guard } = await guardAnswering([
      { ok: true, value: { error: 'unreachable', broken: true } },
      { ok: false, reason: 'timeout', message: 'did not finish in 30 s' },
      { ok: false, reason: 'crash', message: 'the worker stopped (exit code 1)' },
      { ok: false, reason: 'memory', message: 'ran out of its 640 MB memory' },
    ]);
    expect(await failure(guard.parseHclGuarded('a.tf', 'x'))).toEqual({ limit: true, message: 'The Terraform parser failed on this file (unreachable): not parsed.', line: 1, column: 1 });
    expect(await failure(guard.parseHclGuarded('b.tf', 'x'))).toEqual({ limit: true, message: 'The Terraform parser failed on this file (did not answer in 30 s): not parsed.', line: 1, column: 1 });
    expect(await failure(guard.parseHclGuarded('c.tf', 'x'))).toEqual({ limit: true, message: 'The Terraform parser failed on this file (the worker stopped (exit code 1)): not parsed.', line: 1, column: 1 });
    expect(await failure(guard.parseHclGuarded('d.tf', 'x'))).toEqual({ limit: true, message: 'The Terraform parser failed on this file (ran out of its 640 MB memory): not parsed.', line: 1, column: 1 });
  });

  it('after 5 replaced parsers, the 6th failure stops Terraform parsing for the run, naming that file', async () => {
    const crash: Outcome = { ok: false, reason: 'crash', message: 'the worker stopped (exit code 1)' };
    const { guard, calls } = await guardAnswering(Array.from({ length: 7 }, () => crash));
    expect(guard.MAX_PARSER_RESTARTS).toBe(5);
    for (let i = 1; i <= 6; i++) expect((await failure(guard.parseHclGuarded(`f${i}.tf`, 'x'))).message).toBe('The Terraform parser failed on this file (the worker stopped (exit code 1)): not parsed.');
    expect(calls).toHaveLength(6);
    expect(await failure(guard.parseHclGuarded('g.tf', 'x'))).toEqual({
      limit: true,
      message: 'Terraform file not parsed: the Terraform parser failed 6 times in this run (last on f6.tf).',
      line: 1,
      column: 1,
    });
    expect(calls).toHaveLength(6);
    // Nesting is still checked first.
    expect((await failure(guard.parseHclGuarded('deep.tf', `a = ${'['.repeat(201)}`))).message).toBe('Terraform file nested deeper than 200 levels: not parsed.');
  });
});
