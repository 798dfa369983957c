/**
 * Serverless function settings in their less common spellings: code locations (image, artifact,
 * python `module`), environment that cannot be read, layers, URLs, plugins and bundlers, the
 * provider written as a string, `functions`/`resources` spread over includes.
 */
import { describe, expect, it } from 'vitest';
import { loadServerless } from '../../src/loaders/serverless.js';
import type { LoadResult } from '../../src/loaders/types.js';
import type { Located } from '../../src/model/index.js';
import { fn, memoryHost } from './host.js';

function load(text: string, files: Record<string, string> = {}, file = 'serverless.yml'): LoadResult {
  const result = loadServerless(file, text, memoryHost({ [file]: text, ...files }));
  expect(result.diagnostics.filter((d) => d.ruleId === 'parse-error' && d.severity !== 'info')).toEqual([]);
  return result;
}

function at<T>(located: Located<T> | undefined): string {
  if (!located) return 'undefined';
  const value = typeof located.value === 'object' && located.value !== null && 'kind' in located.value ? `ref(${located.value.text})` : JSON.stringify(located.value);
  return `${value}@${located.loc.file === 'serverless.yml' ? '' : `${located.loc.file}:`}${located.loc.line}:${located.loc.column}${located.inheritedFrom ? ` ${located.inheritedFrom}` : ''}`;
}

const HEAD = 'service: s\nprovider:\n  name: aws\n'; // lines 1-3

describe('serverless code locations', () => {
  it('image by uri or name, artifacts (service and function level, S3 kept as written), python module folders', () => {
    const result = load(
      [
        'service: s', // 1
        'provider:', // 2
        '  name: aws', // 3
        'package:', // 4
        '  artifact: dist/service.zip', // 5
        'functions:', // 6
        '  byUri:', // 7
        '    image: { uri: 123.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:abc }', // 8
        '  byString:', // 9
        '    image: app:latest', // 10
        '  emptyImage:', // 11
        '    image: { command: [x] }', // 12
        '  s3Artifact:', // 13
        '    handler: h.h', // 14
        '    package: { artifact: s3://bucket/fn.zip }', // 15
        '  serviceArtifact:', // 16
        '    handler: h.h', // 17
      ].join('\n'),
      {},
      'api/serverless.yml',
    );
    const code = (name: string) => {
      const f = fn(result, name);
      return `${f.packageType ?? 'Zip'} ${f.code?.kind} ${at(f.code?.path)}`;
    };
    expect(code('byUri')).toBe('Image image "123.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:abc"@api/serverless.yml:8:5');
    expect(code('byString')).toBe('Image image "app:latest"@api/serverless.yml:10:5');
    expect(code('emptyImage')).toBe('Image image ""@api/serverless.yml:12:5');
    expect(code('s3Artifact')).toBe('Zip zip "s3://bucket/fn.zip"@api/serverless.yml:15:16');
    expect(code('serviceArtifact')).toBe('Zip zip "api/dist/service.zip"@api/serverless.yml:5:3');
  });

  it('python requirements module: the folder is the code directory', () => {
    const result = load(`${HEAD}functions:\n  py:\n    handler: app.handler\n    module: ./services/../py-svc\n  plain:\n    handler: app.handler\n`, {}, 'svc/serverless.yml');
    expect(at(fn(result, 'py').code?.path)).toBe('"svc/py-svc"@svc/serverless.yml:7:5');
    expect(at(fn(result, 'plain').code?.path)).toBe('"svc"@svc/serverless.yml:8:3');
    const root = load(`${HEAD}functions:\n  py:\n    handler: app.handler\n    module: py-svc\n`);
    expect(fn(root, 'py').code?.path.value).toBe('py-svc');
  });
});

