// `npm run mutate [-- stryker args]`: mutation testing with StrykerJS, kept out of the project's
// node_modules. Stryker's dependencies (zod among them) must not land there: the fixtures' imports
// would resolve to them and change lint results. So the pinned Stryker packages are installed once into
// .cache/stryker-tools, which borrows the project's own vitest, vite and typescript through symlinks
// (the runner and the checker must drive the same copies the tests use), and its bin is run from the
// project root with any extra arguments passed through (e.g. `--mutate rules/no-max-timeout.ts`).
// `--sample=P` replaces the configured files with a seeded sample of their lines (scripts/mutation-sample.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleMutatePatterns } from './mutation-sample.mjs';

const STRYKER_VERSION = '9.6.1';
const STRYKER_PACKAGES = ['@stryker-mutator/core', '@stryker-mutator/vitest-runner'];
// Peers of the runner and the checker: the project's copies, never a second install.
const BORROWED = ['vitest', 'vite', '@vitest', 'typescript'];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tools = join(root, '.cache', 'stryker-tools');
const toolModules = join(tools, 'node_modules');

function installedVersion(name) {
  const manifest = join(toolModules, name, 'package.json');
  return existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : undefined;
}

if (STRYKER_PACKAGES.some((name) => installedVersion(name) !== STRYKER_VERSION)) {
  mkdirSync(tools, { recursive: true });
  const dependencies = Object.fromEntries(STRYKER_PACKAGES.map((name) => [name, STRYKER_VERSION]));
  writeFileSync(join(tools, 'package.json'), `${JSON.stringify({ name: 'stryker-tools', private: true, dependencies }, null, 2)}\n`);
  // --legacy-peer-deps: do not install the peers (vitest, typescript); they are linked below.
  const install = spawnSync('npm', ['install', '--prefix', tools, '--legacy-peer-deps', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (install.status !== 0) process.exit(install.status ?? 2);
}

// Relinked on every run: an npm install in .cache/stryker-tools prunes links it does not know.
for (const name of BORROWED) {
  const target = join(root, 'node_modules', name);
  const link = join(toolModules, name);
  rmSync(link, { recursive: true, force: true });
  if (existsSync(target)) symlinkSync(target, link, 'dir');
}

const strykerArgs = process.argv.slice(2);
const sampleArg = strykerArgs.findIndex((arg) => arg.startsWith('--sample='));
if (sampleArg !== -1) {
  const fraction = Number(strykerArgs[sampleArg].slice('--sample='.length));
  if (!(fraction > 0 && fraction <= 1)) {
    console.error(`${strykerArgs[sampleArg]}: the sample is a fraction of lines, above 0 and at most 1`);
    process.exit(2);
  }
  const { mutate } = JSON.parse(readFileSync(join(root, 'stryker.config.json'), 'utf8'));
  strykerArgs.splice(sampleArg, 1, '--mutate', sampleMutatePatterns(root, mutate, fraction).join(','));
}

const stryker = spawnSync(process.execPath, [join(toolModules, '@stryker-mutator', 'core', 'bin', 'stryker.js'), 'run', ...strykerArgs], {
  cwd: root,
  stdio: 'inherit',
});
process.exitCode = stryker.status ?? 2;
