/**
 * Static resolution of Serverless Framework variables
 * (https://www.serverless.com/framework/docs/providers/aws/guide/variables):
 * `${self:...}`, `${opt:stage, 'dev'}`, `${sls:stage}`, `${env:X, 'default'}`,
 * `${file(./x.yml):key}` and nested/multiple variables in one string.
 *
 * Nothing is executed and nothing outside the project is read: `${ssm:...}`,
 * `${cf:...}`, `${aws:...}`, `${env:X}` without a default, `${file(./x.js)}`
 * become `Reference`s. Everything is bounded (nesting depth, total work,
 * include depth) and cycles end in a Reference.
 */
import { posix } from 'node:path';
import type { LoadDiagnostic, Reference, SourceLocation } from '../../model/index.js';
import type { LoaderHost } from '../types.js';
import { parseYaml, type YNode, type YRef } from '../yaml-tree.js';
import type { ExpansionBudget } from '../expansion-budget.js';

const MAX_DEPTH = 40;
const MAX_STEPS = 200_000;

export interface ResolverOptions {
  /** Directory `${file(...)}` paths are relative to, relative to the root ('' or '.' for the root). */
  serviceDir: string;
  host: LoaderHost;
  /** Parse errors of included files go here. */
  diagnostics: LoadDiagnostic[];
  /** Variables from the project's dotenv files (`useDotenv`), for `${env:X}`. The analysing machine's environment is never used. */
  env?: ReadonlyMap<string, string>;
  /** The config's value expansion budget; none: unbounded (tests). */
  budget?: ExpansionBudget;
}

interface Segment {
  start: number;
  end: number;
  body: string;
}

/** A `${...}` is a Serverless variable when it starts with `source:` or `source(`; `${AWS::Region}` is left for `Fn::Sub`. */
const VARIABLE_BODY = /^\s*[a-zA-Z][\w-]*(\(|:(?!:))/;

/** `${...}` spans (outermost) that are Serverless variables, in order. */
export function findVariables(text: string): Segment[] {
  const out: Segment[] = [];
  let i = text.indexOf('${');
  while (i >= 0) {
    let depth = 0;
    let end = -1;
    for (let j = i; j < text.length; j++) {
      const c = text[j];
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) {
          end = j + 1;
          break;
        }
      }
    }
    if (end < 0) break;
    const body = text.slice(i + 2, end - 1);
    if (VARIABLE_BODY.test(body) || body.trimStart().startsWith('${')) {
      out.push({ start: i, end, body });
      i = text.indexOf('${', end);
    } else {
      i = text.indexOf('${', i + 2);
    }
  }
  return out;
}

export function hasVariables(text: string): boolean {
  return text.includes('${') && findVariables(text).length > 0;
}

/** Split on top-level commas (outside quotes, parentheses and nested `${}`). */
function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(body.slice(start).trim());
  return parts;
}

/** Sources whose values exist only at deploy time. */
const SSM_SOURCES = new Set(['ssm']);

export class VariableResolver {
  private readonly memo = new Map<YNode, YNode>();
  private readonly inProgress = new Set<YNode>();
  private readonly files = new Map<string, YNode | null>();
  private steps = 0;
  private depth = 0;

  constructor(
    private readonly root: YNode,
    private readonly options: ResolverOptions,
  ) {}

  /** Fully resolved copy of `node` (memoized per node). */
  resolve(node: YNode): YNode {
    const cached = this.memo.get(node);
    if (cached) return cached;
    if (this.inProgress.has(node)) return this.ref('circular variable reference', 'serverless-variable', node.loc);
    if (++this.steps > MAX_STEPS || this.depth > MAX_DEPTH) {
      return this.ref('variable resolution limit reached', 'serverless-variable', node.loc);
    }
    this.inProgress.add(node);
    this.depth++;
    let result: YNode;
    try {
      switch (node.kind) {
        case 'scalar':
          result = typeof node.value === 'string' && hasVariables(node.value) ? this.resolveString(node.value, node.loc) : node;
          break;
        case 'seq':
          result = { ...node, items: node.items.map((item) => this.resolve(item)) };
          break;
        case 'map':
          result = { ...node, pairs: node.pairs.map((pair) => ({ ...pair, value: this.resolve(pair.value) })) };
          break;
        default:
          result = node;
      }
    } finally {
      this.depth--;
      this.inProgress.delete(node);
    }
    this.memo.set(node, result);
    return result;
  }

  /** Resolve only a variable that replaces the whole node (to look inside it); maps stay raw. */
  shallow(node: YNode | undefined): YNode | undefined {
    if (!node) return undefined;
    if (node.kind === 'scalar' && typeof node.value === 'string' && hasVariables(node.value)) return this.resolve(node);
    return node;
  }

