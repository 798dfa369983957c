import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { UsageError } from './errors.js';
import { readCliFile } from '../project/host.js';
import { parseJsonSource, pointerToken, type JsonSource } from './json-source.js';
import { closest } from '../did-you-mean.js';

export type RuleSeverityName = 'off' | 'warn' | 'error';
/** After validation: numeric severities (0, 1, 2, as ESLint takes them) are read as their names. */
export type RuleEntry = RuleSeverityName | [RuleSeverityName, ...unknown[]];
const SEVERITY_NAMES: readonly RuleSeverityName[] = ['off', 'warn', 'error'];

/** The user's configuration, as validated against `schema/lambdalint.config.schema.json`. */
export interface LambdalintConfig {
  extends?: 'recommended' | 'strict';
  /** By bare rule id: a `lambdalint/` prefix written by the user is removed. */
  rules?: Record<string, RuleEntry>;
  ignorePatterns?: string[];
  handlerNames?: string[];
  settings?: Record<string, unknown>;
}

export interface LoadedConfig {
  /** The file it came from, as shown in messages (relative to the working directory when inside it). */
  file: string;
  /** Absolute path of that file. */
  path: string;
  /** 'package.json' when read from the `lambdalint` key of package.json. */
  source: 'config-file' | 'package.json';
  config: LambdalintConfig;
}

export interface ConfigOptions {
  /** Rule ids that exist (bare ids). When given, an unknown rule id is a usage error. */
  knownRules?: Iterable<string>;
  /** Rule id -> the rule's `meta.schema` (ESLint's form). When given, rule options are validated against it. */
  ruleSchemas?: ReadonlyMap<string, unknown>;
  /** How a path is shown in messages. Default: relative to process.cwd() when inside it. */
  displayPath?: (absolutePath: string) => string;
  /** The project folder: a config inside it is never read through a link leading out of it. Default: process.cwd(). */
  root?: string;
}

export const CONFIG_FILE_NAME = 'lambdalint.config.json';
export const SCHEMA_FILE = 'lambdalint.config.schema.json';
const PACKAGE_KEY = 'lambdalint';
const TOP_LEVEL_KEYS = ['$schema', 'extends', 'rules', 'ignorePatterns', 'handlerNames', 'settings'];
const CODE_CONFIG_NAMES = ['lambdalint.config.js', 'lambdalint.config.mjs', 'lambdalint.config.cjs', 'lambdalint.config.ts', 'lambdalint.config.mts', 'lambdalint.config.cts'];
const RULE_PREFIX = 'lambdalint/';

/**
 * Finds and reads the configuration in `dir`: `lambdalint.config.json`, or the `lambdalint` key
 * of `package.json`. Returns undefined when there is none. Only JSON is ever read: a
 * `lambdalint.config.js` is reported, never loaded.
 */
export function loadConfigFile(dir: string, options: ConfigOptions = {}): LoadedConfig | undefined {
  const show = options.displayPath ?? defaultDisplayPath;
  const configPath = resolve(dir, CONFIG_FILE_NAME);
  const packagePath = resolve(dir, 'package.json');
  options = { ...options, root: options.root ?? dir };
  const fromConfig = existsSync(configPath) ? readConfigFile(configPath, options) : undefined;
  const fromPackage = existsSync(packagePath) ? readPackageJsonConfig(packagePath, options) : undefined;
  if (fromConfig && fromPackage) {
    throw new UsageError(
      `configuration found both here and in the "${PACKAGE_KEY}" key of ${show(packagePath)}; keep one of the two`,
      { file: fromConfig.file },
    );
  }
  const found = fromConfig ?? fromPackage;
  if (!found) {
    const code = CODE_CONFIG_NAMES.find((name) => existsSync(join(dir, name)));
    if (code) {
      throw new UsageError(
        `lambdalint does not run JavaScript configuration (so that linting an untrusted pull request never executes its code); move the settings to ${CONFIG_FILE_NAME}`,
        { file: show(resolve(dir, code)) },
      );
    }
  }
  return found;
}

