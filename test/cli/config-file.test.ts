import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfigFile, parseConfigText, readConfigFile, type ConfigOptions } from '../../src/cli/config-file.js';
import { UsageError } from '../../src/cli/errors.js';
import { runCli } from '../../src/cli/main.js';
import { allRuleSummaries, ruleOptionSchemas } from '../../src/rule-settings.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): { dir: string; options: ConfigOptions } {
  const dir = mkdtempSync(join(tmpdir(), 'lambdalint-config-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, options: { displayPath: (p) => relative(dir, p), knownRules: ['no-aws-sdk-v2', 'no-max-timeout', 'undefined-env-var'] } };
}

/** The UsageError message that loading this lambdalint.config.json throws. */
function errorFor(configText: string, extra: Record<string, string> = {}): string {
  const { dir, options } = project({ 'lambdalint.config.json': configText, ...extra });
  try {
    loadConfigFile(dir, options);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('valid configuration', () => {
  it('reads lambdalint.config.json with every key, rule ids without the lambdalint/ prefix', () => {
    const { dir, options } = project({
      'lambdalint.config.json': JSON.stringify({
        $schema: './node_modules/lambdalint/schema/lambdalint.config.schema.json',
        extends: 'strict',
        rules: { 'lambdalint/no-aws-sdk-v2': 'off', 'no-max-timeout': ['warn', { maxSeconds: 300 }], 'undefined-env-var': ['error'] },
        ignorePatterns: ['generated/**', '!generated/keep.ts'],
        handlerNames: ['handler', 'main', '$h'],
        settings: { lambdalint: { runtime: 'nodejs20.x' } },
      }),
    });
    expect(loadConfigFile(dir, options)).toEqual({
      file: 'lambdalint.config.json',
      path: join(dir, 'lambdalint.config.json'),
      source: 'config-file',
      config: {
        extends: 'strict',
        rules: { 'no-aws-sdk-v2': 'off', 'no-max-timeout': ['warn', { maxSeconds: 300 }], 'undefined-env-var': ['error'] },
        ignorePatterns: ['generated/**', '!generated/keep.ts'],
        handlerNames: ['handler', 'main', '$h'],
        settings: { lambdalint: { runtime: 'nodejs20.x' } },
      },
    });
  });

  it('an empty object is a valid configuration; no file at all is undefined', () => {
    expect(loadConfigFile(project({ 'lambdalint.config.json': '{}\n' }).dir)?.config).toEqual({});
    expect(loadConfigFile(project({}).dir)).toBeUndefined();
  });

  it('reads the lambdalint key of package.json', () => {
    const { dir, options } = project({ 'package.json': JSON.stringify({ name: 'app', lambdalint: { rules: { 'no-max-timeout': 'error' } } }, null, 2) });
    const loaded = loadConfigFile(dir, options);
    expect(loaded).toMatchObject({ file: 'package.json', source: 'package.json', config: { rules: { 'no-max-timeout': 'error' } } });
  });

  it('ignores a package.json without the key, even a broken one', () => {
    expect(loadConfigFile(project({ 'package.json': '{"name": "app", "dependencies": {"lambdalint": "1"}}' }).dir)).toBeUndefined();
    expect(loadConfigFile(project({ 'package.json': '{"name": "app",' }).dir)).toBeUndefined();
  });

  it('keeps a "__proto__" setting as data, never as a prototype', () => {
    const config = parseConfigText('{"settings": {"__proto__": {"polluted": true}}}', 'c.json');
    expect(Object.getPrototypeOf(config.settings)).toBe(Object.prototype);
    expect(Object.keys(config.settings!)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads an explicit --config file, or package.json given explicitly', () => {
    const { dir, options } = project({ 'ci.json': '{"extends": "recommended"}', 'package.json': '{"lambdalint": {"extends": "strict"}}' });
    expect(readConfigFile(join(dir, 'ci.json'), options)).toMatchObject({ file: 'ci.json', config: { extends: 'recommended' } });
    expect(readConfigFile(join(dir, 'package.json'), options)).toMatchObject({ source: 'package.json', config: { extends: 'strict' } });
  });
});

describe('invalid JSON is a usage error at line:column', () => {
  it.each([
    ['trailing comma', '{\n  "rules": {},\n}', "lambdalint.config.json:3:1: invalid JSON: trailing comma before '}'; JSON does not allow it, remove the comma"],
    ['comment', '{\n  // no\n}', 'lambdalint.config.json:2:3: invalid JSON: unexpected comment (JSON has no comments), expected a "quoted" property name'],
    ['single quotes', "{ 'rules': {} }", 'lambdalint.config.json:1:3: invalid JSON: unexpected character "\'", expected a "quoted" property name'],
    ['unterminated', '{ "rules": {', 'lambdalint.config.json:1:13: invalid JSON: unexpected end of file, expected a "quoted" property name'],
    ['empty file', '', 'lambdalint.config.json:1:1: invalid JSON: the file is empty; write a JSON object, for example {}'],
    ['duplicate key', '{"rules": {},\n "rules": {}}', 'lambdalint.config.json:2:2: invalid JSON: duplicate key "rules"; keep only one'],
    ['missing comma', '{"extends": "strict"\n "rules": {}}', 'lambdalint.config.json:2:2: invalid JSON: unexpected character "\\"", expected \',\' or \'}\''],
    ['text after the value', '{}\n{}', 'lambdalint.config.json:2:1: invalid JSON: unexpected character "{" after the end of the JSON value'],
  ])('%s', (_name, text, message) => {
    expect(errorFor(text)).toBe(message);
  });

  it('counts columns after a byte-order mark and CRLF line ends', () => {
    expect(errorFor('\uFEFF{\r\n  "rules": {},\r\n}')).toBe("lambdalint.config.json:3:1: invalid JSON: trailing comma before '}'; JSON does not allow it, remove the comma");
  });
});

describe("rule options, against each rule's schema", () => {
  const schemas = ruleOptionSchemas();
  const optionError = (rules: string): string => {
    const { dir } = project({ 'lambdalint.config.json': rules });
    try {
      loadConfigFile(dir, { displayPath: (p) => relative(dir, p), knownRules: [...schemas.keys()], ruleSchemas: schemas });
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).not.toContain('\n');
      return (error as Error).message;
    }
    throw new Error('expected a UsageError');
  };

  it('one line naming the rule and the option, at its place', () => {
    expect(optionError('{"rules": {\n  "no-heavy-import": ["error", {"maxBytes": "500k"}]\n}}')).toBe(
      'lambdalint.config.json:2:45: rule "no-heavy-import": option "maxBytes" must be integer, got "500k"',
    );
    expect(optionError('{"rules": {"lambdalint/no-heavy-import": [2, {"maxByte": 1}]}}')).toBe(
      'lambdalint.config.json:1:47: rule "no-heavy-import": unknown option "maxByte"; did you mean "maxBytes"?',
    );
    expect(optionError('{"rules": {"undefined-env-var": ["error", {"allow": ["A", 3]}]}}')).toMatch(/^lambdalint\.config\.json:1:\d+: rule "undefined-env-var": option "allow\[1\]" must be string, got 3/);
    expect(optionError('{"rules": {"no-heavy-import": ["warn", {"maxBytes": -1}]}}')).toMatch(/rule "no-heavy-import": option "maxBytes" must be >= 0, got -1/);
  });

  it('a rule without options takes none; "off" is never checked', () => {
    expect(optionError('{"rules": {"no-max-timeout": ["warn", {"maxSeconds": 300}]}}')).toBe(
      'lambdalint.config.json:1:39: rule "no-max-timeout": takes no options',
    );
    const { dir } = project({ 'lambdalint.config.json': '{"rules": {"no-max-timeout": ["off", {"maxSeconds": 300}]}}' });
    expect(() => loadConfigFile(dir, { ruleSchemas: schemas })).not.toThrow();
  });

  it('every valid strict option of every rule passes', () => {
    const rules = Object.fromEntries(allRuleSummaries().filter((r) => r.strictOptions).map((r) => [r.id, ['error', ...r.strictOptions!]]));
    expect(Object.keys(rules).length).toBeGreaterThan(0);
    const { dir } = project({ 'lambdalint.config.json': JSON.stringify({ rules }) });
    expect(() => loadConfigFile(dir, { ruleSchemas: schemas })).not.toThrow();
  });
});

describe('schema violations name the key and the fix', () => {
  it('unknown key "plugins": lambdalint never loads JavaScript', () => {
    expect(errorFor('{\n  "plugins": ["./evil.js"]\n}')).toBe(
      'lambdalint.config.json:2:3: unknown key "plugins": lambdalint never loads plugins or JavaScript from its configuration (so linting an untrusted pull request cannot run its code); remove "plugins"',
    );
  });

  it('any key holding a path to a script gets the same explanation', () => {
    expect(errorFor('{"processor": "./tools/proc.mjs"}')).toMatch(/^lambdalint\.config\.json:1:2: unknown key "processor": lambdalint never loads plugins or JavaScript/);
  });

  it('a misspelt key gets a suggestion, others the list of keys', () => {
    expect(errorFor('{"rule": {}}')).toBe('lambdalint.config.json:1:2: unknown key "rule"; did you mean "rules"?');
    expect(errorFor('{"overrides": []}')).toBe(
      'lambdalint.config.json:1:2: unknown key "overrides"; allowed keys are "extends", "rules", "ignorePatterns", "handlerNames", "settings"',
    );
  });

  it('a rule severity that is not off/warn/error', () => {
    expect(errorFor('{"rules": {\n  "no-max-timeout": "warning"\n}}')).toBe(
      'lambdalint.config.json:2:21: rule "no-max-timeout": expected "off", "warn", "error" (or 0, 1, 2), or [severity, ...options], got "warning"',
    );
    expect(errorFor('{"rules": {"no-max-timeout": []}}')).toMatch(/^lambdalint\.config\.json:1:30: rule "no-max-timeout": expected .* got \[\]$/);
    expect(errorFor('{"rules": {"no-max-timeout": [3, {}]}}')).toMatch(/^lambdalint\.config\.json:1:30: rule "no-max-timeout": .* got \[3,\{\}\]$/);
    expect(errorFor('{"rules": {"no-max-timeout": -1}}')).toMatch(/got -1$/);
  });

  it('numeric severities, as in ESLint: 0 off, 1 warn, 2 error, also in an array', () => {
    const { dir, options } = project({ 'lambdalint.config.json': '{"rules": {"no-max-timeout": 0, "no-aws-sdk-v2": 1, "undefined-env-var": [2, {"allow": ["X"]}]}}' });
    expect(loadConfigFile(dir, options)?.config.rules).toEqual({ 'no-max-timeout': 'off', 'no-aws-sdk-v2': 'warn', 'undefined-env-var': ['error', { allow: ['X'] }] });
  });

  it('an invalid or unknown rule id', () => {
    expect(errorFor('{"rules": {"No_Thing": "error"}}')).toBe(
      'lambdalint.config.json:1:12: invalid rule id "No_Thing": rule ids are lower-case words joined by "-", for example "no-aws-sdk-v2"',
    );
    expect(errorFor('{"rules": {"__proto__": "error"}}')).toMatch(/^lambdalint\.config\.json:1:12: invalid rule id "__proto__"/);
    expect(errorFor('{"rules": {"no-aws-sdk-2": "error"}}')).toBe('lambdalint.config.json:1:12: unknown rule "no-aws-sdk-2"; did you mean "no-aws-sdk-v2"?');
    expect(errorFor('{"rules": {"lambdalint/zzz": "error"}}')).toBe(
      'lambdalint.config.json:1:12: unknown rule "lambdalint/zzz"; check the rule id in the lambdalint docs',
    );
    expect(errorFor('{"rules": {"no-max-timeout": "warn",\n "lambdalint/no-max-timeout": "off"}}')).toBe(
      'lambdalint.config.json:2:2: rule "no-max-timeout" is configured twice ("no-max-timeout" and "lambdalint/no-max-timeout"); keep one',
    );
  });

  it('extends, ignorePatterns, handlerNames and settings of the wrong kind', () => {
    expect(errorFor('{"extends": "eslint:recommended"}')).toBe(
      'lambdalint.config.json:1:13: "extends" must be "recommended" or "strict", got "eslint:recommended"',
    );
    expect(errorFor('{"ignorePatterns": "dist"}')).toBe(
      'lambdalint.config.json:1:20: ignorePatterns must be an array of .gitignore-style patterns, for example ["generated/**"], got "dist"',
    );
    expect(errorFor('{"ignorePatterns": ["a", 3]}')).toBe('lambdalint.config.json:1:26: ignorePatterns[1] must be a string (a .gitignore-style pattern), got 3');
    expect(errorFor('{"ignorePatterns": [""]}')).toBe('lambdalint.config.json:1:21: ignorePatterns[0] must not be empty');
    expect(errorFor('{"handlerNames": ["handler", "src/app.handler"]}')).toBe(
      'lambdalint.config.json:1:30: handlerNames[1]: "src/app.handler" is not an export name (a JavaScript identifier such as "handler")',
    );
    expect(errorFor('{"handlerNames": ["main", "main"]}')).toMatch(/^lambdalint\.config\.json:1:\d+: handlerNames lists "main" twice; remove one$/);
    expect(errorFor('{"settings": []}')).toBe('lambdalint.config.json:1:14: settings must be an object, got []');
    expect(errorFor('[]')).toBe('lambdalint.config.json:1:1: the configuration must be a JSON object, for example { "rules": {} }');
  });

  it('reports the first problem and how many more there are', () => {
    expect(errorFor('{"extends": "x",\n "rules": {"no-max-timeout": "on"},\n "plugins": []}')).toBe(
      'lambdalint.config.json:1:13: "extends" must be "recommended" or "strict", got "x" (and 2 more problems)',
    );
  });

  it('positions point into package.json for the lambdalint key', () => {
    const { dir, options } = project({ 'package.json': '{\n  "name": "app",\n  "lambdalint": {\n    "plugins": {}\n  }\n}\n' });
    expect(() => loadConfigFile(dir, options)).toThrow(/^package\.json:4:5: unknown key "plugins"/);
    const broken = project({ 'package.json': '{\n  "lambdalint": {"rules": {},}\n}' });
    expect(() => loadConfigFile(broken.dir, broken.options)).toThrow("package.json:2:30: invalid JSON: trailing comma before '}'");
    const notObject = project({ 'package.json': '{"lambdalint": "./lambdalint.js"}' });
    expect(() => loadConfigFile(notObject.dir, notObject.options)).toThrow(
      'package.json:1:16: "lambdalint" in package.json must be a JSON object, for example { "rules": {} }',
    );
  });
});

describe('where configuration may come from', () => {
  it('both lambdalint.config.json and a package.json key is ambiguous', () => {
    const { dir, options } = project({ 'lambdalint.config.json': '{}', 'package.json': '{"lambdalint": {}}' });
    expect(() => loadConfigFile(dir, options)).toThrow(
      'lambdalint.config.json: configuration found both here and in the "lambdalint" key of package.json; keep one of the two',
    );
  });

  it('a JavaScript config is reported and never executed', () => {
    const { dir, options } = project({});
    const marker = join(dir, 'executed');
    writeFileSync(join(dir, 'lambdalint.config.js'), `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); module.exports = {};`);
    writeFileSync(join(dir, 'lambdalint.config.mjs'), `import fs from 'node:fs'; fs.writeFileSync(${JSON.stringify(marker)}, 'x'); export default {};`);
    expect(() => loadConfigFile(dir, options)).toThrow(
      'lambdalint.config.js: lambdalint does not run JavaScript configuration (so that linting an untrusted pull request never executes its code); move the settings to lambdalint.config.json',
    );
    expect(() => readConfigFile(join(dir, 'lambdalint.config.mjs'), options)).toThrow(/^lambdalint\.config\.mjs: a config file must be JSON/);
    expect(existsSync(marker)).toBe(false);
  });

  it('an explicit config that does not exist', () => {
    const { dir, options } = project({});
    expect(() => readConfigFile(join(dir, 'nope.json'), options)).toThrow('nope.json: file not found; check the config path');
    expect(() => readConfigFile(join(dir, 'package.json'), options)).toThrow('package.json: file not found; check the config path');
  });
});

describe('the CLI with invalid rule options', () => {
  it('exits 2 with one line naming the rule and the option, and lints nothing', async () => {
    const { dir } = project({
      'lambdalint.config.json': '{"rules": {"undefined-env-var": [2, {"alow": ["X"]}]}}',
      'serverless.yml': 'service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  f:\n    handler: missing.handler\n',
    });
    let stdout = '';
    let stderr = '';
    const code = await runCli(['-f', 'json'], { cwd: dir, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), color: false, version: '0' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`lambdalint: ${join(dir, 'lambdalint.config.json')}:1:38: rule "undefined-env-var": unknown option "alow"; did you mean "allow"?\n`);
  });
});