describe('serverless settings that cannot be read', () => {
  it('an unreadable function value falls back to the provider; a null handler is no handler; references keep code paths unknown', () => {
    const result = load(
      [
        'service: s', // 1
        'provider:', // 2
        '  name: aws', // 3
        '  timeout: 10', // 4
        '  ephemeralStorageSize: 2048', // 5
        'functions:', // 6
        '  f:', // 7
        '    handler: ~', // 8
        '    timeout: fast', // 9
        '    package: { artifact: "${ssm:/artifact}" }', // 10
        '  g:', // 11
        '    handler: g.h', // 12
        '    ephemeralStorageSize: 4096', // 13
        '    module: ${ssm:/module}', // 14
        '  h:', // 15
        '    handler: h.h', // 16
        '    package: { artifact: out/s3://x.zip }', // 17
      ].join('\n'),
    );
    const f = fn(result, 'f');
    expect('handler' in f).toBe(false);
    expect(at(f.timeout)).toBe('10@4:3 provider');
    expect(at(f.ephemeralStorageMb)).toBe('2048@5:3 provider');
    expect(f.code).toEqual({ kind: 'zip', path: expect.objectContaining({ value: expect.objectContaining({ kind: 'reference', text: '${ssm:/artifact}' }) }) });
    const g = fn(result, 'g');
    expect(at(g.ephemeralStorageMb)).toBe('4096@13:5');
    expect(at(g.code?.path)).toBe('"."@11:3');
    // `s3://` only at the start makes an S3 location.
    expect(fn(result, 'h').code?.path.value).toBe('out/s3:/x.zip');
  });
});

describe('serverless environment, layers, tracing and URLs', () => {
  it('environment that is not a map is unknown; null is empty', () => {
    const result = load(
      [
        'service: s', // 1
        'provider:', // 2
        '  name: aws', // 3
        '  environment: ${ssm:/env}', // 4
        'functions:', // 5
        '  a:', // 6
        '    handler: h.h', // 7
        '  b:', // 8
        '    handler: h.h', // 9
        '    environment:', // 10
        '      X: ~', // 11
      ].join('\n'),
    );
    expect(fn(result, 'a')).toMatchObject({ environmentUnknown: true, environment: {}, environmentLoc: { line: 4, column: 3 } });
    expect(fn(result, 'b').environmentUnknown).toBe(true);
    expect(fn(result, 'b').environmentLoc).toMatchObject({ line: 10, column: 5 });
    expect(at(fn(result, 'b').environment.X)).toBe('""@11:7');

    const empty = load(`${HEAD}  environment:\nfunctions:\n  a:\n    handler: h.h\n`);
    expect(fn(empty, 'a').environmentUnknown).toBeUndefined();
    expect(fn(empty, 'a').environment).toEqual({});
  });

  it('layers: one value or a list; the function list replaces the provider list', () => {
    const result = load(
      [
        'service: s', // 1
        'provider:', // 2
        '  name: aws', // 3
        '  layers: arn:aws:lambda:eu-west-1:1:layer:base:1', // 4
        'functions:', // 5
        '  inherits:', // 6
        '    handler: h.h', // 7
        '  own:', // 8
        '    handler: h.h', // 9
        '    layers:', // 10
        '      - !Ref OwnLayer', // 11
        '      - ~', // 12
      ].join('\n'),
    );
    expect(fn(result, 'inherits').layers.map(at)).toEqual(['"arn:aws:lambda:eu-west-1:1:layer:base:1"@4:11 provider']);
    expect(fn(result, 'own').layers.map(at)).toEqual(['ref(!Ref OwnLayer)@11:9']);
  });

  it('tracing: true/false at the function or provider.tracing.lambda; URLs: null is none', () => {
    const result = load(
      [
        'service: s', // 1
        'provider:', // 2
        '  name: aws', // 3
        '  tracing:', // 4
        '    lambda: Active', // 5
        'functions:', // 6
        '  inherits:', // 7
        '    handler: h.h', // 8
        '  on:', // 9
        '    handler: h.h', // 10
        '    tracing: true', // 11
        '  off:', // 12
        '    handler: h.h', // 13
        '    tracing: false', // 14
        '    url: ~', // 15
        '  mapUrl:', // 16
        '    handler: h.h', // 17
        '    url: { cors: true }', // 18
        '  otherAuth:', // 19
        '    handler: h.h', // 20
        '    url: { authorizer: none }', // 21
      ].join('\n'),
    );
    expect(at(fn(result, 'inherits').tracing)).toBe('"Active"@5:5 provider');
    expect(at(fn(result, 'on').tracing)).toBe('"Active"@11:5');
    expect(at(fn(result, 'off').tracing)).toBe('"PassThrough"@14:5');
    expect(fn(result, 'off').functionUrls).toBeUndefined();
    expect(fn(result, 'off').triggers).toEqual([]);
    expect(fn(result, 'mapUrl').functionUrls).toEqual([{ authType: { value: 'NONE', loc: expect.objectContaining({ line: 18, column: 5 }), isDefault: true }, loc: expect.objectContaining({ line: 18, column: 5 }) }]);
    expect(at(fn(result, 'otherAuth').functionUrls?.[0].authType)).toBe('"NONE"@21:12');
  });

  it('onFailure destinations: an ARN, a map with arn, a map with only a type, intrinsics', () => {
    const result = load(
      [
        'service: s', // 1
        'provider:', // 2
        '  name: aws', // 3
        'functions:', // 4
        '  typeOnly:', // 5
        '    handler: h.h', // 6
        '    destinations: { onFailure: { type: sns } }', // 7
        '  none:', // 8
        '    handler: h.h', // 9
        '    destinations: { onSuccess: arn:aws:sqs:eu-west-1:1:ok }', // 10
        '  empty:', // 11
        '    handler: h.h', // 12
        '    destinations: { onFailure: { other: x } }', // 13
      ].join('\n'),
    );
    expect(at(fn(result, 'typeOnly').onFailureDestination)).toBe('"sns"@7:21');
    expect(fn(result, 'none').onFailureDestination).toBeUndefined();
    expect(fn(result, 'empty').onFailureDestination).toBeUndefined();
  });
});

