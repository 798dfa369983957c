import { posix } from 'node:path';
import type { LoaderHost } from '../loaders/types.js';
import { normaliseDistribution } from '../knowledge/python-distributions.js';

/** The distributions one Python dependency file asks pip (or Poetry, Pipenv) to install for the function. */
export interface PythonManifest {
  file: string;
  /** PEP 503 normalised names. */
  distributions: Set<string>;
  /**
   * What it installs cannot be listed: a local package (`-e .`, `./lib`), a `setup.py`, a file
   * it includes that cannot be read. Any import may be provided.
   */
  opaque: boolean;
}

/** Files that list a Python function's dependencies, as the deploy tools read them. */
const MANIFEST_NAMES = ['requirements.txt', 'pyproject.toml', 'Pipfile', 'setup.py', 'setup.cfg'];

/**
 * Python dependency files from `dir` up to the project root, nearest first: what
 * serverless-python-requirements, `sam build` and most Terraform/CDK build steps install from.
 */
export function pythonManifestsFor(host: LoaderHost, dir: string): PythonManifest[] {
  const result: PythonManifest[] = [];
  for (let current = dir === '' ? '.' : dir; ; current = posix.dirname(current)) {
    for (const name of MANIFEST_NAMES) {
      const file = current === '.' ? name : `${current}/${name}`;
      const text = host.fileExists(file) ? host.readFile(file) : undefined;
      if (text === undefined) continue;
      result.push(readManifest(host, file, text));
    }
    if (current === '.' || current === '/' || current.startsWith('..')) break;
  }
  return result;
}

function readManifest(host: LoaderHost, file: string, text: string): PythonManifest {
  const manifest: PythonManifest = { file, distributions: new Set(), opaque: false };
  const name = posix.basename(file);
  if (name === 'requirements.txt') readRequirements(host, file, text, manifest, new Set([file]));
  else if (name === 'pyproject.toml') readPyproject(text, manifest);
  else if (name === 'Pipfile') readPipfile(text, manifest);
  else manifest.opaque = true; // setup.py / setup.cfg: install_requires is code or needs a full parser
  return manifest;
}

/** A requirement's project name: `requests[socks]>=2 ; python_version>"3"` -> `requests`. */
const REQUIREMENT_NAME = /^([A-Za-z0-9][A-Za-z0-9._-]*)/;

/** pip's requirements format: one requirement a line, `-r` includes, `-e` editable installs, `#` comments. */
function readRequirements(host: LoaderHost, file: string, text: string, manifest: PythonManifest, seen: Set<string>): void {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const include = /^(?:-r|--requirement)\s*=?\s*(\S+)/.exec(line);
    if (include) {
      const target = posix.normalize(posix.join(posix.dirname(file), include[1]));
      const included = seen.has(target) ? '' : host.readFile(target);
      if (included === undefined) manifest.opaque = true;
      else if (included) readRequirements(host, target, included, manifest, seen.add(target));
      continue;
    }
    const editable = /^(?:-e|--editable)\s*=?\s*(\S+)/.exec(line);
    const target = editable ? editable[1] : line;
    const egg = /#egg=([A-Za-z0-9._-]+)/.exec(target);
    if (egg) {
      manifest.distributions.add(normaliseDistribution(egg[1]));
      continue;
    }
    // A local path or archive (`.`, `./lib`, `file:...`): a package whose name and dependencies are not listed here.
    if (/^(\.|\/|file:|[a-z]+\+|https?:)/i.test(target) || editable) {
      manifest.opaque = true;
      continue;
    }
    if (line.startsWith('-')) continue; // --index-url, -c constraints, --hash options
    const name = REQUIREMENT_NAME.exec(line);
    if (name) manifest.distributions.add(normaliseDistribution(name[1]));
  }
}

/**
 * PEP 621 `[project] dependencies` and Poetry's `[tool.poetry.dependencies]`: the dependencies a
 * deploy installs (optional and development groups are not). Read line by line: these two tables
 * have a fixed, simple shape; anything else in the file is not needed.
 */
function readPyproject(text: string, manifest: PythonManifest): void {
  let table = '';
  let inArray = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s#.*$/, '').trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header && !inArray) {
      table = header[1].trim();
      continue;
    }
    if (table === 'project') {
      const opens: boolean = !inArray && /^dependencies\s*=\s*\[/.test(line);
      if (opens || inArray) {
        const items: string = opens ? line.slice(line.indexOf('[') + 1) : line;
        addQuoted(items, manifest);
        // The array ends at a `]` outside the quoted requirements.
        inArray = !items.replace(/"[^"]*"|'[^']*'/g, '').includes(']');
        continue;
      }
    }
    if (table === 'tool.poetry.dependencies') {
      const key = /^["']?([A-Za-z0-9][A-Za-z0-9._-]*)["']?\s*=/.exec(line);
      if (key && key[1].toLowerCase() !== 'python') manifest.distributions.add(normaliseDistribution(key[1]));
    }
  }
}

function addQuoted(text: string, manifest: PythonManifest): void {
  for (const match of text.matchAll(/["']([^"']+)["']/g)) {
    const spec = match[1].trim();
    const name = REQUIREMENT_NAME.exec(spec);
    if (name) manifest.distributions.add(normaliseDistribution(name[1]));
    if (/@\s*(file:|\.)/.test(spec)) manifest.opaque = true;
  }
}

/** Pipfile `[packages]` (not `[dev-packages]`). */
function readPipfile(text: string, manifest: PythonManifest): void {
  let table = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s#.*$/, '').trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      table = header[1].trim();
      continue;
    }
    if (table !== 'packages') continue;
    const key = /^["']?([A-Za-z0-9][A-Za-z0-9._-]*)["']?\s*=/.exec(line);
    if (key) manifest.distributions.add(normaliseDistribution(key[1]));
    if (/path\s*=/.test(line)) manifest.opaque = true;
  }
}
