/**
 * YAML edge cases with exact expectations: alias bombs and deep anchor graphs stay bounded,
 * nesting and error floods are cut off with a located note, duplicate keys are reported where
 * they are, CloudFormation tags work in flow ("JSON-ish") YAML, several `---` documents load.
 */
import { describe, expect, it } from 'vitest';
import { analyzeConfigs } from '../../src/analyze.js';
import { loadCloudFormation } from '../../src/loaders/cloudformation.js';
import { loadServerless } from '../../src/loaders/serverless.js';
import { MAX_NESTING_DEPTH, MAX_SYNTAX_ERRORS, parseYaml } from '../../src/loaders/yaml-tree.js';
import { memoryHost } from './generators/harness.js';
import { writeProject } from '../helpers/temp-project.js';

const host = memoryHost({});

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

/** The billion laughs: 10 levels of 10 aliases each (10^10 nodes if expanded). */
function billionLaughs(levels = 10): string {
  const lines = ['lol0: &lol0 "lol"'];
  for (let i = 1; i < levels; i++) lines.push(`lol${i}: &lol${i} [${Array.from({ length: 10 }, () => `*lol${i - 1}`).join(', ')}]`);
  return lines.join('\n');
}

/** A binary DAG: each anchor holds two aliases of the previous (2^depth leaves if expanded). */
function anchorDag(depth: number, indent: string): string {
  const lines = [`${indent}a0: &a0 { v: 1 }`];
  for (let i = 1; i <= depth; i++) lines.push(`${indent}a${i}: &a${i} { l: *a${i - 1}, r: *a${i - 1} }`);
  return lines.join('\n');
}

describe('YAML: aliases, anchors, nesting', () => {
  it('an alias bomb is dropped with a located note, quickly, in a template and in serverless.yml', () => {
    const template = `AWSTemplateFormatVersion: "2010-09-09"\nMetadata:\n${billionLaughs().replace(/^/gm, '  ')}\nResources: {}\n`;
    const cfn = timed(() => loadCloudFormation('template.yaml', template, host));
    expect(cfn.ms).toBeLessThan(2000);
    expect(cfn.value.diagnostics.map((d) => `${d.loc.line}:${d.loc.column} ${d.message}`)).toEqual([expect.stringMatching(/^1:1 too many YAML aliases: /)]);

    const sls = `service: s\nprovider:\n  name: aws\n  environment:\n${billionLaughs().replace(/^/gm, '    ')}\nfunctions:\n  f:\n    handler: h.handler\n`;
    const loaded = timed(() => loadServerless('serverless.yml', sls, host));
    expect(loaded.ms).toBeLessThan(2000);
    expect(loaded.value.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^too many YAML aliases: /)]);
  });

  it('a deep graph of anchors (2^40 leaves if walked as a tree) is bounded; a small one loads', () => {
    const template = (depth: number): string =>
      `AWSTemplateFormatVersion: "2010-09-09"\nMetadata:\n${anchorDag(depth, '  ')}\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      Environment:\n        Variables: *a${depth}\n`;
    const deep = timed(() => loadCloudFormation('template.yaml', template(40), host));
    expect(deep.ms).toBeLessThan(2000);
    expect(deep.value.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^too many YAML aliases: /)]);
    const small = loadCloudFormation('template.yaml', template(3), host);
    expect(small.diagnostics).toEqual([]);
    expect(small.functions.map((f) => f.name)).toEqual(['Fn']);

    const sls = (depth: number): string =>
      `service: s\ncustom:\n${anchorDag(depth, '  ')}\nprovider:\n  name: aws\n  environment: \${self:custom.a${depth}}\nfunctions:\n  f:\n    handler: h.handler\n    environment: *a${depth}\n`;
    const loaded = timed(() => loadServerless('serverless.yml', sls(40), host));
    expect(loaded.ms).toBeLessThan(2000);
    expect(loaded.value.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^too many YAML aliases: /)]);
    expect(loadServerless('serverless.yml', sls(3), host).functions.map((f) => f.name)).toEqual(['f']);
  });

  it.each([
    ['flow sequences', `x: ${'['.repeat(5000)}${']'.repeat(5000)}`, 1],
    ['flow maps', `x: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}`, 1],
    ['compact block sequences', `x:\n  ${'- '.repeat(5000)}1`, 2],
    ['block maps', Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'), 202],
  ])('nesting past %s deeper than the limit is a located note', (_name, text, line) => {
    const { value, ms } = timed(() => parseYaml('t.yaml', text));
    expect(ms).toBeLessThan(2000);
    expect(value.documents).toEqual([]);
    expect(value.diagnostics.map((d) => `${d.loc.line} ${d.message}`)).toEqual([`${line} nested deeper than ${MAX_NESTING_DEPTH} levels: not read`]);
  });

  it('a flood of syntax errors (5 MB of `]`) stops early with a located note', () => {
    const { value, ms } = timed(() => parseYaml('t.yaml', `a: 1\nb: ${']'.repeat(5 * 1024 * 1024)}`));
    expect(ms).toBeLessThan(3000);
    expect(value.diagnostics.map((d) => `${d.loc.line}:${d.loc.column} ${d.message}`)).toEqual([`2:4 more than ${MAX_SYNTAX_ERRORS} syntax errors: not read as YAML (the first is here)`]);
  });

  it('an invalid merge key or an alias before its anchor is a located note, not a crash', () => {
    for (const [text, message] of [
      ['a: *later\nb: &later 1\n', 'invalid YAML alias or merge key: Unresolved alias (the anchor must be set before the alias): later'],
      ['b: &base [1]\nc: {<<: *base}\n', 'invalid YAML alias or merge key: Merge sources must be maps or map aliases'],
    ]) {
      expect(parseYaml('t.yaml', text).diagnostics.map((d) => `${d.loc.line}:${d.loc.column} ${d.message}`), text).toEqual([`1:1 ${message}`]);
    }
    // A map with an invalid merge used as a key: yaml cannot print it (it threw out of the loader before).
    expect(parseYaml('t.yaml', 'x: &base 1\n{a: 1, <<: *base}: 2\n').documents).toHaveLength(1);
  });
});

