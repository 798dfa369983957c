import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { RULE_HELP } from '../../src/cli/formatters/rule-help.generated.js';
import { sarif } from '../../src/cli/formatters/sarif.js';
import type { FileResult } from '../../src/cli/formatters/types.js';
import { sampleContext, sampleResults } from './sample-results.js';

/**
 * The SARIF 2.1.0 JSON schema as published (SchemaStore's sarif-2.1.0-rtm.5, the OASIS 2.1.0
 * schema), shipped by the devDependency @microsoft/jest-sarif. It is a draft-04 schema: ajv 8
 * reads it as draft-07 once its `id` is spelled `$id`; the schema uses none of the keywords whose
 * meaning changed between the drafts (boolean exclusiveMinimum/exclusiveMaximum), checked below.
 */
const SCHEMA_MODULE = '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';

function loadOfficialSchema(): Record<string, unknown> {
  let path: string;
  try {
    path = createRequire(import.meta.url).resolve(SCHEMA_MODULE);
  } catch {
    throw new Error(`The SARIF schema comes from the devDependency @microsoft/jest-sarif@1.0.0-beta.0; run npm install (missing: ${SCHEMA_MODULE})`);
  }
  const text = readFileSync(path, 'utf8');
  expect(text).not.toMatch(/"exclusive(Minimum|Maximum)"/);
  const { $schema, id, ...rest } = JSON.parse(text) as Record<string, unknown>;
  expect($schema).toBe('http://json-schema.org/draft-04/schema#');
  return { $id: id, ...rest };
}

function validator() {
  // unicodeRegExp: false: the schema's `language` pattern is valid ECMA-262 only without the u flag
  // (draft-04 validators compiled patterns without it; the OASIS errata rewrote the pattern).
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  // The formats the schema uses, per RFC 3986 / RFC 3339.
  ajv.addFormat('uri', (s: string) => /^[A-Za-z][A-Za-z0-9+.-]*:[^\s\\]*$/.test(s) && URL.canParse(s));
  ajv.addFormat('uri-reference', /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/);
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/i);
  return ajv.compile(loadOfficialSchema());
}

describe('sarif output against the official SARIF 2.1.0 schema', () => {
  const validate = validator();

  it('the sample project validates', () => {
    const log = JSON.parse(sarif(sampleResults(), sampleContext()));
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('suppressed findings (a comment, the baseline) validate, with their kind and justification', () => {
    const results = sampleResults().map((r) => ({
      ...r,
      findings: r.findings.map((f, i) =>
        i === 0 ? { ...f, suppressions: [{ kind: 'directive' as const, justification: 'legacy' }] } : i === 1 ? { ...f, suppressions: [{ kind: 'external' as const, justification: '' }] } : f,
      ),
    }));
    const log = JSON.parse(sarif(results, sampleContext()));
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const kinds = (log.runs[0].results as Array<{ suppressions?: Array<{ kind: string; justification?: string }> }>).flatMap((r) => r.suppressions ?? []);
    expect(kinds).toEqual(expect.arrayContaining([{ kind: 'inSource', justification: 'legacy' }, { kind: 'external' }]));
  });

  it('function counts go to run.properties, and validate', () => {
    const log = JSON.parse(sarif(sampleResults(), sampleContext({ functions: { found: 24, codeChecked: 18, configFiles: 3 } })));
    expect(log.runs[0].properties).toEqual({ functions: 24, functionsCodeChecked: 18, deployConfigFiles: 3 });
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('an empty run validates', () => {
    const log = JSON.parse(sarif([], sampleContext({ rules: [] })));
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.runs[0].results).toEqual([]);
  });

  it('the validator rejects what the schema forbids (it is really checking)', () => {
    const log = JSON.parse(sarif(sampleResults(), sampleContext()));
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
    const log2 = JSON.parse(sarif(sampleResults(), sampleContext()));
    log2.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(log2)).toBe(false);
    const log3 = JSON.parse(sarif(sampleResults(), sampleContext()));
    log3.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'odd dir/x.yml';
    expect(validate(log3)).toBe(false);
  });

  it('meets what GitHub code scanning requires of an uploaded file', () => {
    const log = JSON.parse(sarif(sampleResults(), sampleContext()));
    const run = log.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'lambdalint', version: '1.2.3', informationUri: 'https://github.com/lambdalint/lambdalint' });
    for (const rule of run.tool.driver.rules) {
      // shortDescription, fullDescription and help are shown on the alert page.
      expect(rule.shortDescription.text).toBeTruthy();
      expect(rule.fullDescription.text).toBeTruthy();
      expect(rule.help.text).toBeTruthy();
      expect(rule.helpUri).toMatch(/^https:\/\//);
      expect(rule.properties.tags).toContain('lambda');
    }
    for (const result of run.results) {
      expect(result.message.text).toBeTruthy();
      expect(result.locations).toHaveLength(1);
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      // Relative to the checkout, no scheme, no leading slash.
      expect(artifactLocation.uri).not.toMatch(/^([a-z]+:|\/)/i);
      expect(artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(region.startLine).toBeGreaterThanOrEqual(1);
      expect(Object.keys(result.partialFingerprints)).toEqual(['lambdalint/v1']);
    }
    expect(run.results.find((r: { ruleId: string }) => r.ruleId === 'parse-error').locations[0].physicalLocation.artifactLocation.uri).toBe(
      'odd%20dir/a%2Cb%3Ac%25d.yml',
    );
  });

  it("rules' help and fullDescription come from their docs page (summary and How to fix), one source of truth", () => {
    const log = JSON.parse(sarif(sampleResults(), sampleContext()));
    const rules = log.runs[0].tool.driver.rules as Array<{ id: string; fullDescription: { text: string }; help: { text: string; markdown: string } }>;
    const documented = rules.filter((r) => RULE_HELP[r.id]);
    expect(documented.length).toBeGreaterThan(0);
    for (const rule of documented) {
      const page = readFileSync(new URL(`../../docs/rules/${rule.id}.md`, import.meta.url), 'utf8');
      const fix = page.split('## How to fix\n')[1].split('\n## ')[0].trim();
      expect(rule.help.markdown).toContain(fix);
      expect(rule.help.text).toContain(`How to fix:\n\n${fix}`);
      expect(rule.fullDescription.text).toContain(RULE_HELP[rule.id].summary);
    }
  });

  it('a rule without a docs URL or sources still validates (helpUri falls back to the project page)', () => {
    const rules = [{ id: 'x', description: 'X.', url: '', recommended: 'warn' as const, sources: ['measured: 120 ms cold start'] }];
    const log = JSON.parse(sarif([], sampleContext({ rules })));
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.runs[0].tool.driver.rules[0].helpUri).toBe('https://github.com/lambdalint/lambdalint');
  });

  it('a finding at line 0 or with an end before its start still validates', () => {
    const odd: FileResult[] = [
      { file: 'template.yaml', findings: [{ ruleId: 'x', severity: 'warning', message: 'm', file: 'template.yaml', line: 0, column: 0, endLine: 0, endColumn: 0 }] },
    ];
    const log = JSON.parse(sarif(odd, sampleContext({ rules: [] })));
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });
});