describe('serverless provider, plugins and bundlers', () => {
  it('provider written as the string aws', () => {
    const result = load('service: s\nprovider: aws\nfunctions:\n  f:\n    handler: h.h\n');
    expect(result.functions.map((f) => f.name)).toEqual(['f']);
    expect(load('service: s\nprovider: google\nfunctions:\n  f:\n    handler: h.h\n').functions).toEqual([]);
    expect(load('- a\n- b\n').functions).toEqual([]);
  });

  it('plugins as a list or { modules }, bundlers by plugin or build.esbuild, first bundler wins', () => {
    const plugins = (text: string) => {
      const f = fn(load(`${HEAD}${text}\nfunctions:\n  f:\n    handler: h.h\n`), 'f');
      return `${f.bundler ?? '-'} ${JSON.stringify(f.deployPlugins ?? [])}`;
    };
    expect(plugins('plugins:\n  - serverless-plugin-typescript\n  - serverless-esbuild')).toBe('typescript ["serverless-plugin-typescript","serverless-esbuild"]');
    expect(plugins('plugins:\n  localPath: ./plugins\n  modules:\n    - serverless-bundle')).toBe('serverless-bundle ["serverless-bundle"]');
    expect(plugins('plugins:\n  localPath: ./plugins')).toBe('- []');
    expect(plugins('plugins: serverless-esbuild')).toBe('- []');
    expect(plugins('plugins:\n  - serverless-offline\n  - 3')).toBe('- ["serverless-offline"]');
    expect(plugins('build:\n  esbuild: true')).toBe('esbuild []');
    expect(plugins('build:\n  esbuild: { minify: true }')).toBe('esbuild []');
    expect(plugins('build:\n  other: true')).toBe('- []');
  });

  it('dotenv: .env.<stage> of a stage that cannot be resolved is not read', () => {
    const result = load(`${HEAD}  stage: \${ssm:/stage}\nuseDotenv: true\nfunctions:\n  f:\n    handler: h.h\n`, { '.env': 'A=1\n', '.env.dev': 'B=1\n' });
    expect(fn(result, 'f').dotenvFiles).toEqual(['.env']);
    const off = load(`${HEAD}useDotenv: false\nfunctions:\n  f:\n    handler: h.h\n`, { '.env': 'A=1\n' });
    expect(fn(off, 'f').dotenvFiles).toBeUndefined();
    const inFolder = load(`${HEAD}useDotenv: true\nfunctions:\n  f:\n    handler: h.h\n`, { 'api/.env': 'A=1\n', 'api/.env.dev': 'B=1\n' }, 'api/serverless.yml');
    expect(fn(inFolder, 'f').dotenvFiles).toEqual(['api/.env', 'api/.env.dev']);
  });
});

