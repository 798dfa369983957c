// Times the real `eslint` CLI on generated handler files with lambdalint's `recommended`
// against the same run with no lambdalint rules (same parser, same files), side by side,
// alternating runs so machine noise hits both. Prints the overhead ratio.
// Usage: npm run bench   (ROUNDS=7 FILES=500 to change)
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateHandlers } from './generate-handlers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'bench', '.generated', 'eslint-overhead');
const files = Number(process.env.FILES ?? 500);
const rounds = Number(process.env.ROUNDS ?? 5);

generateHandlers(join(work, 'src'), files);
const parserLine = "import tsParser from '@typescript-eslint/parser';";
writeFileSync(join(work, 'lambdalint.config.js'), `import lambdalint from 'lambdalint';\nexport default [lambdalint.configs.recommended];\n`);
writeFileSync(
  join(work, 'baseline.config.js'),
  `${parserLine}\nexport default [{ files: ['**/*.{js,mjs,cjs,ts,mts,cts}'], languageOptions: { parser: tsParser }, rules: {} }];\n`,
);

const eslintBin = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');
function run(config) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [eslintBin, '--no-config-lookup', '-c', config, '--format', 'json', 'src'], {
    cwd: work,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status === 2 || result.error) throw new Error(`eslint failed: ${result.stderr || result.error}`);
  const report = JSON.parse(result.stdout);
  const messages = report.reduce((n, f) => n + f.messages.length, 0);
  return { ms, messages, files: report.length };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
// Warm both configurations (file cache, module caches) before measuring either.
run('baseline.config.js');
run('lambdalint.config.js');
const base = [];
const lint = [];
let lintInfo;
let baseInfo;
const measureBase = () => {
  baseInfo = run('baseline.config.js');
  base.push(baseInfo.ms);
};
const measureLint = () => {
  lintInfo = run('lambdalint.config.js');
  lint.push(lintInfo.ms);
};
// Alternate which configuration goes first, so neither always runs on a cache the other warmed.
for (let i = 0; i < rounds; i++) {
  if (i % 2 === 0) {
    measureBase();
    measureLint();
  } else {
    measureLint();
    measureBase();
  }
}
const ratio = median(lint) / median(base);
console.log(`files linted: ${lintInfo.files} (generated ${files}); lambdalint findings: ${lintInfo.messages}; baseline findings: ${baseInfo.messages}`);
console.log(`eslint, no lambdalint rules: median ${median(base).toFixed(0)} ms over ${rounds} runs [${base.map((m) => m.toFixed(0)).join(', ')}]`);
console.log(`eslint + lambdalint recommended: median ${median(lint).toFixed(0)} ms over ${rounds} runs [${lint.map((m) => m.toFixed(0)).join(', ')}]`);
console.log(`order alternated each round (baseline first in even rounds), both warmed up once`);
console.log(`overhead ratio: ${ratio.toFixed(3)}x (target < 1.3x)`);
