import { posix } from 'node:path';
import type { CodeFacts } from '../code/facts.js';
import type { LoaderHost } from '../loaders/types.js';
import type { SourceLocation } from '../model/index.js';
import { IMPORT_TO_DISTRIBUTIONS, INSTALLED_WITH, normaliseDistribution, PYTHON_RUNTIME_MODULES } from '../knowledge/python-distributions.js';
import { PYTHON_STDLIB_MODULES } from '../knowledge/python-stdlib.js';
import { isPythonFacts } from './facts.js';
import { pythonManifestsFor } from './requirements.js';
import { isLocalModule, PythonModuleLookup } from './resolve.js';

export interface MissingPythonDependency {
  /** Top-level import name (`yaml`). */
  name: string;
  /** The distribution to add (`PyYAML`). */
  distribution: string;
  loc: SourceLocation;
  /** The dependency files read, nearest first. */
  manifests: string[];
}

/**
 * Third-party imports of one module of a Python function that nothing will install: not in the
 * standard library, not provided by the runtime (boto3 and its dependencies), not a local module
 * of the code root or of the importing file's folder, and not listed (nor brought in by something
 * listed) in the dependency files from the handler's folder up to the project root. Nothing is
 * reported when there is no dependency file at all, or when one cannot be fully listed.
 * Imports that cannot break init are skipped: guarded by `except ImportError`, under
 * `TYPE_CHECKING`, or inside a function.
 */
export function missingPythonImports(host: LoaderHost, file: string, facts: CodeFacts, root: string, handlerFile: string): MissingPythonDependency[] {
  if (!isPythonFacts(facts)) return [];
  const candidates = facts.imports.filter((imp) => imp.level === 0 && !imp.guarded && !imp.inFunction && imp.module !== '');
  if (candidates.length === 0) return [];
  const manifests = pythonManifestsFor(host, posix.dirname(handlerFile));
  if (manifests.length === 0 || manifests.some((m) => m.opaque)) return [];
  const listed = new Set(manifests.flatMap((m) => [...m.distributions]));
  const roots = [...new Set([root, posix.dirname(file), posix.dirname(handlerFile)])];
  const missing: MissingPythonDependency[] = [];
  for (const imp of candidates) {
    const name = imp.module.split('.')[0];
    if (PYTHON_STDLIB_MODULES.has(name) || PYTHON_RUNTIME_MODULES.has(name)) continue;
    const distributions = [...(IMPORT_TO_DISTRIBUTIONS[name]?.distributions ?? []), name];
    if (distributions.some((d) => listed.has(normaliseDistribution(d)))) continue;
    if ((INSTALLED_WITH[name] ?? []).some((d) => listed.has(normaliseDistribution(d)))) continue;
    if (isLocalModule(lookupFor(host), name, roots)) continue;
    missing.push({ name, distribution: distributions[0], loc: { file, ...imp.loc }, manifests: manifests.map((m) => m.file) });
  }
  return missing;
}

const lookups = new WeakMap<LoaderHost, PythonModuleLookup>();
function lookupFor(host: LoaderHost): PythonModuleLookup {
  let lookup = lookups.get(host);
  if (!lookup) {
    lookup = new PythonModuleLookup(host);
    lookups.set(host, lookup);
  }
  return lookup;
}