/**
 * Reads an explicit config file (`--config`): `*.json` as a whole, or `package.json`'s `lambdalint` key.
 */
export function readConfigFile(path: string, options: ConfigOptions = {}): LoadedConfig {
  const absolute = resolve(path);
  const file = (options.displayPath ?? defaultDisplayPath)(absolute);
  if (basename(absolute) === 'package.json') {
    const found = readPackageJsonConfig(absolute, options);
    if (!found) throw new UsageError(`no "${PACKAGE_KEY}" key in this package.json; add one or pass a ${CONFIG_FILE_NAME}`, { file });
    return found;
  }
  if (!/\.json$/i.test(absolute)) {
    throw new UsageError(`a config file must be JSON (lambdalint never runs JavaScript configuration); use ${CONFIG_FILE_NAME}`, { file });
  }
  const text = readText(absolute, file, options.root);
  return { file, path: absolute, source: 'config-file', config: parseConfigText(text, file, options) };
}

/** Validates the text of a `lambdalint.config.json`. Every problem is a one-line `UsageError`. */
export function parseConfigText(text: string, file: string, options: ValidationOptions = {}): LambdalintConfig {
  const source = parseJsonSource(text, file);
  return validate(source, source.value, '', file, options);
}

function readPackageJsonConfig(absolute: string, options: ConfigOptions): LoadedConfig | undefined {
  const file = (options.displayPath ?? defaultDisplayPath)(absolute);
  const text = readText(absolute, file, options.root);
  let source: JsonSource;
  try {
    source = parseJsonSource(text, file);
  } catch (error) {
    // A broken package.json is the project's problem (reported as a finding by whoever reads it
    // for dependencies); it is ours only when it visibly holds our configuration.
    if (new RegExp(`"${PACKAGE_KEY}"\\s*:`).test(text)) throw error;
    return undefined;
  }
  const pkg = source.value;
  if (!isPlainObject(pkg) || !Object.hasOwn(pkg, PACKAGE_KEY)) return undefined;
  const config = validate(source, pkg[PACKAGE_KEY], `/${PACKAGE_KEY}`, file, options);
  return { file, path: absolute, source: 'package.json', config };
}

/** Config files are small JSON; a FIFO or device named like one would block a read forever. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** Through the project host's reader: regular files only, non-blocking, never through a link out of the project. */
function readText(absolute: string, file: string, root = process.cwd()): string {
  const outcome = readCliFile(root, absolute, MAX_CONFIG_BYTES);
  if (outcome.ok) return outcome.text;
  const why =
    outcome.reason === 'too-large'
      ? `the file is over ${MAX_CONFIG_BYTES / 1024} KB; a configuration is a small JSON file`
      : outcome.reason === 'directory'
        ? 'this is a directory, not a file'
        : outcome.detail;
  throw new UsageError(`${why}; check the config path`, { file });
}

function defaultDisplayPath(absolute: string): string {
  const rel = relative(process.cwd(), absolute);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : absolute;
}

// ---------------------------------------------------------------------------------------------
// Validation

let compiled: ValidateFunction | undefined;

/** The schema shipped in the package (`schema/`), found from src/cli (tests) or dist/src/cli (built). */
export function configSchemaPath(): string {
  for (const up of ['../../schema/', '../../../schema/']) {
    const candidate = new URL(`${up}${SCHEMA_FILE}`, import.meta.url);
    if (existsSync(candidate)) return fileURLToPath(candidate);
  }
  throw new Error(`${SCHEMA_FILE} is missing from the lambdalint package (expected in its schema/ folder)`);
}

function validator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(configSchemaPath(), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: true, strictTuples: false });
    compiled = ajv.compile(schema);
  }
  return compiled;
}

type ValidationOptions = Pick<ConfigOptions, 'knownRules' | 'ruleSchemas'>;

