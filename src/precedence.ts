import type { Finding } from './findings.js';

/**
 * When two rules report the same problem on the same line, the more specific one speaks: the
 * user reads one finding per cause. `general` findings are dropped where a `specific` finding
 * (of that messageId, when given) is on the same file and line.
 */
export const PRECEDENCE: ReadonlyArray<{ specific: string; messageId?: string; general: string; why: string }> = [
  {
    specific: 'missing-dependency',
    messageId: 'awsSdkV2NotInRuntime',
    general: 'no-aws-sdk-v2',
    why: "require('aws-sdk') that this function's runtime lacks: the init failure is the problem to fix first, and it names the runtime and manifest",
  },
];

export function applyPrecedence(findings: Finding[]): Finding[] {
  const key = (f: Finding): string => `${f.file}\0${f.line}`;
  const dropped = new Set<Finding>();
  for (const rule of PRECEDENCE) {
    const lines = new Set(findings.filter((f) => f.ruleId === rule.specific && (!rule.messageId || f.messageId === rule.messageId)).map(key));
    if (lines.size === 0) continue;
    for (const f of findings) if (f.ruleId === rule.general && lines.has(key(f))) dropped.add(f);
  }
  return dropped.size === 0 ? findings : findings.filter((f) => !dropped.has(f));
}
