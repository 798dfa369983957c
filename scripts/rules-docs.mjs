// Generates (or, with --check, verifies) from rule metadata what eslint-doc-generator cannot:
// the README tables of config and cross rules, and the header of their docs pages.
// Code rules (ESLint rules) are handled by eslint-doc-generator itself.
// Usage: node scripts/rules-docs.mjs [--check]   (after npm run build)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const { allRuleSummaries } = await import(join(root, 'dist/src/rule-settings.js'));
const rules = allRuleSummaries().filter((r) => r.family !== 'code');
const problems = [];

const mark = (severity) => (severity === 'error' ? 'error' : severity === 'warn' ? 'warn' : '');
function table(family) {
  const rows = rules
    .filter((r) => r.family === family)
    .map((r) => `| [${r.id}](docs/rules/${r.id}.md) | ${r.description} | ${mark(r.recommended)} | ${mark(r.strict)} |`);
  return ['| Name | Description | `recommended` | `strict` |', '| :-- | :-- | :-- | :-- |', ...rows].join('\n');
}

function replaceBetween(text, name, body) {
  const begin = `<!-- begin ${name} -->`;
  const end = `<!-- end ${name} -->`;
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  if (start < 0 || stop < start) throw new Error(`README.md lacks the markers ${begin} ... ${end}`);
  return `${text.slice(0, start + begin.length)}\n\n${body}\n\n${text.slice(stop)}`;
}

const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
let next = replaceBetween(readme, 'config rules list', table('config'));
next = replaceBetween(next, 'cross rules list', table('cross'));
if (next !== readme) {
  if (check) problems.push('README.md: the config/cross rule tables are out of date');
  else writeFileSync(readmePath, next);
}

const HEADER_END = '<!-- end auto-generated rule header -->';
for (const rule of rules) {
  const path = join(root, 'docs', 'rules', `${rule.id}.md`);
  if (!existsSync(path)) {
    problems.push(`docs/rules/${rule.id}.md is missing`);
    continue;
  }
  const text = readFileSync(path, 'utf8');
  const end = text.indexOf(HEADER_END);
  if (end < 0) {
    problems.push(`docs/rules/${rule.id}.md lacks "${HEADER_END}"`);
    continue;
  }
  const configs = [rule.recommended !== 'off' ? `\`recommended\` (${rule.recommended})` : '', rule.strict !== 'off' ? `\`strict\` (${rule.strict})` : '']
    .filter(Boolean)
    .join(', ');
  const header = [
    `# ${rule.description} (\`lambdalint/${rule.id}\`)`,
    '',
    `📝 ${rule.description}.`,
    '',
    `🧭 A ${rule.family} rule: it runs in the \`lambdalint\` CLI (${rule.family === 'config' ? 'deploy configs' : 'deploy configs checked against handler code'}), not in ESLint.`,
    '',
    `💼 Enabled in: ${configs || 'no config (enable it in lambdalint.config.json)'}.`,
    '',
    HEADER_END,
  ].join('\n');
  const updated = header + text.slice(end + HEADER_END.length);
  for (const section of ['## Examples', '## Options', '## When not to use it', '## Sources']) {
    if (!text.includes(section)) problems.push(`docs/rules/${rule.id}.md lacks a "${section}" section`);
  }
  if (updated !== text) {
    if (check) problems.push(`docs/rules/${rule.id}.md: header out of date (run npm run docs)`);
    else writeFileSync(path, updated);
  }
}

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  process.exitCode = 1;
} else {
  console.log(check ? 'config and cross rule docs are up to date' : 'config and cross rule docs written');
}