  /** A raw child of a map, by key, looking through whole-node variables. */
  child(node: YNode | undefined, key: string): YNode | undefined {
    const current = this.shallow(node);
    if (!current) return undefined;
    if (current.kind === 'map') {
      for (let i = current.pairs.length - 1; i >= 0; i--) if (current.pairs[i].key === key) return current.pairs[i].value;
      return undefined;
    }
    if (current.kind === 'seq' && /^\d+$/.test(key)) return current.items[Number(key)];
    return undefined;
  }

  /** Files read through `${file(...)}`, relative to the root, sorted. */
  includedFiles(): string[] {
    return [...this.files.entries()].filter(([, root]) => root !== undefined).map(([path]) => path).sort();
  }

  /** Set the dotenv variables once they are known (they depend on the stage). */
  setEnv(env: ReadonlyMap<string, string>): void {
    this.options.env = env;
    this.memo.clear();
  }

  /** The stage: `provider.stage` (often `${opt:stage, 'dev'}`), else Serverless's default `dev`. */
  stage(): string | undefined {
    const node = this.child(this.child(this.root, 'provider'), 'stage');
    if (!node) return 'dev';
    const value = this.resolve(node);
    if (value.kind === 'scalar' && value.value !== null) return String(value.value);
    return undefined;
  }

  private ref(text: string, refType: Reference['refType'], loc: SourceLocation): YRef {
    return { kind: 'ref', ref: { kind: 'reference', text, refType }, loc };
  }

  private resolveString(text: string, loc: SourceLocation): YNode {
    const segments = findVariables(text);
    if (segments.length === 0) return { kind: 'scalar', value: text, loc };
    if (segments.length === 1 && segments[0].start === 0 && segments[0].end === text.length) {
      const value = this.resolveVariable(segments[0].body, text, loc);
      return value.kind === 'scalar' || value.kind === 'ref' ? { ...value, loc } : value;
    }
    let out = '';
    let last = 0;
    let firstRef: Reference | undefined;
    for (const segment of segments) {
      out += text.slice(last, segment.start);
      last = segment.end;
      const value = this.resolveVariable(segment.body, text.slice(segment.start, segment.end), loc);
      if (value.kind === 'ref') {
        firstRef ??= value.ref;
        continue;
      }
      if (value.kind !== 'scalar') {
        firstRef ??= { kind: 'reference', text, refType: 'serverless-variable' };
        continue;
      }
      const piece = value.value === null ? '' : String(value.value);
      // Charged before it is appended: past the budget, the string is unknown.
      if (this.options.budget && !this.options.budget.charge(piece.length, 'serverless variables', loc)) {
        firstRef ??= { kind: 'reference', text, refType: 'serverless-variable' };
        break;
      }
      out += piece;
    }
    out += text.slice(last);
    // A string built from an unknowable value is unknowable as a whole.
    if (firstRef) return { kind: 'ref', ref: { ...firstRef, text }, loc };
    return { kind: 'scalar', value: out, loc };
  }

  /** `source:address, fallback, ...`: the first part that resolves wins; unknowable parts stop the search. */
  private resolveVariable(body: string, written: string, loc: SourceLocation): YNode {
    if (++this.steps > MAX_STEPS || this.depth > MAX_DEPTH) return this.ref(written, 'serverless-variable', loc);
    if (this.options.budget && !this.options.budget.charge(0, 'serverless variables', loc)) return this.ref(written, 'serverless-variable', loc);
    this.depth++;
    try {
      for (const part of splitTopLevel(body)) {
        if (part === '') continue;
        const value = this.resolvePart(part, written, loc);
        if (value !== undefined) return value;
      }
      return this.ref(written, 'serverless-variable', loc);
    } finally {
      this.depth--;
    }
  }

