/**
 * A Terraform block's parsed values paired with where they are written: every value a rule
 * reports carries the line of its key, of its list element, or of the enclosing block.
 */
import { describe, expect, it } from 'vitest';
import { findBlock, locateHcl } from '../../src/loaders/terraform/locator.js';
import { TfNode, at, isObject } from '../../src/loaders/terraform/node.js';
import { parseHcl } from '../../src/loaders/terraform/hcl-task.js';

const TEXT = [
  'resource "aws_lambda_function" "f" {', // 1
  '  timeout = 30', // 2
  '  nothing = null', // 3
  '  layers  = ["a", "b"]', // 4
  '  environment {', // 5
  '    variables = {', // 6
  '      ZED  = "z"', // 7
  '      ALPHA = { nested = 1 }', // 8
  '    }', // 9
  '  }', // 10
  '  vpc_config {', // 11
  '    subnet_ids = ["s"]', // 12
  '  }', // 13
  '  vpc_config {', // 14
  '    subnet_ids = ["t"]', // 15
  '  }', // 16
  '  dynamic "dead_letter_config" {', // 17
  '    for_each = var.dlq', // 18
  '    content {', // 19
  '      target_arn = "arn"', // 20
  '    }', // 21
  '  }', // 22
  '}', // 23
].join('\n');

async function node(text = TEXT): Promise<TfNode> {
  const json = (await parseHcl({ file: 'main.tf', text })).json as { resource: { aws_lambda_function: { f: Array<Record<string, unknown>> } } };
  const located = findBlock(locateHcl(text), 'resource', ['aws_lambda_function', 'f']);
  return new TfNode('main.tf', json.resource.aws_lambda_function.f[0], located?.body, located?.key ?? { line: 1, column: 1 });
}

const where = (loc: { line: number; column: number }) => `${loc.line}:${loc.column}`;

describe('TfNode', () => {
  it('has, raw and the location of a key, else of the node', async () => {
    const n = await node();
    expect(n.has('timeout')).toBe(true);
    expect(n.has('nothing')).toBe(false);
    expect(n.has('missing')).toBe(false);
    expect(n.has('toString')).toBe(false);
    expect(n.raw('timeout')).toBe(30);
    expect(where(n.loc('timeout'))).toBe('2:3');
    expect(where(n.loc('missing'))).toBe('1:1');
    expect(where(n.loc())).toBe('1:1');
    expect(n.here()).toEqual({ file: 'main.tf', line: 1, column: 1 });
    expect(n.entry('layers')?.value).toEqual({ line: 4, column: 13 });
    expect(n.entry('missing')).toBeUndefined();
  });

  it('list items are located one by one; past the list, at the attribute', async () => {
    const n = await node();
    expect(where(n.itemLoc('layers', 1))).toBe('4:19');
    expect(where(n.itemLoc('layers', 5))).toBe('4:3');
    expect(where(n.itemLoc('missing', 0))).toBe('1:1');
  });

  it('nested blocks, repeated blocks and dynamic blocks', async () => {
    const n = await node();
    const env = n.block('environment');
    expect(env && where(env.here())).toBe('5:3');
    expect(n.blocks('vpc_config').map((b) => `${where(b.here())} ${where(b.itemLoc('subnet_ids', 0))}`)).toEqual(['11:3 12:19', '14:3 15:19']);
    expect(n.blocks('timeout')).toEqual([]);
    const dlq = n.block('dead_letter_config');
    expect(dlq?.raw('target_arn')).toBe('arn');
    expect(dlq && where(dlq.here())).toBe('19:5');
    expect(dlq && where(dlq.loc('target_arn'))).toBe('20:7');
    expect(n.block('missing')).toBeUndefined();
  });

  it('object values: children in source order, each located, objects as nodes', async () => {
    const variables = (await node()).block('environment')?.object('variables');
    expect(variables && where(variables.here())).toBe('6:5');
    expect(variables?.children().map((c) => `${c.key}=${JSON.stringify(c.raw)}@${where(c.loc)}${c.node ? ` node@${where(c.node.here())}` : ''}`)).toEqual([
      'ZED="z"@7:7',
      'ALPHA={"nested":1}@8:7 node@8:7',
    ]);
    expect((await node()).object('timeout')).toBeUndefined();
    expect((await node()).object('layers')).toBeUndefined();
  });

  it('without located text, everything points at the node', async () => {
    const n = new TfNode('x.tf', { a: 1, b: { c: 2 }, list: [{ d: 1 }], dynamic: { blk: [{ content: [{ e: 1 }] }] } }, undefined, { line: 9, column: 2 });
    expect(where(n.loc('a'))).toBe('9:2');
    expect(where(n.itemLoc('list', 0))).toBe('9:2');
    expect(n.blocks('list').map((b) => where(b.here()))).toEqual(['9:2']);
    expect(n.block('blk')?.raw('e')).toBe(1);
    expect(where(n.block('blk')!.here())).toBe('9:2');
    expect(n.children().map((c) => c.key)).toEqual(['a', 'b', 'list', 'dynamic']);
    expect(where(n.object('b')!.here())).toBe('9:2');
  });

  it('malformed dynamic blocks are no blocks', () => {
    const pos = { line: 1, column: 1 };
    for (const dynamic of [undefined, [], { blk: {} }, { blk: [1] }, { blk: [null] }, { blk: [{}] }, { blk: [{ content: {} }] }, { blk: [{ content: [1] }] }]) {
      expect(new TfNode('x.tf', { dynamic }, undefined, pos).block('blk'), JSON.stringify(dynamic)).toBeUndefined();
    }
    expect(new TfNode('x.tf', { blk: [1, { a: 1 }] }, undefined, pos).blocks('blk').map((b) => b.raw('a'))).toEqual([1]);
  });

  it('a dynamic block located without its content block: at the dynamic block; an attribute named dynamic is no block', () => {
    const json = { dynamic: { blk: [{ content: [{ e: 1 }] }] } };
    const body = (entries: Array<{ name: string; labels: string[]; block: boolean; line: number }>) => ({
      open: { line: 1, column: 1 },
      entries: entries.map((e) => ({ name: e.name, labels: e.labels, block: e.block, key: { line: e.line, column: 3 }, body: { open: { line: e.line, column: 20 }, entries: [] } })),
    });
    const located = new TfNode('x.tf', json, body([{ name: 'dynamic', labels: ['blk'], block: true, line: 5 }]), { line: 1, column: 1 });
    expect(where(located.block('blk')!.here())).toBe('5:3');
    const attribute = new TfNode('x.tf', json, body([{ name: 'dynamic', labels: ['blk'], block: false, line: 7 }]), { line: 1, column: 1 });
    expect(where(attribute.block('blk')!.here())).toBe('1:1');
  });

  it('at and isObject', () => {
    expect(at('f.tf', { line: 2, column: 3 })).toEqual({ file: 'f.tf', line: 2, column: 3 });
    expect([isObject({}), isObject([]), isObject(null), isObject('x')]).toEqual([true, false, false, false]);
  });
});
