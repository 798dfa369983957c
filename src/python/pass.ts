import { posix } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Node, Parser } from 'web-tree-sitter';
import { ESLintUtils } from '@typescript-eslint/utils';
import { codeRules } from '../../rules/index.js';
import { emptyFacts } from '../code/facts.js';
import type { LintedFile } from '../code/file-linter.js';
import { interpolate, type RuleSetting } from '../config-rules/run.js';
import type { LinkedFunction } from '../cross-rules/types.js';
import type { Finding } from '../findings.js';
import { literal } from '../model/index.js';
import { sharedMaxBatchSize } from '../batch-size.js';
import type { ProjectHost } from '../project/host.js';
import { pythonChecks } from './checks/index.js';
import type { PythonCheckReport, PythonHandler } from './checks/types.js';
import { extractPythonFacts, locOf, type PythonFacts } from './facts.js';
import { loadPythonParser, parsePython } from './parser.js';
import { PythonModuleLookup, resolvePythonImport } from './resolve.js';
import { attributeReads, moduleBinding } from './scope.js';

/** A module whose parse takes longer than this is given up (tree-sitter checks the clock as it goes). */
export const PYTHON_PARSE_TIMEOUT_MS = 10_000;
/** CPython refuses more nested brackets than this ("too many nested parentheses"): such a file is no module. */
const MAX_BRACKET_DEPTH = 200;

export interface PythonPassResult {
  /** Per Python module reached from a handler: findings, facts and the local modules it imports. */
  files: Map<string, LintedFile>;
  /** Per Python function: its module graph walked with its own code root, handler module first. */
  graphs: Map<LinkedFunction, string[]>;
}

interface PythonModule {
  linted: LintedFile;
  /** Its import statements, resolved per function root when the graph is walked. */
  facts: PythonFacts | undefined;
}

/**
 * The Python half of the code pass: every Python handler module and the local modules it imports
 * (resolved as Lambda's `sys.path` would, code root first) are parsed once; each enabled rule's
 * Python visitor runs on each module; the facts the cross rules read are recorded. Findings name
 * the functions whose module graph holds the file.
 */
export async function runPythonPass(host: ProjectHost, functions: readonly LinkedFunction[], rules: Readonly<Record<string, RuleSetting>>): Promise<PythonPassResult> {
  const python = functions.filter((f) => f.resolution.status === 'found' && f.resolution.language === 'python');
  const files = new Map<string, LintedFile>();
  const graphs = new Map<LinkedFunction, string[]>();
  if (python.length === 0) return { files, graphs };
  const parser = await loadPythonParser();

  // Handlers by module, known before any parse: the visitors of a handler module get them.
  const handlersByFile = new Map<string, Map<string, LinkedFunction[]>>();
  for (const linked of python) {
    if (linked.resolution.status !== 'found') continue;
    const byName = handlersByFile.get(linked.resolution.file) ?? new Map<string, LinkedFunction[]>();
    byName.set(linked.resolution.exportName, [...(byName.get(linked.resolution.exportName) ?? []), linked]);
    handlersByFile.set(linked.resolution.file, byName);
  }

  const modules = new Map<string, PythonModule>();
  const moduleOf = (file: string): PythonModule => {
    let module = modules.get(file);
    if (!module) {
      module = analyseModule(host, parser, file, handlersByFile.get(file), rules);
      modules.set(file, module);
      files.set(file, module.linted);
    }
    return module;
  };

  // Each function's module graph, walked with its own code root. A module's imports resolve the
  // same way for every function with the same root: resolved once per module and root.
  const resolvedImports = new Map<string, string[]>();
  const lookup = new PythonModuleLookup(host);
  const importsOf = (file: string, module: PythonModule, roots: readonly string[]): string[] => {
    // `import utils` next to the module also counts as local: packaged that way it may fail, but it is not a third-party package.
    const searchRoots = [...new Set([...roots, posix.dirname(file)])];
    const key = `${file}\0${searchRoots.join('\0')}`;
    let targets = resolvedImports.get(key);
    if (!targets) {
      targets = [...new Set((module.facts?.imports ?? []).flatMap((imp) => resolvePythonImport(lookup, imp, file, searchRoots) ?? []))];
      resolvedImports.set(key, targets);
    }
    return targets;
  };
  const functionsOf = new Map<string, Set<string>>();
  for (const linked of python) {
    if (linked.resolution.status !== 'found') continue;
    const roots = [linked.resolution.root ?? posix.dirname(linked.resolution.file)];
    const queue = [linked.resolution.file];
    const seen = new Set(queue);
    for (let head = 0; head < queue.length; head++) {
      const file = queue[head];
      const users = functionsOf.get(file) ?? new Set<string>();
      users.add(linked.fn.name);
      functionsOf.set(file, users);
      const module = moduleOf(file);
      const targets = importsOf(file, module, roots);
      for (const next of targets) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
      if (targets.some((t) => !module.linted.imports.includes(t))) module.linted.imports = [...new Set([...module.linted.imports, ...targets])].sort();
    }
    graphs.set(linked, queue);
  }

  for (const [file, linted] of files) {
    const users = [...(functionsOf.get(file) ?? [])].sort();
    if (users.length > 0) linted.findings = linted.findings.map((finding) => ({ ...finding, functions: users }));
  }
  return { files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), graphs };
}

