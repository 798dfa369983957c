import { createConfigRule } from '../src/config-rules/create-config-rule.js';
import { ignoresRule } from '../src/config-rule-helpers.js';
import { isReference, type SourceLocation } from '../src/model/index.js';
import { findSecret, isPlaceholder } from '../src/secret-patterns.js';
import { nameList } from '../src/name-list.js';

type Options = [{ ignoreNames?: string[] }];
type MessageId = 'awsAccessKey' | 'awsSecretKey' | 'privateKey' | 'knownToken' | 'urlCredentials' | 'secretName';

const NAME = 'no-secret-in-environment';

export default createConfigRule<Options, MessageId>({
  name: NAME,
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow plaintext secrets in function environment variables',
      recommended: 'error',
      sources: [
        'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html',
        'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html',
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html',
      ],
    },
    messages: {
      awsAccessKey: `Environment variable {{name}} of {{functions}} is a plaintext AWS access key ID ({{masked}}): anyone who can read the config can use it.`,
      awsSecretKey: `Environment variable {{name}} of {{functions}} is a plaintext AWS secret access key ({{masked}}): anyone who can read the config can use it.`,
      privateKey: `Environment variable {{name}} of {{functions}} is a plaintext PEM private key: anyone who can read the config can use it.`,
      knownToken: `Environment variable {{name}} of {{functions}} is a plaintext {{tokenKind}} ({{masked}}): anyone who can read the config can use it.`,
      urlCredentials: `Environment variable {{name}} of {{functions}} is a URL with a plaintext password ({{masked}}): anyone who can read the config can use it.`,
      secretName: `Environment variable {{name}} of {{functions}} is a plaintext secret ({{masked}}): anyone who can read the config can use it.`,
    },
    schema: [
      {
        type: 'object',
        properties: {
          ignoreNames: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Environment variable names never reported (exact, case-insensitive).',
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ ignoreNames: [] }],
  create(context) {
    const ignored = new Set((context.options[0]?.ignoreNames ?? []).map((n) => n.toUpperCase()));
    // A provider/Globals variable shared by many functions is one finding at its line.
    const groups = new Map<string, { name: string; hit: SecretHit; loc: SourceLocation; functions: string[] }>();
    return {
      function(fn) {
        if (ignoresRule(fn, NAME)) return;
        for (const [name, located] of Object.entries(fn.environment)) {
          if (isReference(located.value) || ignored.has(name.toUpperCase())) continue;
          const hit = findEnvironmentSecret(name, String(located.value));
          if (!hit) continue;
          const key = `${located.loc.file}\0${located.loc.line}\0${located.loc.column}\0${name}`;
          const group = groups.get(key);
          if (group) group.functions.push(fn.name);
          else groups.set(key, { name, hit, loc: located.loc, functions: [fn.name] });
        }
      },
      project() {
        for (const { name, hit, loc, functions } of groups.values()) {
          context.report({
            messageId: hit.messageId,
            data: { name, masked: hit.masked, tokenKind: hit.tokenKind ?? '', functions: nameList(functions) },
            loc,
            functions,
          });
        }
      },
    };
  },
});

interface SecretHit {
  messageId: MessageId;
  /** What may be shown of the value: never the secret itself. */
  masked: string;
  tokenKind?: string;
}

/**
 * Why a literal environment value is a plaintext secret, or undefined. Names, placeholders, AWS
 * keys and PEM keys come from src/secret-patterns.ts (shared with the code rules); the fixed-prefix
 * token formats and URL credentials below are not in that module yet.
 */
export function findEnvironmentSecret(name: string, rawValue: string): SecretHit | undefined {
  const value = rawValue.trim();
  if (value === '' || looksLikeSecretReference(value)) return undefined;
  const shared = findSecret(name, value);
  switch (shared?.kind) {
    case 'aws-access-key-id':
      return { messageId: 'awsAccessKey', masked: shared.masked };
    case 'pem-private-key':
      return { messageId: 'privateKey', masked: shared.masked };
    case 'aws-secret-access-key':
      return { messageId: 'awsSecretKey', masked: hidden(value) };
    default:
      break;
  }
  for (const token of KNOWN_TOKENS) {
    const m = token.pattern.exec(value);
    if (m) return { messageId: 'knownToken', masked: `${m[0].slice(0, token.prefixLength)}***`, tokenKind: token.kind };
  }
  const url = URL_WITH_PASSWORD.exec(value);
  if (url && !isPlaceholder(url[3], { minLength: 1 })) return { messageId: 'urlCredentials', masked: `${url[1]}://${url[2]}:***@…` };
  if (shared?.kind === 'named-secret') return { messageId: 'secretName', masked: hidden(value) };
  return undefined;
}

/** Nothing of a password-like value is shown: a prefix of a short password gives too much away. */
function hidden(value: string): string {
  return `${value.length} characters, hidden`;
}

/**
 * A literal that points at a secret instead of holding it: an ARN, a CloudFormation dynamic
 * reference, an unresolved `${...}` variable, an SSM parameter path, `ssm:`/`secretsmanager:` names.
 */
function looksLikeSecretReference(value: string): boolean {
  return (
    /^arn:aws[a-z-]*:/i.test(value) ||
    /\{\{resolve:(?:ssm|ssm-secure|secretsmanager):/i.test(value) ||
    /^\$\{[^}]+\}$/.test(value) ||
    /^(?:ssm|secretsmanager|secrets-manager|aws-secretsmanager):/i.test(value) ||
    /^\/[\w.-]+(?:\/[\w.-]+)+$/.test(value)
  );
}

/** Token formats with a fixed, documented prefix: no false positives on hashes or ids. */
const KNOWN_TOKENS: ReadonlyArray<{ kind: string; pattern: RegExp; prefixLength: number }> = [
  { kind: 'GitHub token', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b/, prefixLength: 4 },
  { kind: 'GitHub token', pattern: /\bgithub_pat_[A-Za-z0-9_]{22,}/, prefixLength: 11 },
  { kind: 'GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}/, prefixLength: 6 },
  { kind: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/, prefixLength: 5 },
  { kind: 'Stripe live key', pattern: /\b(?:sk|rk)_live_[A-Za-z0-9]{16,}/, prefixLength: 8 },
  { kind: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/, prefixLength: 4 },
  { kind: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/, prefixLength: 4 },
  { kind: 'Anthropic API key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/, prefixLength: 7 },
  { kind: 'OpenAI API key', pattern: /\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}/, prefixLength: 3 },
  { kind: 'JSON Web Token', pattern: /^eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}$/, prefixLength: 3 },
];

/** `postgres://user:password@host`. Groups: scheme, user, password. */
const URL_WITH_PASSWORD = /^([a-z][a-z0-9+.-]*):\/\/([^:@/\s]+):([^@/\s]+)@/i;