  /** One candidate; `undefined` means "not found here, try the fallback". */
  private resolvePart(part: string, written: string, loc: SourceLocation): YNode | undefined {
    const quoted = /^(['"])([\s\S]*)\1$/.exec(part);
    if (quoted) return this.resolveString(quoted[2], loc);
    if (/^-?\d+(\.\d+)?$/.test(part)) return { kind: 'scalar', value: Number(part), loc };
    if (part === 'true' || part === 'false') return { kind: 'scalar', value: part === 'true', loc };
    if (part === 'null') return { kind: 'scalar', value: null, loc };

    let text = part;
    if (text.startsWith('${') && findVariables(text).length === 1 && findVariables(text)[0].end === text.length) {
      return this.resolveString(text, loc);
    }
    if (text.includes('${')) {
      // A variable inside the address: `self:custom.${opt:stage, 'dev'}.table`.
      const inner = this.resolveString(text, loc);
      if (inner.kind !== 'scalar' || typeof inner.value !== 'string') {
        return inner.kind === 'ref' ? { ...inner, ref: { ...inner.ref, text: written } } : this.ref(written, 'serverless-variable', loc);
      }
      text = inner.value;
    }

    const match = /^([a-zA-Z][\w-]*)(?:\(([^)]*)\))?(?::([\s\S]*))?$/.exec(text);
    if (!match) return undefined;
    const [, source, argument, address = ''] = match;
    switch (source) {
      case 'self':
        return this.self(address.trim(), loc);
      case 'env': {
        const value = this.options.env?.get(address.trim());
        // The deployer's environment is unknown here: use the fallback.
        return value === undefined ? undefined : { kind: 'scalar', value, loc };
      }
      case 'opt':
        // CLI options are unknown here: use the fallback.
        return undefined;
      case 'sls':
        if (address.trim() === 'stage') {
          const stage = this.stage();
          return stage === undefined ? this.ref(written, 'serverless-variable', loc) : { kind: 'scalar', value: stage, loc };
        }
        return this.ref(written, 'serverless-variable', loc);
      case 'file':
        return this.file((argument ?? '').trim(), address.trim(), written, loc);
      default:
        return this.ref(written, SSM_SOURCES.has(source) ? 'ssm' : 'serverless-variable', loc);
    }
  }

  private self(address: string, loc: SourceLocation): YNode | undefined {
    const found = this.navigate(this.root, address);
    if (found) return found;
    // Serverless fills these in when the config leaves them out.
    if (address === 'provider.stage') return { kind: 'scalar', value: 'dev', loc };
    if (address === 'provider.region') return { kind: 'scalar', value: 'us-east-1', loc };
    return undefined;
  }

  private navigate(root: YNode, address: string): YNode | undefined {
    let current: YNode | undefined = root;
    const keys = address === '' ? [] : address.split('.');
    for (const key of keys) {
      current = this.child(current, key);
      if (!current) return undefined;
    }
    return this.resolve(current);
  }

  private file(pathArgument: string, address: string, written: string, loc: SourceLocation): YNode | undefined {
    const path = pathArgument.replace(/^['"]|['"]$/g, '');
    if (path === '' || path.startsWith('~') || posix.isAbsolute(path)) return this.ref(written, 'serverless-variable', loc);
    const relative = posix.normalize(posix.join(this.options.serviceDir || '.', path.replace(/\\/g, '/')));
    if (relative.startsWith('../') || relative === '..') return this.ref(written, 'serverless-variable', loc);
    // JavaScript/TypeScript resolvers would have to run: never.
    if (/\.(c|m)?(js|ts)$/i.test(relative)) return this.ref(written, 'serverless-variable', loc);
    const root = this.loadFile(relative);
    if (root === undefined) return undefined;
    if (root === null) return this.ref(written, 'serverless-variable', loc);
    const found = this.navigate(root, address.replace(/^\s*:?/, ''));
    return found;
  }

  /** Parsed root of an included file; undefined when missing, null when unparsable. */
  private loadFile(relative: string): YNode | null | undefined {
    if (this.files.has(relative)) return this.files.get(relative) ?? null;
    const text = this.options.host.readFile(relative);
    if (text === undefined) return undefined;
    let root: YNode | null;
    if (/\.(ya?ml|json)$/i.test(relative)) {
      const parsed = parseYaml(relative, text);
      this.options.diagnostics.push(...parsed.diagnostics);
      root = parsed.documents[0] ?? null;
    } else {
      root = { kind: 'scalar', value: text, loc: { file: relative, line: 1, column: 1 } };
    }
    this.files.set(relative, root);
    return root;
  }
}

/** `KEY=value` lines of a dotenv file (`export`, quotes and `#` comments handled; no expansion). */
export function parseDotenv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([\w.-]+)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2];
    const quoted = /^(['"`])([\s\S]*)\1$/.exec(value);
    if (quoted) value = quoted[1] === '"' ? quoted[2].replace(/\\n/g, '\n') : quoted[2];
    else value = withoutComment(value).trim();
    out.set(match[1], value);
  }
  return out;
}

/** The value before a ` #` comment; a linear scan (the regex `/\s+#.*$/` backtracked: a 600 KB line of spaces took minutes). */
function withoutComment(value: string): string {
  for (let i = 1; i < value.length; i++) {
    if (value.charCodeAt(i) === 35 /* # */ && /\s/.test(value[i - 1])) return value.slice(0, i);
  }
  return value;
}