describe('serverless functions and resources spread over includes', () => {
  it('functions: later definitions replace earlier ones; includes nest up to 5 levels; null definitions load', () => {
    const result = load(`${HEAD}functions:\n  - a: { handler: first.h }\n  - \${file(./more.yml)}\n  - a: { handler: last.h }\n  - empty:\n  - 5\n`, {
      'more.yml': 'b:\n  handler: b.h\n',
    });
    expect(result.functions.map((f) => `${f.name} ${f.handler?.value ?? '-'}`)).toEqual(['b b.h', 'a last.h', 'empty -']);
    const nested = (depth: number) => `${'['.repeat(depth)}{ deep: { handler: d.h } }${']'.repeat(depth)}`;
    expect(load(`${HEAD}functions: ${nested(5)}\n`).functions.map((f) => f.name)).toEqual(['deep']);
    expect(load(`${HEAD}functions: ${nested(6)}\n`).functions).toEqual([]);
  });

  it('resources: a list of parts merged, later resources replacing earlier ones; parts without Resources are skipped', () => {
    const result = load(
      `${HEAD}functions:\n  f:\n    handler: h.h\nresources:\n  - Resources:\n      Q:\n        Type: AWS::SQS::Queue\n        Properties: { VisibilityTimeout: 10 }\n  - Outputs: {}\n  - Resources: []\n  - Resources:\n      Q:\n        Type: AWS::SQS::Queue\n        Properties: { VisibilityTimeout: 20 }\n      R:\n        Type: AWS::SQS::Queue\n`,
    );
    expect(result.queues.map((q) => `${q.name} ${at(q.visibilityTimeout)}`)).toEqual(['Q 20@17:23', 'R 30@18:7']);
    expect(load(`${HEAD}functions:\n  f:\n    handler: h.h\nresources:\n  Outputs: {}\n`).queues).toEqual([]);
  });

  it('resources: a resource in two parts is merged key by key, as the Framework (lodash merge) does', () => {
    // The second part only overrides one property: the queue keeps its Type and its other properties.
    const result = load(
      `${HEAD}functions:\n  f:\n    handler: h.h\n    timeout: 60\n    events:\n      - sqs: { arn: !GetAtt Q.Arn }\nresources:\n  - Resources:\n      Q:\n        Type: AWS::SQS::Queue\n        Properties:\n          FifoQueue: true\n          VisibilityTimeout: 10\n  - Resources:\n      Q:\n        Properties:\n          VisibilityTimeout: 20\n`,
    );
    expect(result.queues.map((q) => `${q.name} fifo=${q.fifo} ${at(q.visibilityTimeout)}`)).toEqual(['Q fifo=true 20@20:11']);
    expect(fn(result, 'f').triggers.map((t) => t.source)).toEqual([{ ref: 'Q', queueId: 'serverless.yml#Q' }]);
  });

  it('a function config that cannot be read statically is skipped with a note', () => {
    const text = "export default { service: 's', provider: { name: 'aws' }, functions: { ok: { handler: 'h.h' }, computed: build(), scalar: 'x' } };\n";
    const result = loadServerless('serverless.ts', text, memoryHost({ 'serverless.ts': text }));
    expect(result.functions.map((f) => f.name)).toEqual(['ok']);
    expect(result.diagnostics).toEqual([
      { ruleId: 'parse-error', severity: 'info', message: 'function `computed` was not loaded: its config `build()` cannot be read statically', loc: { file: 'serverless.ts', line: 1, column: 96 } },
    ]);
  });
});
