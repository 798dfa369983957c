import { describe, expect, it } from 'vitest';
import { fingerprintFindings } from '../../src/cli/baseline.js';
import { UsageError } from '../../src/cli/errors.js';
import { FORMAT_NAMES, getFormatter } from '../../src/cli/formatters/index.js';
import { escapeData, escapeProperty, github } from '../../src/cli/formatters/github.js';
import { json, type EslintJsonResult } from '../../src/cli/formatters/json.js';
import { attr, junit, text } from '../../src/cli/formatters/junit.js';
import { FINGERPRINT_KEY, sarif } from '../../src/cli/formatters/sarif.js';
import { stylish, terminalSafe } from '../../src/cli/formatters/stylish.js';
import type { FileResult } from '../../src/cli/formatters/types.js';
import { sampleContext, sampleResults } from './sample-results.js';

const SNAPSHOTS = './__snapshots__/formatters';

describe('snapshots of every format on the sample project', () => {
  it('stylish', async () => {
    await expect(stylish(sampleResults(), sampleContext())).toMatchFileSnapshot(`${SNAPSHOTS}/stylish.txt`);
  });
  it('stylish with colour', async () => {
    await expect(stylish(sampleResults(), sampleContext({ color: true }))).toMatchFileSnapshot(`${SNAPSHOTS}/stylish-color.txt`);
  });
  it('json', async () => {
    await expect(json(sampleResults(), sampleContext())).toMatchFileSnapshot(`${SNAPSHOTS}/eslint.json`);
  });
  it('sarif', async () => {
    await expect(sarif(sampleResults(), sampleContext())).toMatchFileSnapshot(`${SNAPSHOTS}/lambdalint.sarif`);
  });
  it('github', async () => {
    await expect(github(sampleResults(), sampleContext())).toMatchFileSnapshot(`${SNAPSHOTS}/github.txt`);
  });
  it('junit', async () => {
    await expect(junit(sampleResults(), sampleContext())).toMatchFileSnapshot(`${SNAPSHOTS}/junit.xml`);
  });
});

describe('every format', () => {
  it.each(FORMAT_NAMES)('%s: same output whatever the input order, no absolute paths or timestamps', (name) => {
    const format = getFormatter(name);
    const ctx = sampleContext({ cwd: '/home/someone/project' });
    const forward = format(sampleResults(), ctx);
    const shuffled = sampleResults()
      .reverse()
      .map((r) => ({ ...r, findings: [...r.findings].reverse() }));
    expect(format(shuffled, ctx)).toBe(forward);
    expect(forward).not.toContain('/home/someone');
    expect(forward).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
    // Only stylish reports time.
    const later = format(sampleResults(), { ...ctx, elapsedMs: 99 });
    if (name === 'stylish') expect(later).not.toBe(forward);
    else expect(later).toBe(forward);
  });

  it('getFormatter rejects an unknown name with the list of formats', () => {
    expect(() => getFormatter('checkstyle')).toThrow(UsageError);
    expect(() => getFormatter('checkstyle')).toThrow('unknown format "checkstyle"; use one of stylish, json, sarif, github, junit');
    expect(() => getFormatter('toString')).toThrow(UsageError);
  });
});