function validate(source: JsonSource, value: unknown, base: string, file: string, options: ValidationOptions): LambdalintConfig {
  const where = (pointer: string, key = false): { file: string; line?: number; column?: number } => {
    const pos = key ? source.keyAt(base + pointer) : source.valueAt(base + pointer);
    return { file, ...pos };
  };
  const label = base ? `"${PACKAGE_KEY}" in package.json` : 'the configuration';
  if (!isPlainObject(value)) {
    throw new UsageError(`${label} must be a JSON object, for example { "rules": {} }`, where(''));
  }
  const validateFn = validator();
  if (!validateFn(value)) {
    const problems = describeErrors(validateFn.errors ?? [], value, where);
    problems.sort((a, b) => (a.loc.line ?? 0) - (b.loc.line ?? 0) || (a.loc.column ?? 0) - (b.loc.column ?? 0));
    const [first] = problems;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    throw new UsageError(first.message + more, first.loc);
  }
  const config = value as LambdalintConfig & Record<string, unknown>;
  const result: LambdalintConfig = {};
  if (config.extends !== undefined) result.extends = config.extends;
  if (config.rules !== undefined) {
    result.rules = normaliseRules(config.rules, where, options.knownRules);
    if (options.ruleSchemas) validateRuleOptions(config.rules, options.ruleSchemas, where);
  }
  if (config.ignorePatterns !== undefined) result.ignorePatterns = [...config.ignorePatterns];
  if (config.handlerNames !== undefined) result.handlerNames = [...config.handlerNames];
  if (config.settings !== undefined) result.settings = config.settings;
  return result;
}

type Where = (pointer: string, key?: boolean) => { file: string; line?: number; column?: number };

type RawSeverity = RuleSeverityName | 0 | 1 | 2;
type RawRuleEntry = RawSeverity | [RawSeverity, ...unknown[]];

function severityName(severity: RawSeverity): RuleSeverityName {
  return typeof severity === 'number' ? SEVERITY_NAMES[severity] : severity;
}

