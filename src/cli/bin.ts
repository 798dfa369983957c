#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { runCli } from './main.js';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
const color = process.env.NO_COLOR ? false : process.env.FORCE_COLOR ? true : Boolean(process.stdout.isTTY);

// ESLint is a peer dependency (npm 7+ installs it with lambdalint; pnpm and Yarn may not): say so in one line.
try {
  import.meta.resolve('eslint');
} catch {
  process.stderr.write('lambdalint: ESLint is not installed; lambdalint lints handler code with it: npm install --save-dev eslint\n');
  process.exit(2);
}

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color,
  version: pkg.version,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`lambdalint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
