/**
 * Where the Terraform locator puts block headers, attribute keys, values, object keys and list
 * elements: the lines every Terraform finding points at. It only locates; strings, heredocs,
 * comments, templates and for-expressions must not be mistaken for keys.
 */
import { describe, expect, it } from 'vitest';
import { blocks, entry, entryOrder, findBlock, locateHcl, type TfBody } from '../../src/loaders/terraform/locator.js';

/** One line per entry: `name "labels" @line:col [= @line:col] [items @l:c,...]`, bodies indented. */
function outline(body: TfBody | undefined, indent = ''): string[] {
  if (!body) return [];
  return body.entries.flatMap((e) => {
    const head = `${indent}${e.block ? 'block ' : ''}${e.name}${e.labels.map((l) => ` "${l}"`).join('')} @${e.key.line}:${e.key.column}`;
    const value = e.value ? ` = @${e.value.line}:${e.value.column}` : '';
    const items = e.items ? ` items ${e.items.map((i) => `@${i.pos.line}:${i.pos.column}${i.body ? `{${i.body.entries.map((x) => x.name).join(',')}}` : ''}`).join(',')}` : '';
    return [`${head}${value}${items}`, ...outline(e.body, `${indent}  `)];
  });
}

describe('locateHcl', () => {
  const text = [
      'resource "aws_lambda_function" "api" {', // 1
      '  function_name = "api"', // 2
      '  timeout       = 30 # seconds', // 3
      '  // a comment with key = "x"', // 4
      '  /* block comment', // 5
      '     memory_size = 1 */', // 6
      '  memory_size = var.memory', // 7
      '  description = "a { b = c } ${var.x} \\" d = e"', // 8
      '  layers      = [var.a, "b", { c = 1 }]', // 9
      '  environment {', // 10
      '    variables = {', // 11
      '      TABLE = "orders"', // 12
      '      "QUOTED" = 1', // 13
      '      MODE: "colon"', // 14
      '      (var.k) = 2', // 15
      '    }', // 16
      '  }', // 17
      '  policy = <<EOT', // 18
      '  fake = "not a key"', // 19
      '  EOT', // 20
      '  tags = { for k, v in var.tags : k => v }', // 21
      '  list2 = [', // 22
      '    "x",', // 23
      '    [1, 2],', // 24
      '  ]', // 25
      '  dynamic "vpc_config" {', // 26
      '    for_each = var.vpc', // 27
      '    content {', // 28
      '      subnet_ids = ["a"]', // 29
      '    }', // 30
      '  }', // 31
      '}', // 32
      '', // 33
      'locals {', // 34
      '  a = 1', // 35
      '}', // 36
      '', // 37
      'resource "aws_sqs_queue" "q" {}', // 38
      'module "m" {', // 39
      '  source = "./m"', // 40
      '}', // 41
  ].join('\n');

  it('locates block headers, attribute keys and values, object keys and list elements; skips strings, comments, heredocs and for-expressions', () => {
    expect(outline(locateHcl(text))).toEqual([
      'block resource "aws_lambda_function" "api" @1:1',
      '  function_name @2:3 = @2:19',
      '  timeout @3:3 = @3:19',
      '  memory_size @7:3 = @7:17',
      '  description @8:3 = @8:17',
      '  layers @9:3 = @9:17 items @9:18,@9:25,@9:30{c}',
      '  block environment @10:3',
      '    variables @11:5 = @11:17',
      '      TABLE @12:7 = @12:15',
      '      QUOTED @13:7 = @13:18',
      '      MODE @14:7 = @14:13',
      '  policy @18:3 = @18:12',
      '  tags @21:3 = @21:10',
      '  list2 @22:3 = @22:11 items @23:5,@24:5',
      '  block dynamic "vpc_config" @26:3',
      '    for_each @27:5 = @27:16',
      '    block content @28:5',
      '      subnet_ids @29:7 = @29:20 items @29:21',
      'block locals @34:1',
      '  a @35:3 = @35:7',
      'block resource "aws_sqs_queue" "q" @38:1',
      'block module "m" @39:1',
      '  source @40:3 = @40:12',
    ]);
    // The same positions with CRLF line ends.
    expect(outline(locateHcl(text.replace(/\n/g, '\r\n')))).toEqual(outline(locateHcl(text)));
  });

  it('finds blocks and entries', () => {
    const body = locateHcl(text);
    const api = findBlock(body, 'resource', ['aws_lambda_function', 'api']);
    expect(api?.key).toEqual({ line: 1, column: 1 });
    expect(findBlock(body, 'resource', ['aws_sqs_queue', 'q'])?.key.line).toBe(38);
    expect(findBlock(body, 'resource', ['aws_sqs_queue'])).toBeUndefined();
    expect(findBlock(body, 'locals', [])?.key.line).toBe(34);
    expect(entry(api?.body, 'timeout')?.key).toEqual({ line: 3, column: 3 });
    expect(entry(api?.body, 'missing')).toBeUndefined();
    expect(entry(undefined, 'timeout')).toBeUndefined();
    expect(blocks(body, 'resource').map((b) => b.labels[1])).toEqual(['api', 'q']);
    expect(blocks(api?.body, 'timeout')).toEqual([]);
    expect(blocks(undefined, 'resource')).toEqual([]);
    expect(body.entries.map((e) => entryOrder(body, e))).toEqual([0, 1, 2, 3]);
    expect(entryOrder(body, api!.body!.entries[0])).toBe(-1);
    expect(body.open).toEqual({ line: 1, column: 1 });
    expect(api?.body?.open).toEqual({ line: 1, column: 38 });
  });

  it('a repeated block is found at its first header; an attribute with the same name is not a block', () => {
    const body = locateHcl('x = 1\nresource "a" "b" {\n}\nresource "a" "b" {\n}\nx {\n}\n');
    expect(findBlock(body, 'resource', ['a', 'b'])?.key).toEqual({ line: 2, column: 1 });
    expect(findBlock(body, 'x', [])?.key).toEqual({ line: 6, column: 1 });
  });

  it('object keys separated by commas; a comparison at the start of an item is not a key', () => {
    expect(outline(locateHcl('x = { a = 1, b = 2 }\ny = {\n  c == d\n  e = 3\n}\n'))).toEqual([
      'x @1:1 = @1:5',
      '  a @1:7 = @1:11',
      '  b @1:14 = @1:18',
      'y @2:1 = @2:5',
      '  e @4:3 = @4:7',
    ]);
  });

  it('unquoted labels, one-line blocks, comparisons and arrows are not keys', () => {
    const body = locateHcl('resource aws_x y { a = 1 }\nlocals { b = c == d ? 1 : 2\n  e = f }\nx = { g => 1 }\n');
    expect(outline(body)).toEqual([
      'block resource "aws_x" "y" @1:1',
      '  a @1:20 = @1:24',
      'block locals @2:1',
      '  b @2:10 = @2:14',
      '  e @3:3 = @3:7',
      'x @4:1 = @4:5',
    ]);
  });

  it('a heredoc marker that is not alone on its line does not end the heredoc; an unclosed one ends the file', () => {
    expect(outline(locateHcl('a = <<EOT\nEOT x = 1\n  EOT\nb = 2\n'))).toEqual(['a @1:1 = @1:5', 'b @4:1 = @4:5']);
    expect(outline(locateHcl('a = <<-EOT\n  c = 1\nb = 2\n'))).toEqual(['a @1:1 = @1:5']);
    expect(outline(locateHcl('a = "<<EOT"\nb = 2\n'))).toEqual(['a @1:1 = @1:5', 'b @2:1 = @2:5']);
  });

  it('strings with escapes and nested templates are skipped as one value', () => {
    expect(outline(locateHcl('a = "x \\" ${f("}", "{")} y"\nb = "%{ if c }d%{ endif }"\nc = 1\n'))).toEqual(['a @1:1 = @1:5', 'b @2:1 = @2:5', 'c @3:1 = @3:5']);
  });

  it('stops at text it cannot follow and keeps what it found; stops nesting past 100 levels', () => {
    expect(outline(locateHcl('a = 1\nb = {\n  c = [1,\n'))).toEqual(['a @1:1 = @1:5', 'b @2:1 = @2:5', '  c @3:3 = @3:7 items @3:8']);
    expect(outline(locateHcl('} a = 1\n) b = 2\n'))).toEqual(['a @1:3 = @1:7', 'b @2:3 = @2:7']);
    const deep = `x = ${'{ a = '.repeat(102)}1${' }'.repeat(102)}\ny = 2\n`;
    const lines = outline(locateHcl(deep));
    expect(lines.at(-1)).toBe('y @2:1 = @2:5');
    expect(lines.filter((l) => l.trim().startsWith('a @'))).toHaveLength(100);
  });
});