function normaliseRules(rules: Record<string, RawRuleEntry>, where: Where, knownRules: Iterable<string> | undefined): Record<string, RuleEntry> {
  const known = knownRules ? new Set(knownRules) : undefined;
  const out: Record<string, RuleEntry> = {};
  const writtenAs = new Map<string, string>();
  for (const [written, entry] of Object.entries(rules)) {
    const id = written.startsWith(RULE_PREFIX) ? written.slice(RULE_PREFIX.length) : written;
    const pointer = `/rules/${pointerToken(written)}`;
    const earlier = writtenAs.get(id);
    if (earlier !== undefined) {
      throw new UsageError(`rule "${id}" is configured twice ("${earlier}" and "${written}"); keep one`, where(pointer, true));
    }
    if (known && !known.has(id)) {
      const guess = closest(id, known);
      throw new UsageError(
        `unknown rule "${written}"${guess ? `; did you mean "${guess}"?` : '; check the rule id in the lambdalint docs'}`,
        where(pointer, true),
      );
    }
    writtenAs.set(id, written);
    const value: RuleEntry = Array.isArray(entry) ? [severityName(entry[0]), ...entry.slice(1)] : severityName(entry);
    Object.defineProperty(out, id, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

// Rule options, against each rule's own schema (ESLint's form: an array of per-option schemas, or one schema for all).

const ruleValidators = new Map<unknown, ValidateFunction>();

function optionsValidator(schema: unknown): ValidateFunction | undefined {
  if (schema === undefined || schema === false) return undefined;
  let validateFn = ruleValidators.get(schema);
  if (!validateFn) {
    const whole = Array.isArray(schema)
      ? { type: 'array', ...(schema.length > 0 ? { items: schema } : {}), minItems: 0, maxItems: schema.length }
      : (schema as object);
    // `verbose` gives each error its schema, for the option names of a "did you mean".
    validateFn = new Ajv({ allErrors: true, strict: false, verbose: true }).compile(whole);
    ruleValidators.set(schema, validateFn);
  }
  return validateFn;
}

/** The first invalid option of any rule, as one line naming the rule and the option. */
function validateRuleOptions(rules: Record<string, RawRuleEntry>, schemas: ReadonlyMap<string, unknown>, where: Where): void {
  for (const [written, entry] of Object.entries(rules)) {
    const id = written.startsWith(RULE_PREFIX) ? written.slice(RULE_PREFIX.length) : written;
    const validateFn = optionsValidator(schemas.get(id));
    if (!validateFn || !Array.isArray(entry) || severityName(entry[0]) === 'off') continue;
    const options = entry.slice(1);
    if (validateFn(options)) continue;
    const base = `/rules/${pointerToken(written)}`;
    const error = (validateFn.errors ?? [])[0];
    const problem = describeOptionError(error, options, base, where);
    throw new UsageError(`rule "${id}": ${problem.message}`, problem.loc);
  }
}

function describeOptionError(error: ErrorObject, options: unknown[], base: string, where: Where): Problem {
  // `/0/maxBytes` is entry[1].maxBytes: the severity comes first in the entry.
  const tokens = error.instancePath.split('/').slice(1);
  const entryPointer = tokens.length > 0 ? `${base}/${Number(tokens[0]) + 1}${tokens.length > 1 ? `/${tokens.slice(1).join('/')}` : ''}` : base;
  const name = tokens.length > 1 ? optionName(tokens.slice(1)) : undefined;
  const got = preview(lookup(options, error.instancePath));
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'maxItems':
      return { message: params.limit === 0 ? 'takes no options' : `takes at most ${String(params.limit)} option${params.limit === 1 ? '' : 's'}`, loc: where(`${base}/${Number(params.limit) + 1}`) };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys(((error.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object);
      const guess = closest(key, known);
      const prefix = name ? `${name}.` : '';
      return {
        message: `unknown option "${prefix}${key}"${guess ? `; did you mean "${prefix}${guess}"?` : known.length > 0 ? ` (options: ${known.map((k) => `"${prefix}${k}"`).join(', ')})` : ''}`,
        loc: where(`${entryPointer}/${pointerToken(key)}`, true),
      };
    }
    case 'required':
      return { message: `option "${name ? `${name}.` : ''}${String(params.missingProperty)}" is required`, loc: where(entryPointer) };
    case 'type':
      return { message: `${name ? `option "${name}"` : 'the options'} must be ${String(params.type)}, got ${got}`, loc: where(entryPointer) };
    case 'enum':
      return {
        message: `${name ? `option "${name}"` : 'the option'} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${got}`,
        loc: where(entryPointer),
      };
    default:
      return { message: `${name ? `option "${name}"` : 'the options'} ${error.message ?? 'is invalid'}, got ${got}`, loc: where(entryPointer) };
  }
}

/** `['maxBytes']` -> `maxBytes`, `['allow', '2']` -> `allow[2]`. */
function optionName(tokens: string[]): string {
  return tokens.map((t, i) => (/^\d+$/.test(t) ? `[${t}]` : `${i === 0 ? '' : '.'}${decodeToken(t)}`)).join('');
}

interface Problem {
  message: string;
  loc: { file: string; line?: number; column?: number };
}

const RULE_ENTRY_HELP = 'expected "off", "warn", "error" (or 0, 1, 2), or [severity, ...options]';

/** One message per offending place, written for the user (not ajv's wording). */
function describeErrors(errors: ErrorObject[], root: Record<string, unknown>, where: Where): Problem[] {
  const byPlace = new Map<string, Problem>();
  const add = (place: string, problem: Problem): void => {
    if (!byPlace.has(place)) byPlace.set(place, problem);
  };
  for (const error of errors) {
    const path = error.instancePath;
    const ruleMatch = /^\/rules\/([^/]+)/.exec(path);
    if (error.keyword === 'additionalProperties' && path === '') {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      add(`key:${key}`, { message: unknownKeyMessage(key, root[key]), loc: where(`/${pointerToken(key)}`, true) });
    } else if (path === '/rules' && (error.keyword === 'propertyNames' || error.propertyName !== undefined)) {
      const name = error.propertyName ?? String((error.params as { propertyName?: string }).propertyName);
      add(`rule-name:${name}`, {
        message: `invalid rule id "${name}": rule ids are lower-case words joined by "-", for example "no-aws-sdk-v2"`,
        loc: where(`/rules/${pointerToken(name)}`, true),
      });
    } else if (ruleMatch) {
      const name = decodeToken(ruleMatch[1]);
      const pointer = `/rules/${ruleMatch[1]}`;
      add(`rule:${name}`, { message: `rule "${name}": ${RULE_ENTRY_HELP}, got ${preview(lookup(root, pointer))}`, loc: where(pointer) });
    } else if (path === '/extends') {
      add(path, { message: `"extends" must be "recommended" or "strict", got ${preview(root.extends)}`, loc: where(path) });
    } else if (/^\/handlerNames\/\d+$/.test(path) && error.keyword === 'pattern') {
      add(path, { message: `handlerNames${bracket(path)}: ${preview(lookup(root, path))} is not an export name (a JavaScript identifier such as "handler")`, loc: where(path) });
    } else if (path === '/handlerNames' && error.keyword === 'uniqueItems') {
      const { i } = error.params as { i: number; j: number };
      add(path, { message: `handlerNames lists ${preview((root.handlerNames as unknown[])[i])} twice; remove one`, loc: where(`${path}/${i}`) });
    } else if (error.keyword === 'type') {
      const expected = TYPE_HELP[path.replace(/\/\d+$/, '/*')] ?? `of type ${String((error.params as { type: string }).type)}`;
      add(path, { message: `${dotted(path)} must be ${expected}, got ${preview(lookup(root, path))}`, loc: where(path) });
    } else if (error.keyword === 'minLength') {
      add(path, { message: `${dotted(path)} must not be empty`, loc: where(path) });
    } else {
      add(path, { message: `${dotted(path)} ${error.message ?? 'is invalid'}`, loc: where(path) });
    }
  }
  return [...byPlace.values()];
}

const TYPE_HELP: Record<string, string> = {
  '/rules': 'an object of rule ids to severities, for example { "no-aws-sdk-v2": "error" }',
  '/ignorePatterns': 'an array of .gitignore-style patterns, for example ["generated/**"]',
  '/ignorePatterns/*': 'a string (a .gitignore-style pattern)',
  '/handlerNames': 'an array of export names, for example ["handler"]',
  '/handlerNames/*': 'a string (an export name)',
  '/settings': 'an object',
};

function unknownKeyMessage(key: string, value: unknown): string {
  const codeHint = 'lambdalint never loads plugins or JavaScript from its configuration (so linting an untrusted pull request cannot run its code)';
  if (key === 'plugins' || key === 'plugin' || (typeof value === 'string' && /\.[cm]?[jt]sx?$/i.test(value))) {
    return `unknown key "${key}": ${codeHint}; remove "${key}"`;
  }
  const guess = closest(key, TOP_LEVEL_KEYS.filter((k) => k !== '$schema'));
  return guess
    ? `unknown key "${key}"; did you mean "${guess}"?`
    : `unknown key "${key}"; allowed keys are ${TOP_LEVEL_KEYS.filter((k) => k !== '$schema').map((k) => `"${k}"`).join(', ')}`;
}

function lookup(root: unknown, pointer: string): unknown {
  let node = root;
  for (const token of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[decodeToken(token)];
  }
  return node;
}

function decodeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `/ignorePatterns/2` -> `ignorePatterns[2]`, `/settings/a` -> `settings.a`. */
function dotted(pointer: string): string {
  if (pointer === '') return 'the configuration';
  return pointer
    .split('/')
    .slice(1)
    .map((t, i) => (/^\d+$/.test(t) ? `[${t}]` : `${i === 0 ? '' : '.'}${decodeToken(t)}`))
    .join('');
}

function bracket(pointer: string): string {
  return `[${pointer.split('/').pop()}]`;
}

/** A short JSON rendering of a value for a message. */
function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export { closest };
