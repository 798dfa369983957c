import { posix } from 'node:path';
import type { LinkedFunction } from '../cross-rules/types.js';
import type { Finding } from '../findings.js';
import type { LambdaFunction } from '../model/index.js';
import { isCodeFile, JS_OR_TS } from './discover.js';
import type { ProjectHost } from './host.js';
import { reachableFrom, scanImportGraph } from './import-scan.js';

export interface FocusedFunctions {
  /** The functions the given files belong to, and those sharing a file with them: their code is linted and cross-checked. */
  functions: LinkedFunction[];
  /** Handler files of those functions (Node), where the lint pass starts. */
  handlerFiles: string[];
  /** Code files those handlers may reach, by the import scan (at least what the lint pass will lint). */
  reachable: number;
}

/** The handler file of a Node function whose handler was found. */
export function nodeHandlerFile({ resolution }: LinkedFunction): string | undefined {
  return resolution.status === 'found' && resolution.language === 'node' ? resolution.file : undefined;
}

/**
 * Pre-commit mode: the functions that `files` belong to, so that only their code is linted.
 *
 * A file belongs to a function when the function's config mentions it (any source location of its
 * model: the definition, an included `env.yml`, a `locals.tf`, a dotenv file), when it is the
 * handler file, or when the handler may import it (`scanImportGraph`, which finds every import the
 * lint pass follows). Findings outside those functions cannot land in the given files, so the
 * result equals the whole-project analysis restricted to them.
 *
 * Undefined when the files cannot be traced that way (a `package.json`, `tsconfig.json`, a template
 * that defines no function: inputs every cross rule may read): then the whole project is analysed.
 */
export function focusFunctions(files: Set<string>, linked: LinkedFunction[], host: ProjectHost): FocusedFunctions | undefined {
  /** Per function: every file its config is written in or it runs (the latter added below). */
  const filesOf = new Map<LinkedFunction, Set<string>>();
  for (const entry of linked) {
    const own = filesMentionedBy(entry.fn);
    if (entry.resolution.status === 'found') own.add(entry.resolution.file);
    filesOf.set(entry, own);
  }
  const mentioned = new Set([...filesOf.values()].flatMap((own) => [...own]));
  for (const file of files) {
    if (!JS_OR_TS.test(file) && !mentioned.has(file)) return undefined;
  }

  const handlers = linked.flatMap((entry) => nodeHandlerFile(entry) ?? []);
  const graph = scanImportGraph(host, handlers);
  for (const entry of linked) {
    const handlerFile = nodeHandlerFile(entry);
    if (handlerFile) for (const file of reachableFrom(handlerFile, (f) => graph.get(f))) filesOf.get(entry)!.add(file);
  }
  // The functions of the given files, then every function that shares a file with them: a
  // finding in a shared module or config names every function it concerns ("functions 'a', 'b'
  // do not define X"), so those must be checked too for the message to be the same.
  const touchedFiles = new Set<string>();
  for (const own of filesOf.values()) {
    if ([...files].some((file) => own.has(file))) for (const file of own) touchedFiles.add(file);
  }
  const functions = linked.filter((entry) => [...filesOf.get(entry)!].some((file) => touchedFiles.has(file)));
  const handlerFiles = new Set(functions.flatMap((entry) => nodeHandlerFile(entry) ?? []));
  const reachable = new Set(functions.flatMap((entry) => [...filesOf.get(entry)!].filter(isCodeFile)));
  return { functions, handlerFiles: [...handlerFiles].sort(), reachable: reachable.size };
}

/** Every file a function's model has a source location in, and its dotenv files. */
function filesMentionedBy(fn: LambdaFunction): Set<string> {
  const found = new Set<string>(fn.dotenvFiles ?? []);
  const stack: unknown[] = [fn];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    const record = value as Record<string, unknown>;
    if (typeof record.file === 'string' && typeof record.line === 'number') found.add(record.file);
    for (const child of Object.values(record)) if (typeof child === 'object' && child !== null) stack.push(child);
  }
  return found;
}

/**
 * Keeps the findings of the given files and of the functions they belong to: a changed handler
 * (or a module it imports) pulls in its function's config findings, a changed config its handlers'.
 */
export function restrictToFocus(findings: Finding[], files: Set<string>, linked: LinkedFunction[]): Finding[] {
  // Touched functions, by name, with the places their findings can be: their code graph and
  // their service folder (config file, included files such as resources/queues.yml). Names alone
  // would mix up two services that both have a `create` function.
  const touched: Array<{ name: string; serviceDir: string; codeFiles: Set<string> }> = [];
  for (const { fn, files: codeFiles } of linked) {
    if (files.has(fn.source.file) || codeFiles.some((f) => files.has(f))) {
      touched.push({ name: fn.name, serviceDir: posix.dirname(fn.source.file), codeFiles: new Set(codeFiles) });
    }
  }
  const belongs = (finding: Finding, fn: (typeof touched)[number]): boolean =>
    (finding.functions ?? []).includes(fn.name) &&
    (fn.codeFiles.has(finding.file) || fn.serviceDir === '.' || finding.file.startsWith(`${fn.serviceDir}/`));
  return findings.filter((f) => files.has(f.file) || touched.some((fn) => belongs(f, fn)));
}