/** Parses one module, records its facts and runs the Python visitors of the enabled rules on it. */
function analyseModule(
  host: ProjectHost,
  parser: Parser,
  file: string,
  handlerFunctions: Map<string, LinkedFunction[]> | undefined,
  rules: Readonly<Record<string, RuleSetting>>,
): PythonModule {
  const unreadable = (message: string, line = 1, column = 1, severity: Finding['severity'] = 'error'): PythonModule => ({
    linted: { file, findings: [{ ruleId: 'parse-error', severity, message, file, line, column }], facts: emptyFacts(), imports: [] },
    facts: undefined,
  });
  const outcome = host.read(file);
  if (!outcome.ok) return unreadable(outcome.detail, 1, 1, outcome.reason === 'too-large' ? 'warning' : 'error');
  const source = outcome.text;
  const deep = tooDeeplyNested(source);
  if (deep) return unreadable(`More than ${MAX_BRACKET_DEPTH} nested brackets: CPython refuses to compile this module, so every function importing it fails at init.`, deep.line, deep.column);

  const started = performance.now();
  let parsed;
  try {
    parsed = parsePython(parser, source, { progressCallback: () => performance.now() - started > PYTHON_PARSE_TIMEOUT_MS });
  } catch {
    parsed = undefined;
  }
  if (!parsed) return unreadable(`Parsing this module took longer than ${PYTHON_PARSE_TIMEOUT_MS / 1000} s and was stopped; it was not checked.`, 1, 1, 'warning');
  const { tree, error } = parsed;
  try {
    if (error) {
      return unreadable('Python syntax error: importing this module raises SyntaxError, so every function that loads it fails at init.', error.line, error.column);
    }
    const root = tree.rootNode;
    const { facts, readNodes, writeNodes } = extractPythonFacts(root);
    const handlers = pythonHandlers(root, handlerFunctions);
    attributeReads(root, facts.envReads, readNodes, [...(handlerFunctions?.keys() ?? [])]);
    // A producer and the consumer of its queue often share a module: a write concerns the handlers that run it.
    attributeReads(root, facts.serviceWrites ?? [], writeNodes, [...(handlerFunctions?.keys() ?? [])]);
    const findings = runChecks(file, source, root, handlers, rules);
    return { linted: { file, findings, facts, imports: [] }, facts };
  } finally {
    tree.delete();
  }
}

/** The handlers of a module, with what invokes them, as the visitors see them. */
function pythonHandlers(root: Node, handlerFunctions: Map<string, LinkedFunction[]> | undefined): PythonHandler[] {
  const handlers: PythonHandler[] = [];
  for (const [name, linked] of handlerFunctions ?? []) {
    const node = moduleBinding(root, name);
    if (!node) continue; // handler-resolves reports the missing name
    const batchSizes = linked.flatMap(({ fn }) => fn.triggers.flatMap((t) => (t.batchSize && typeof t.batchSize.value === 'number' ? [t.batchSize.value] : [])));
    const maxBatch = sharedMaxBatchSize(linked.map(({ fn }) => fn));
    handlers.push({
      name,
      node,
      triggers: [...new Set(linked.flatMap(({ fn }) => fn.triggers.map((t) => t.kind)))],
      runtime: linked.map(({ fn }) => literal(fn.runtime)).find((r) => r !== undefined),
      functions: [...new Set(linked.map(({ fn }) => fn.name))].sort(),
      ...(batchSizes.length > 0 ? { batchSize: Math.min(...batchSizes) } : {}),
      ...(maxBatch !== undefined ? { maxBatchSize: maxBatch } : {}),
    });
  }
  return handlers;
}

function runChecks(file: string, source: string, root: Node, handlers: PythonHandler[], rules: Readonly<Record<string, RuleSetting>>): Finding[] {
  const findings: Finding[] = [];
  for (const [ruleId, check] of Object.entries(pythonChecks)) {
    const setting = rules[ruleId];
    const rule = (codeRules as Record<string, { meta: { messages: Record<string, string> }; defaultOptions?: readonly unknown[] }>)[ruleId];
    if (!setting || !rule) continue;
    const severity = setting.severity === 'error' ? 'error' : 'warning';
    const options = ESLintUtils.applyDefault((rule.defaultOptions ?? []) as unknown[], (setting.options ?? null) as unknown[] | null);
    const report = ({ messageId, node, data }: PythonCheckReport): void => {
      findings.push({
        ruleId,
        severity,
        // The rule's own message: a Python finding reads like the JavaScript one.
        message: interpolate(rule.meta.messages[messageId] ?? messageId, data),
        messageId,
        file,
        ...locOf(node),
      });
    };
    try {
      check.run({ file, source, root, handlers, options, report });
    } catch (error) {
      findings.push({
        ruleId: 'internal-error',
        severity: 'error',
        message: `Rule '${ruleId}' failed on this file (${error instanceof Error ? error.message : String(error)}); the other rules and files were still checked. Please report it with this file.`,
        file,
        line: 1,
        column: 1,
      });
    }
  }
  return findings;
}

/**
 * Where brackets nest deeper than CPython allows, outside strings and comments; undefined when
 * they do not. A cheap scan before parsing: such a file is no valid module, and a tree that deep
 * would be costly for the visitors.
 */
export function tooDeeplyNested(source: string): { line: number; column: number } | undefined {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\n') {
      line++;
      lineStart = i + 1;
    } else if (c === '#') {
      while (i + 1 < source.length && source[i + 1] !== '\n') i++;
    } else if (c === '"' || c === "'") {
      const triple = source.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      for (i += quote.length; i < source.length; i++) {
        if (source[i] === '\\') i++;
        else if (source.startsWith(quote, i)) {
          i += quote.length - 1;
          break;
        } else if (source[i] === '\n') {
          line++;
          lineStart = i + 1;
          if (!triple) break;
        }
      }
    } else if (c === '(' || c === '[' || c === '{') {
      if (++depth > MAX_BRACKET_DEPTH) return { line, column: i - lineStart + 1 };
    } else if (c === ')' || c === ']' || c === '}') {
      if (depth > 0) depth--;
    }
  }
  return undefined;
}