describe('stylish', () => {
  it('colours only when asked', () => {
    expect(stylish(sampleResults(), sampleContext())).not.toContain('\u001b[');
    expect(stylish(sampleResults(), sampleContext({ color: true }))).toContain('\u001b[31merror\u001b[39m');
  });

  it('summarises a clean run', () => {
    const clean: FileResult[] = [{ file: 'a.ts', findings: [] }, { file: 'b.ts', findings: [] }];
    expect(stylish(clean, sampleContext({ elapsedMs: 42.4 }))).toBe('✔ No problems, 2 files checked in 42ms\n');
    expect(stylish(clean.slice(0, 1), sampleContext({ elapsedMs: undefined }))).toBe('✔ No problems, 1 file checked\n');
  });

  it('says how many functions had their code checked only when not all, and when no deploy config was found', () => {
    const clean: FileResult[] = [{ file: 'a.ts', findings: [] }];
    const ctx = (found: number, codeChecked: number, configFiles: number) => sampleContext({ elapsedMs: undefined, functions: { found, codeChecked, configFiles } });
    expect(stylish(clean, ctx(3, 3, 1))).toBe('✔ No problems, 1 file checked\n');
    expect(stylish(clean, ctx(24, 18, 2))).toBe('✔ No problems, 1 file checked\n24 functions, code checked for 18: run with --list-functions to see why not\n');
    expect(stylish(sampleResults(), ctx(1, 0, 1)).trimEnd().split('\n').at(-1)).toBe('1 function, code checked for 0: run with --list-functions to see why not');
    expect(stylish(clean, ctx(0, 0, 0))).toContain('\nNo deploy config found (looked for serverless.yml/.json/.ts/.js, SAM or CloudFormation templates');
  });

  it('never lets a message or file name drive the terminal', () => {
    expect(terminalSafe('a\u001b[2Jb\u202ec')).toBe('a\\u001b[2Jb\\u202ec');
    const out = stylish(sampleResults(), sampleContext());
    expect(out).not.toContain('\u001b');
    expect(out).toContain('Unexpected token \\u001b[31m');
  });
});

describe('json (ESLint shape)', () => {
  const parsed = JSON.parse(json(sampleResults(), sampleContext())) as EslintJsonResult[];

  it('has ESLint LintResult fields and counts', () => {
    expect(parsed.map((r) => r.filePath)).toEqual(['odd dir/a,b:c%d.yml', 'serverless.yml', 'src/clean.ts', 'src/handler.ts']);
    for (const r of parsed) {
      expect(Object.keys(r)).toEqual(
        expect.arrayContaining(['filePath', 'messages', 'errorCount', 'warningCount', 'fatalErrorCount', 'fixableErrorCount', 'fixableWarningCount']),
      );
    }
    const byFile = Object.fromEntries(parsed.map((r) => [r.filePath, r]));
    expect(byFile['serverless.yml']).toMatchObject({ errorCount: 0, warningCount: 2, fatalErrorCount: 0 });
    expect(byFile['src/handler.ts']).toMatchObject({ errorCount: 2, warningCount: 0 });
    expect(byFile['odd dir/a,b:c%d.yml']).toMatchObject({ errorCount: 1, fatalErrorCount: 1 });
    expect(byFile['odd dir/a,b:c%d.yml'].messages[0].fatal).toBe(true);
  });

  it('maps info to severity 1 and keeps the difference in lambdalintSeverity', () => {
    const messages = parsed.find((r) => r.filePath === 'serverless.yml')!.messages;
    expect(messages.map((m) => [m.ruleId, m.severity, m.lambdalintSeverity])).toEqual([
      ['unused-env-var', 1, 'info'],
      ['no-max-timeout', 1, undefined],
    ]);
    expect(messages[1]).toEqual({
      ruleId: 'no-max-timeout',
      severity: 1,
      message: 'Function "api" sets timeout: 900, the maximum.',
      line: 5,
      column: 14,
      messageId: 'maxTimeout',
      endLine: 5,
      endColumn: 17,
      functions: ['api'],
    });
  });

  it('includes the source only when the caller has it', () => {
    expect(parsed.find((r) => r.filePath === 'src/clean.ts')!.source).toBe('export const handler = async () => 1;\n');
    expect('source' in parsed.find((r) => r.filePath === 'odd dir/a,b:c%d.yml')!).toBe(false);
  });
});

describe('github workflow commands', () => {
  it('escapes data and properties as @actions/core does', () => {
    expect(escapeData('100% done\r\nnext:a,b')).toBe('100%25 done%0D%0Anext:a,b');
    expect(escapeProperty('100% done\r\nnext:a,b')).toBe('100%25 done%0D%0Anext%3Aa%2Cb');
  });

  it('writes one command per finding, info as notice, no columns across lines', () => {
    const lines = github(sampleResults(), sampleContext()).trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('::error file=odd dir/a%2Cb%3Ac%25d.yml,line=3,col=1,title=parse-error::Unexpected token \u001b[31m "]]>" at 3:1');
    expect(lines[1]).toBe(
      "::notice file=serverless.yml,line=2,endLine=3,title=unused-env-var::Env \"A,B:C\" is 100%25 unused <never read> & 'quoted'%0Asecond line%0D%0Athird",
    );
    expect(lines[2]).toBe('::warning file=serverless.yml,line=5,col=14,endLine=5,endColumn=17,title=no-max-timeout::Function "api" sets timeout: 900, the maximum.');
    // Nothing but the command separator can end the properties: every value round-trips.
    for (const line of lines) {
      const match = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(line);
      expect(match, line).not.toBeNull();
      for (const pair of match![2].split(',')) expect(pair).toMatch(/^(file|line|col|endLine|endColumn|title)=[^,:]*$/);
    }
  });
});

