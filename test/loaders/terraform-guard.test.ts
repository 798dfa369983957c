/**
 * The nesting check that keeps hcl2json's Go stack from overflowing: which brackets and
 * interpolations count, which text is skipped (strings, comments, heredocs), and the position
 * reported, shown here with a limit of 2 levels.
 */
import { describe, expect, it } from 'vitest';
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