describe('YAML: duplicate keys, tags in flow YAML, several documents', () => {
  it('conflicting duplicate keys are no-duplicate-key findings (not parse errors), and the last value wins', async () => {
    const template = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  Fn:',
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      '      Runtime: nodejs22.x',
      '      Handler: index.handler',
      '      Timeout: 10',
      '      Timeout: 900',
      '  Fn:',
      '    Type: AWS::SQS::Queue',
      '',
    ].join('\n');
    const root = writeProject({ 'template.yaml': template });
    const { findings, model } = await analyzeConfigs(['.'], { root });
    expect(findings.filter((f) => f.ruleId === 'parse-error')).toEqual([]);
    expect(findings.filter((f) => f.ruleId === 'no-duplicate-key').map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual([
      "9:7 Key 'Timeout' is written twice in one map with different values; the value here wins and the one at template.yaml:8 is silently ignored.",
      "10:3 Key 'Fn' is written twice in one map with different values; the value here wins and the one at template.yaml:3 is silently ignored.",
    ]);
    // The second `Fn` (a queue) replaces the function.
    expect(model.functions).toEqual([]);
    expect(model.queues.map((q) => q.name)).toEqual(['Fn']);
  });

  it('CloudFormation short-form tags in flow ("JSON-ish") YAML', async () => {
    const template = [
      '{"AWSTemplateFormatVersion": "2010-09-09",',
      ' "Parameters": {"T": {"Type": "Number", "Default": 30}},',
      ' "Resources": {',
      '  "ByRef": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": !Sub "nodejs22.x", "Handler": "i.handler", "Timeout": !Ref T, "Role": !GetAtt [Role, Arn]}},',
      '  "Literal": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "nodejs22.x", "Handler": "i.handler",',
      '    "Timeout": 900}},',
      '  "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": !Sub "/aws/lambda/${Literal}", "RetentionInDays": 14}}',
      ' }}',
      '',
    ].join('\n');
    const root = writeProject({ 'template.yaml': template });
    const { findings, model } = await analyzeConfigs(['.'], { root });
    expect(model.functions.map((f) => [f.name, f.timeout.value])).toEqual([
      ['ByRef', 30],
      ['Literal', 900],
    ]);
    expect(findings.map((f) => `${f.ruleId}@${f.line}:${f.column}`)).toEqual(['no-max-timeout@6:5']);
  });

  it('several `---` documents each load, with their own line numbers', async () => {
    const doc = (name: string, timeout: number): string =>
      ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:', `  ${name}:`, '    Type: AWS::Lambda::Function', '    Properties:', '      Runtime: nodejs22.x', '      Handler: index.handler', `      Timeout: ${timeout}`].join('\n');
    const template = `${doc('First', 900)}\n---\n# second document\n${doc('Second', 900)}\n...\n---\n${doc('First', 10)}\n`;
    const root = writeProject({ 'template.yaml': template });
    const { findings, model } = await analyzeConfigs(['.'], { root });
    expect(model.functions.map((f) => f.id)).toEqual(['template.yaml#First', 'template.yaml#Second', 'template.yaml#First@3']);
    expect(findings.map((f) => `${f.ruleId}@${f.line}`)).toEqual(['no-max-timeout@8', 'no-max-timeout@18']);
  });
});
