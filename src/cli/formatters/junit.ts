import { sortResults, unsuppressed } from './shared.js';
import type { FileResult, FormatContext } from './types.js';

/**
 * JUnit XML for CI test-report views: one `<testsuite>` per file, one failing `<testcase>` per
 * finding, and one passing `<testcase>` for a file without findings. No timestamps or durations.
 */
export function junit(results: FileResult[], ctx: FormatContext): string {
  const sorted = sortResults(unsuppressed(results));
  const urls = new Map(ctx.rules.map((r) => [r.id, r.url]));
  const totalTests = sorted.reduce((n, r) => n + Math.max(1, r.findings.length), 0);
  const totalFailures = sorted.reduce((n, r) => n + r.findings.length, 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="lambdalint" tests="${totalTests}" failures="${totalFailures}" errors="0">`,
  ];
  for (const result of sorted) {
    const file = attr(result.file);
    const tests = Math.max(1, result.findings.length);
    lines.push(`  <testsuite name="${file}" tests="${tests}" failures="${result.findings.length}" errors="0" skipped="0">`);
    if (result.findings.length === 0) {
      lines.push(`    <testcase classname="${file}" name="lambdalint"/>`);
    }
    for (const f of result.findings) {
      const details = [`${result.file}:${f.line}:${f.column}: ${f.severity}: ${f.message} (${f.ruleId})`];
      if (f.functions && f.functions.length > 0) details.push(`Functions: ${f.functions.join(', ')}`);
      const url = urls.get(f.ruleId);
      if (url) details.push(`Docs: ${url}`);
      lines.push(
        `    <testcase classname="${file}" name="${attr(`${f.ruleId} at ${f.line}:${f.column}`)}">`,
        `      <failure type="${f.severity}" message="${attr(f.message)}">${text(details.join('\n'))}</failure>`,
        '    </testcase>',
      );
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

/** Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Element text. */
export function text(value: string): string {
  return value.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute value (double-quoted); line breaks and tabs as references so parsers keep them. */
export function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