describe('junit', () => {
  it('escapes text and attributes and drops characters XML cannot hold', () => {
    expect(text('a<b & c>d ]]> \u001b')).toBe('a&lt;b &amp; c&gt;d ]]&gt; \uFFFD');
    expect(attr('"x"\n\'y\'\t')).toBe('&quot;x&quot;&#10;&apos;y&apos;&#9;');
  });

  it('is well-formed: one suite per file, one failing case per finding, a passing case for a clean file', () => {
    const xml = junit(sampleResults(), sampleContext());
    expect(checkWellFormed(xml)).toEqual([]);
    expect(xml.match(/<testsuite /g)).toHaveLength(4);
    expect(xml.match(/<failure /g)).toHaveLength(5);
    expect(xml).toContain('<testsuites name="lambdalint" tests="6" failures="5" errors="0">');
    expect(xml).toContain('<testcase classname="src/clean.ts" name="lambdalint"/>');
  });
});

describe('sarif', () => {
  it('uses the baseline fingerprint, so an alert survives a line shift', () => {
    const log = JSON.parse(sarif(sampleResults(), sampleContext()));
    const handler = sampleResults().find((r) => r.file === 'src/handler.ts')!;
    const expected = fingerprintFindings(handler.findings, new Map([[handler.file, handler.source]]));
    const results = log.runs[0].results.filter((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
      r.locations[0].physicalLocation.artifactLocation.uri === 'src/handler.ts');
    expect(results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints[FINGERPRINT_KEY]).sort()).toEqual([...expected].sort());

    const shifted = sampleResults().map((r) =>
      r.file === 'src/handler.ts'
        ? { ...r, source: `// header\n\n${r.source}`, findings: r.findings.map((f) => ({ ...f, line: f.line + 2, endLine: f.endLine! + 2 })) }
        : r,
    );
    const shiftedLog = JSON.parse(sarif(shifted, sampleContext()));
    const prints = (l: typeof log) => l.runs[0].results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(prints(shiftedLog)).toEqual(prints(log));
  });

  it('describes rules that ran and rules only findings name, and points each result at its rule', () => {
    const log = JSON.parse(sarif(sampleResults(), sampleContext()));
    const rules = log.runs[0].tool.driver.rules as { id: string; defaultConfiguration: object }[];
    expect(rules.map((r) => r.id)).toEqual(['no-aws-sdk-v2', 'no-max-timeout', 'parse-error', 'unused-env-var']);
    expect(rules.find((r) => r.id === 'unused-env-var')!.defaultConfiguration).toEqual({ enabled: false });
    expect(rules.find((r) => r.id === 'no-max-timeout')!.defaultConfiguration).toEqual({ level: 'warning' });
    for (const result of log.runs[0].results) expect(rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(log.runs[0].results.map((r: { level: string }) => r.level)).toEqual(['error', 'note', 'warning', 'error', 'error']);
  });
});

/** Minimal XML well-formedness: balanced tags, quoted attributes, no raw `<` or `&` in text. */
function checkWellFormed(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const token = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  for (let m = token.exec(body); m; m = token.exec(body)) {
    const [, closing, name, attrs, selfClosing, textPart, stray] = m;
    if (stray) problems.push(`stray '<' at ${m.index}`);
    else if (textPart !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(textPart)) problems.push(`raw '&' in text at ${m.index}`);
    } else if (closing) {
      if (stack.pop() !== name) problems.push(`unbalanced </${name}> at ${m.index}`);
    } else {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(attrs)) problems.push(`raw '&' in attribute at ${m.index}`);
      if (!selfClosing) stack.push(name);
    }
  }
  if (stack.length > 0) problems.push(`unclosed ${stack.join(', ')}`);
  return problems;
}
