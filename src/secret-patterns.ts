/**
 * Pure string predicates for hardcoded secrets and hardcoded AWS configuration.
 *
 * Shared by the code rules (`no-hardcoded-secret`, `no-hardcoded-config`) and the deploy-config
 * rules that look at YAML/HCL values, so nothing here knows about ASTs: every function takes
 * strings (a name, a value) and returns a plain answer.
 *
 * Sources (checked 2026-11-27):
 * - IAM unique ID prefixes (AKIA, ASIA, ABIA, ACCA are credentials; AROA, AIDA, AGPA, ANPA... are not):
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
 * - ARN format: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 * - The false positives users of secret scanners complain about most: sha512 integrity hashes
 *   (gitleaks #538), AROA/AIDA IDs (gitleaks #1049), generic account-id regexes (secretlint #855),
 *   commit SHAs (eslint-plugin-no-secrets #33).
 */

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/** Suffixes that glue onto a prefix in all-lowercase names (`dbpassword`, `apikey`, `nexttoken`). */
const GLUED_SUFFIXES: Array<[string, string[]]> = [
  ['secretaccesskey', ['secret', 'access', 'key']],
  ['accesskeyid', ['access', 'key', 'id']],
  ['passphrase', ['passphrase']],
  ['password', ['password']],
  ['passwd', ['passwd']],
  ['secretkey', ['secret', 'key']],
  ['privatekey', ['private', 'key']],
  ['accesskey', ['access', 'key']],
  ['signingkey', ['signing', 'key']],
  ['apikey', ['api', 'key']],
  ['secret', ['secret']],
  ['token', ['token']],
];

/**
 * Words of an identifier, lower-cased: `aws_secret_access_key`, `AWS_SECRET_ACCESS_KEY`,
 * `secretAccessKey`, `x-api-key`, `APIKey` and `apikey` all give `[..., 'key']`-style lists.
 */
export function splitNameWords(name: string): string[] {
  const spaced = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  const words: string[] = [];
  for (const raw of spaced.split(/[^A-Za-z0-9]+/)) {
    if (raw === '') continue;
    words.push(...unglue(raw.toLowerCase()));
  }
  return words;
}

function unglue(word: string): string[] {
  for (const [suffix, parts] of GLUED_SUFFIXES) {
    if (word === suffix) return [...parts];
    if (word.length > suffix.length && word.endsWith(suffix)) {
      return [...unglue(word.slice(0, -suffix.length)), ...parts];
    }
  }
  return [word];
}

export type SecretNameKind = 'password' | 'secret' | 'token' | 'key';

/** Trailing words that do not change what a name holds: `passwordValue`, `secretString`. */
const TRANSPARENT_TAIL = new Set(['value', 'string', 'str', 'text', 'plain', 'plaintext', 'raw']);

/** `<qualifier>Key` names that hold a secret (`apiKey`, `privateKey`); `cacheKey`, `sortKey` do not. */
const KEY_QUALIFIERS = new Set([
  'api', 'secret', 'private', 'access', 'signing', 'sign', 'encryption', 'encrypt', 'client', 'master', 'auth',
  'consumer', 'webhook', 'hmac', 'jwt', 'subscription', 'app', 'admin', 'service', 'session', 'aws',
]);

/** `<qualifier>Token` names that are not credentials: pagination, idempotency, lexer tokens. */
const NON_SECRET_TOKEN_QUALIFIERS = new Set([
  'next', 'page', 'pagination', 'continuation', 'cancel', 'cancellation', 'idempotency', 'client', 'request',
  'sync', 'resume', 'start', 'starting', 'marker', 'lexer', 'syntax', 'design', 'color', 'css', 'style', 'theme',
  'max', 'min', 'num', 'prev', 'previous', 'last', 'first',
]);

/**
 * What kind of secret a name suggests, judged by its last word (its head noun):
 * `dbPassword` -> password, `clientSecret` -> secret, `authToken` -> token, `apiKey` -> key.
 * Names whose head is something else are references or settings, not secrets:
 * `tokenType`, `passwordPolicy`, `secretName`, `SecretId`, `tokenUrl`, `passwordField`, `accessKeyId`.
 */
export function secretNameKind(name: string): SecretNameKind | undefined {
  // Fast path: most names contain none of the head words.
  if (!/pass|pwd|secret|token|key/i.test(name)) return undefined;
  const words = splitNameWords(name);
  while (words.length > 1 && TRANSPARENT_TAIL.has(words[words.length - 1])) words.pop();
  if (words.length === 0) return undefined;
  if (words.includes('public') || words.includes('publishable')) return undefined;
  const head = words[words.length - 1];
  const previous = words.length > 1 ? words[words.length - 2] : undefined;
  switch (head) {
    case 'password':
    case 'passwd':
    case 'passphrase':
    case 'pwd':
      return 'password';
    case 'pass':
      // nodemailer's `auth: { user, pass }`; `pass` inside longer names is usually a verb.
      return words.length === 1 ? 'password' : undefined;
    case 'secret':
      return 'secret';
    case 'token':
      return previous !== undefined && NON_SECRET_TOKEN_QUALIFIERS.has(previous) ? undefined : 'token';
    case 'key':
      return previous !== undefined && KEY_QUALIFIERS.has(previous) ? 'key' : undefined;
    default:
      return undefined;
  }
}

/**
 * `secretNameKind`, or `authorization` for an Authorization header name, cached per name for one
 * file: the same property names repeat through a file.
 */
export function createSecretNameClassifier(): (name: string) => SecretNameKind | 'authorization' | null {
  const kinds = new Map<string, SecretNameKind | 'authorization' | null>();
  return (name) => {
    let kind = kinds.get(name);
    if (kind === undefined) {
      kind = secretNameKind(name) ?? (/(?:^|-)authorization$/i.test(name) ? 'authorization' : null);
      kinds.set(name, kind);
    }
    return kind;
  };
}

/** True for names that hold a password, token, API key or other secret (see `secretNameKind`). */
export function isSecretLikeName(name: string): boolean {
  return secretNameKind(name) !== undefined;
}

/** `secretAccessKey`, `aws_secret_access_key`, `AWS_SECRET_ACCESS_KEY`, `secretKey`, `awsSecret`. */
export function isSecretAccessKeyName(name: string): boolean {
  const words = splitNameWords(name);
  const head = words[words.length - 1];
  if (head === 'key') return words.includes('secret');
  if (head === 'secret') return words.includes('aws');
  return false;
}

/** `accessKeyId`, `aws_access_key_id`, `AWS_ACCESS_KEY_ID`. */
export function isAccessKeyIdName(name: string): boolean {
  const words = splitNameWords(name);
  const n = words.length;
  return n >= 3 && words[n - 1] === 'id' && words[n - 2] === 'key' && words[n - 3] === 'access';
}

// ---------------------------------------------------------------------------------------------
// Placeholders
// ---------------------------------------------------------------------------------------------

/** Exact values (lower-cased, separators removed) that only stand in for a real one. */
const PLACEHOLDER_WORDS = new Set([
  'changeme', 'changeit', 'password', 'passwd', 'secret', 'token', 'apikey', 'test', 'testing', 'example',
  'dummy', 'fake', 'mock', 'placeholder', 'todo', 'tbd', 'fixme', 'null', 'undefined', 'none', 'nil', 'redacted',
  'notset', 'unset', 'empty', 'foo', 'bar', 'baz', 'foobar', 'xxx', 'secretkey', 'accesskey', 'accesstoken',
  'privatekey', 'clientsecret', 'replaceme', 'sometoken', 'somesecret', 'somepassword',
  // Keyboard-walk dummies seen in tutorials (serverless/examples: `*_API_KEY: abc123`).
  'abc123', '123456', '12345678', 'qwerty', 'letmein',
]);

/** Markers people put in values they expect to be replaced. */
const PLACEHOLDER_MARKERS =
  /(?:^|[^a-z])your(?:[^a-z]|$)|^your|[-_ ]here(?:[^a-z]|$)|replace[-_ ]?(?:me|with|this)|insert[-_ ]|fill[-_ ]?in|change[-_ ]?me|change[-_ ]?it|(?:^|[^a-z])todo(?:[^a-z]|$)|fixme|placeholder|dummy|example|redacted/i;

/** Wrappers of template variables and references: `<id>`, `[id]`, `{{id}}`, `${id}`, `%ID%`, `$ID`, `__ID__`. */
const PLACEHOLDER_WRAPPERS: RegExp[] = [
  /^<[^<>]*>$/s,
  /^\[[^[\]]*\]$/s,
  /\{\{[^{}]*\}\}/,
  /\$\{[^}]*\}/,
  /^\{[\w .:-]*\}$/,
  /^%[\w.-]+%$/,
  /^\$[A-Za-z_][A-Za-z0-9_]*$/,
  /^__[\w-]+__$/,
];

/** Masked or elided values: `****`, `xxxx`, `...`, `•••`. */
const MASKED = /\*{3,}|x{4,}|•{2,}|\.{3}|…/i;

/** Environment-variable names written as values: `API_KEY`, `CHANNEL_SECRET`, `TABLE_NAME`. */
const ENV_VAR_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

const DEMO_AFFIX = /^(?:test|dummy|fake|mock|example|placeholder|demo)[-_.]|[-_.](?:test|dummy|fake|example|placeholder|demo)$/i;

export interface PlaceholderOptions {
  /** Values shorter than this (after trimming) count as placeholders. Default 6: secrets are longer. */
  minLength?: number;
}

/**
 * True for values that obviously stand in for a real one: empty, very short, `changeme`, `xxx`,
 * `<your-key>`, `${VAR}`, `{{resolve:...}}`, `your-api-key`, `TODO`, `****`, all one character,
 * `API_KEY`-style variable names, `test-...`/`...-example` values.
 * Pass `{ minLength: 1 }` for resource names, where short real values (`logs`) are common.
 */
export function isPlaceholder(value: string, options: PlaceholderOptions = {}): boolean {
  const minLength = options.minLength ?? 6;
  const v = value.trim();
  if (v.length === 0 || v.length < minLength) return true;
  if (/^(.)\1*$/s.test(v)) return true;
  if (PLACEHOLDER_WRAPPERS.some((re) => re.test(v))) return true;
  if (MASKED.test(v)) return true;
  if (PLACEHOLDER_MARKERS.test(v)) return true;
  if (PLACEHOLDER_WORDS.has(v.toLowerCase().replace(/[^a-z0-9]/g, ''))) return true;
  if (ENV_VAR_NAME.test(v)) return true;
  if (DEMO_AFFIX.test(v)) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Shapes that are not secrets
// ---------------------------------------------------------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `550e8400-e29b-41d4-a716-446655440000` */
export function isUuid(s: string): boolean {
  return UUID.test(s.trim());
}

/** A full git commit SHA: 40 hex digits. */
export function isCommitSha(s: string): boolean {
  return /^[0-9a-f]{40}$/i.test(s.trim());
}

/** Subresource/npm integrity: `sha512-<base64>` (also sha1/sha256/sha384). */
export function isIntegrityHash(s: string): boolean {
  return /^sha(?:1|256|384|512)-[A-Za-z0-9+/]+={0,2}$/.test(s.trim());
}

/** IAM unique IDs that identify (not authenticate): AROA role, AIDA user, AGPA group, ANPA policy, ... */
export const IAM_NON_SECRET_ID_PREFIXES = ['AROA', 'AIDA', 'AGPA', 'ANPA', 'ANVA', 'AIPA', 'APKA', 'ASCA'] as const;

export function isIamUniqueId(s: string): boolean {
  const v = s.trim();
  return /^[A-Z]{4}[A-Z0-9]{12,}$/.test(v) && (IAM_NON_SECRET_ID_PREFIXES as readonly string[]).includes(v.slice(0, 4));
}

// ---------------------------------------------------------------------------------------------
// AWS credentials
// ---------------------------------------------------------------------------------------------

/** Prefixes of IAM access key IDs: long-term (AKIA), STS (ASIA), bearer token (ABIA), context-specific (ACCA). */
export const AWS_ACCESS_KEY_ID_PREFIXES = ['AKIA', 'ASIA', 'ABIA', 'ACCA'] as const;

const ACCESS_KEY_ID_IN_TEXT = /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g;

/** AWS documentation keys end in EXAMPLE (`AKIAIOSFODNN7EXAMPLE`); `AKIAXXXXXXXXXXXXXXXX` is a mask. */
function isExampleAccessKeyId(key: string): boolean {
  return key.endsWith('EXAMPLE') || /X{6,}/.test(key.slice(4)) || /^(.)\1+$/.test(key.slice(4));
}

/** The whole string is an access key ID: prefix + 16 upper-case alphanumerics, not an AWS doc example. */
export function looksLikeAwsAccessKeyId(s: string): boolean {
  const v = s.trim();
  return /^(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}$/.test(v) && !isExampleAccessKeyId(v);
}

/** Access key IDs anywhere in a text (an ini file in a template string, a URL), examples left out. */
export function findAwsAccessKeyIds(text: string): string[] {
  return [...text.matchAll(ACCESS_KEY_ID_IN_TEXT)].map((m) => m[0]).filter((key) => !isExampleAccessKeyId(key));
}

/**
 * 40 characters of base64 (`A-Z a-z 0-9 / +`) with both cases and no EXAMPLE marker.
 * Only meaningful next to a key-like name: on its own this shape also matches hashes and IDs,
 * so callers check `isSecretAccessKeyName` first. All-hex strings (commit SHAs) never match.
 */
export function looksLikeSecretAccessKey(s: string): boolean {
  const v = s.trim();
  if (!/^[A-Za-z0-9/+]{40}$/.test(v)) return false;
  if (/^[0-9a-f]{40}$/i.test(v)) return false;
  if (!/[a-z]/.test(v) || !/[A-Z]/.test(v)) return false;
  return !/EXAMPLE/i.test(v) && !isPlaceholder(v);
}

const SECRET_ACCESS_KEY_IN_TEXT =
  /aws_?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi;

/** Secret access keys written after their name inside a text: `aws_secret_access_key = ...` (ini, env, JSON). */
export function findSecretAccessKeysInText(text: string): string[] {
  return [...text.matchAll(SECRET_ACCESS_KEY_IN_TEXT)].map((m) => m[1]).filter(looksLikeSecretAccessKey);
}

// ---------------------------------------------------------------------------------------------
// PEM private keys
// ---------------------------------------------------------------------------------------------

const PEM_PRIVATE_KEY = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----([\s\S]*?)(?:-----END |$)/;

/**
 * A PEM private key with a body (`-----BEGIN RSA PRIVATE KEY-----` followed by base64).
 * A bare header (code that checks or builds a PEM from a variable) is not a key.
 */
export function containsPemPrivateKey(s: string): boolean {
  return pemPrivateKeyLabel(s) !== undefined;
}

/** `RSA PRIVATE KEY`, `OPENSSH PRIVATE KEY`, ... when `s` holds a private key; undefined otherwise. */
export function pemPrivateKeyLabel(s: string): string | undefined {
  const match = PEM_PRIVATE_KEY.exec(s);
  if (!match) return undefined;
  const body = match[2].replace(/^[A-Za-z-]+:.*$/gm, ''); // Proc-Type/DEK-Info headers of encrypted keys
  // Escaped newlines (`\n` written out in YAML/JSON text) and real whitespace are not part of the body.
  const base64 = body.replace(/\\n/g, '').replace(/\s/g, '');
  // `...`, `<key>` and other stand-ins fail the base64 test; masks do not.
  if (base64.length < 40 || !/^[A-Za-z0-9+/=]+$/.test(base64)) return undefined;
  if (/^(.)\1*=*$/.test(base64) || /x{8,}/i.test(base64)) return undefined;
  return match[1];
}

// ---------------------------------------------------------------------------------------------
// Secrets bound to names
// ---------------------------------------------------------------------------------------------

/** Words that make a value name a secret rather than be one (`client_secret`, `accessToken`). */
const SECRET_WORDS = new Set(['password', 'passwd', 'passphrase', 'secret', 'token', 'key', 'api', 'credential', 'credentials', 'auth']);

const SCHEMA_WORD = /^(?:string|str|text|varchar|number|integer|boolean|bool|required|optional|hidden|nullable|any|none|null|true|false|object)(?:[|:,(].*)?$/i;

/** File names and extensions: `privateKey: 'key.pem'` points at a file. */
const FILE_NAME = /\.(?:pem|key|crt|cer|der|p12|pfx|jks|json|txt|env|ya?ml|ini|conf)$/i;

/**
 * Whether a literal bound to a secret-like name (see `secretNameKind`) looks like a real secret.
 * Not secrets: placeholders, whitespace (messages), URLs, paths, ARNs, file names, UUIDs,
 * commit SHAs, integrity hashes, values that name a secret (`client_secret`, `accessToken`).
 * For tokens and keys the value must also look random (a digit, mixed case or a symbol):
 * `token: 'delimiter.curly'` is a lexer token name, not a credential.
 */
export function looksLikeHardcodedSecretValue(value: string, kind: SecretNameKind): boolean {
  const v = value.trim();
  if (isPlaceholder(v)) return false;
  if (/\s/.test(v)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) || v.startsWith('/') || v.startsWith('./') || v.startsWith('../')) return false;
  if (/^arn:/i.test(v) || FILE_NAME.test(v)) return false;
  if (isUuid(v) || isCommitSha(v) || isIntegrityHash(v) || isIamUniqueId(v)) return false;
  const words = splitNameWords(v);
  if (!/\d/.test(v) && words.some((w) => SECRET_WORDS.has(w))) return false;
  // Labels and enum-like words (`Passwort` in a translation table, `REQUIRED`) and schema
  // strings (`{ password: 'string' }`, `'required|min:8'`) describe a field, they do not fill it.
  if (/^[A-Z][a-z\u00C0-\u024F]+$/.test(v) || /^[A-Z]+$/.test(v) || SCHEMA_WORD.test(v)) return false;
  if (kind === 'password' || kind === 'secret') return true;
  if (/^[@#]?[a-z]+(?:[._:-][a-z]+)*$/.test(v)) return false;
  return /\d/.test(v) || (/[a-z]/.test(v) && /[A-Z]/.test(v)) || /[^A-Za-z0-9._-]/.test(v);
}

/** The credential in an `Authorization` header value (`Bearer abc...`, `Basic dXNlcjpwYXNz`), if any. */
export function authorizationHeaderCredential(value: string): string | undefined {
  const match = /^(?:Bearer|Basic|Token|Bot)\s+(\S+)$/i.exec(value.trim());
  if (!match) return undefined;
  const credential = match[1];
  return credential.length >= 8 && looksLikeHardcodedSecretValue(credential, 'token') ? credential : undefined;
}

/** What a secret looks like in messages: the first 4 characters and `***`, never the whole value. */
export function maskSecret(s: string): string {
  return `${s.trim().slice(0, 4)}***`;
}

export type SecretKind = 'aws-access-key-id' | 'aws-secret-access-key' | 'pem-private-key' | 'named-secret';

export interface SecretMatch {
  kind: SecretKind;
  /** Safe to print: `maskSecret` of the secret, or the PEM label. */
  masked: string;
}

/**
 * One entry point for key/value sources (YAML environment blocks, HCL maps, .env lines):
 * the most specific secret found in `value` bound to `name` (name may be unknown), or undefined.
 */
export function findSecret(name: string | undefined, value: string): SecretMatch | undefined {
  const keyIds = findAwsAccessKeyIds(value);
  if (keyIds.length > 0) return { kind: 'aws-access-key-id', masked: maskSecret(keyIds[0]) };
  const pem = pemPrivateKeyLabel(value);
  if (pem !== undefined) return { kind: 'pem-private-key', masked: pem };
  const inText = findSecretAccessKeysInText(value);
  if (inText.length > 0) return { kind: 'aws-secret-access-key', masked: maskSecret(inText[0]) };
  if (name === undefined) return undefined;
  if (isSecretAccessKeyName(name) && looksLikeSecretAccessKey(value)) {
    return { kind: 'aws-secret-access-key', masked: maskSecret(value) };
  }
  const kind = secretNameKind(name);
  if (kind !== undefined && looksLikeHardcodedSecretValue(value, kind)) return { kind: 'named-secret', masked: maskSecret(value) };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// AWS configuration: regions, accounts, ARNs, endpoints
// ---------------------------------------------------------------------------------------------

const REGION_SOURCE =
  '(?:us|eu|ap|sa|ca|me|af|il|mx|cn|eusc)-(?:gov-|iso-|isob-|isof-|de-)?(?:north|south|east|west|central|northeast|southeast|northwest|southwest)-\\d{1,2}';
const REGION = new RegExp(`^${REGION_SOURCE}$`);
const REGION_IN_HOST = new RegExp(`(?:^|[.-])(${REGION_SOURCE})(?=\\.)`);

/** `us-east-1`, `eu-central-2`, `cn-northwest-1`, `us-gov-west-1`; not `europe-west1` (GCP) or `localhost`. */
export function isAwsRegion(s: string): boolean {
  return REGION.test(s);
}

/** A 12-digit AWS account ID. */
export function isAwsAccountId(s: string): boolean {
  return /^\d{12}$/.test(s);
}

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/**
 * Splits `arn:partition:service:region:account:resource` (the resource keeps its own `:` and `/`).
 * Only the shape is checked; fields may hold anything (callers use it on templates too).
 */
export function parseArn(s: string): ParsedArn | undefined {
  const v = s.trim();
  if (!v.startsWith('arn:')) return undefined;
  const parts = v.split(':');
  if (parts.length < 6) return undefined;
  const [, partition, service, region, account, ...rest] = parts;
  return { partition, service, region, account, resource: rest.join(':') };
}

/**
 * A concrete ARN of the `aws`, `aws-cn`, `aws-us-gov` (or other aws-*) partition: region empty or
 * a real region, account empty, 12 digits or `aws`. `arn:aws:sns:region:<account-id>:x` is a template.
 */
export function looksLikeArn(s: string): boolean {
  const arn = parseArn(s);
  if (!arn) return false;
  return (
    /^aws(?:-[a-z]+)*$/.test(arn.partition) &&
    /^[a-z0-9-]+$/.test(arn.service) &&
    (arn.region === '' || isAwsRegion(arn.region)) &&
    (arn.account === '' || arn.account === 'aws' || isAwsAccountId(arn.account)) &&
    arn.resource.length > 0 &&
    !isPlaceholder(arn.resource, { minLength: 1 })
  );
}

/** Lambda layers AWS publishes (same ARN for every customer of a region). */
const AWS_PUBLISHED_LAYER = /^(?:AWS[-_A-Za-z0-9]*|aws-otel-[\w-]+|LambdaInsightsExtension(?:-Arm64)?)$/;

/**
 * ARNs that are the same in every account, so there is nothing to configure per stage:
 * AWS managed policies (`arn:aws:iam::aws:policy/...`), Step Functions service integrations
 * (`arn:aws:states:::lambda:invoke`), public SSM parameters and AWS-owned SSM documents,
 * Bedrock foundation models, and AWS-published Lambda layers (AppConfig, Parameters and Secrets,
 * Lambda Insights, Powertools, ADOT).
 */
export function isAwsManagedArn(s: string): boolean {
  const arn = parseArn(s);
  if (!arn) return false;
  if (arn.account === 'aws') return true;
  if (arn.service === 'states' && arn.account === '' && arn.region === '') return true;
  if (arn.service === 'ssm' && arn.account === '' && /^(?:parameter\/aws\/|document\/AWS-)/.test(arn.resource)) return true;
  if (arn.service === 'bedrock' && arn.account === '' && arn.resource.startsWith('foundation-model/')) return true;
  if (arn.service === 'lambda') {
    const layer = /^layer:([^:]+)/.exec(arn.resource);
    if (layer && AWS_PUBLISHED_LAYER.test(layer[1])) return true;
  }
  return false;
}

export interface ParsedQueueUrl {
  region: string | undefined;
  account: string;
  name: string;
}

const QUEUE_URL =
  /^https?:\/\/(?:sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?|([a-z0-9-]+)\.queue\.amazonaws\.com(?:\.cn)?|queue\.amazonaws\.com)\/(\d{12})\/([A-Za-z0-9_-]{1,80}(?:\.fifo)?)\/?$/;

/** `https://sqs.<region>.amazonaws.com/<account>/<name>` (and the legacy `<region>.queue.amazonaws.com`). */
export function parseSqsQueueUrl(s: string): ParsedQueueUrl | undefined {
  const match = QUEUE_URL.exec(s.trim());
  if (!match) return undefined;
  return { region: match[1] ?? match[2], account: match[3], name: match[4] };
}

export function looksLikeSqsQueueUrl(s: string): boolean {
  return parseSqsQueueUrl(s) !== undefined;
}

const AWS_HOST_SUFFIX = /\.(?:amazonaws\.com(?:\.cn)?|on\.aws|api\.aws)$/;

/** Host part of a URL or bare host name (`https://x.y/z` -> `x.y`), as written; undefined when `s` is neither. */
function rawUrlHost(s: string): string | undefined {
  return /^(?:(?:https?|wss?):\/\/)?([^/\s?#:]+)(?::\d+)?(?:[/?#]|$)/i.exec(s.trim())?.[1];
}

/** Host part of a URL or bare host name (`https://x.y/z` -> `x.y`), lower-cased; undefined when `s` is neither. */
export function urlHost(s: string): string | undefined {
  return rawUrlHost(s)?.toLowerCase();
}

/**
 * The region of a regional AWS service endpoint: `https://dynamodb.us-east-1.amazonaws.com`,
 * `https://abc.execute-api.eu-west-1.amazonaws.com/prod`, `https://x.lambda-url.us-east-1.on.aws/`,
 * `wss://...`, `bucket.s3-website-us-east-1.amazonaws.com`. Global endpoints (`s3.amazonaws.com`)
 * are the same everywhere and give undefined, and so do templates (`APIGWID.execute-api...`,
 * `your-api.execute-api...`): AWS host names are lower case. Works on templates: a host label holding a
 * non-region character (such as an interpolation marker) simply does not match.
 */
export function awsEndpointRegion(s: string): string | undefined {
  const host = rawUrlHost(s);
  if (!host || !AWS_HOST_SUFFIX.test(host)) return undefined;
  // AWS host names are lower case: `APIGWID.execute-api...` or `{api-id}` marks a template.
  if (/[A-Z{}<>]/.test(host) || isPlaceholder(host, { minLength: 1 })) return undefined;
  return REGION_IN_HOST.exec(host)?.[1];
}

/** A URL or host of a regional AWS endpoint (see `awsEndpointRegion`). */
export function looksLikeAwsEndpoint(s: string): boolean {
  return awsEndpointRegion(s) !== undefined;
}

/** What `no-hardcoded-config` makes of a fully known string, in any language. */
export type StaticConfigString =
  | { messageId: 'hardcodedArn' | 'hardcodedQueueUrl'; region?: undefined }
  | { messageId: 'hardcodedEndpoint'; region: string }
  /** An ARN that is a template or AWS-managed: handled, nothing to report. */
  | { messageId: undefined; region?: undefined };

/**
 * An ARN, SQS queue URL or regional endpoint in a fully known (trimmed) string; undefined when it is
 * none of them, so the caller goes on with its other checks.
 */
export function classifyStaticConfigString(v: string): StaticConfigString | undefined {
  if (v.startsWith('arn:')) {
    // Templates (`arn:aws:sns:region:<account-id>:x`) and AWS-managed ARNs are not reported, by any check.
    return looksLikeArn(v) && !isAwsManagedArn(v) ? { messageId: 'hardcodedArn' } : { messageId: undefined };
  }
  // Cheap filter first: queue URLs and endpoints are all on AWS domains.
  if (!/\.(?:amazonaws\.com|on\.aws|api\.aws)/.test(v) || isPlaceholder(v, { minLength: 1 })) return undefined;
  if (parseSqsQueueUrl(v)) return { messageId: 'hardcodedQueueUrl' };
  const region = awsEndpointRegion(v);
  return region !== undefined ? { messageId: 'hardcodedEndpoint', region } : undefined;
}

/** What `no-hardcoded-config` makes of a partly known string (a template, an f-string), in any language. */
export type ConfigPatternFinding =
  | { messageId: 'hardcodedArnPart'; data: { part: 'region' | 'account ID'; value: string } }
  | { messageId: 'hardcodedQueueUrl' | 'hardcodedEndpoint'; data: { region?: string } };

/**
 * An ARN whose region or account is literal, or a queue URL or regional endpoint, in a trimmed
 * string whose unknown parts are `hole` characters: `arn:aws:sqs:eu-west-1:${account}:jobs`.
 */
export function classifyConfigPattern(pattern: string, hole: string): ConfigPatternFinding | undefined {
  if (pattern.startsWith('arn:')) {
    const arn = parseArn(pattern);
    if (!arn || isAwsManagedArn(pattern)) return undefined;
    if (isAwsRegion(arn.region)) return { messageId: 'hardcodedArnPart', data: { part: 'region', value: arn.region } };
    if (isAwsAccountId(arn.account)) return { messageId: 'hardcodedArnPart', data: { part: 'account ID', value: arn.account } };
    return undefined;
  }
  const host = urlHost(pattern);
  if (host === undefined || isPlaceholder(pattern.split(hole).join(''), { minLength: 1 })) return undefined;
  const region = awsEndpointRegion(pattern);
  if (region !== undefined) return { messageId: host.startsWith('sqs.') ? 'hardcodedQueueUrl' : 'hardcodedEndpoint', data: { region } };
  // `https://sqs.${region}.amazonaws.com/123456789012/${name}`: the account is still literal.
  return /^https?:\/\/sqs\.[^/]+\.amazonaws\.com(?:\.cn)?\/\d{12}\//.test(pattern) ? { messageId: 'hardcodedQueueUrl', data: {} } : undefined;
}

/**
 * What `no-hardcoded-secret` makes of a literal bound to a name (`DB_PASSWORD = "..."`), in any
 * language; `kind` from `createSecretNameClassifier`. The value is masked for the message.
 */
export function classifyNamedSecret(
  name: string,
  kind: SecretNameKind | 'authorization',
  value: string,
  awsKeysOnly: boolean,
): { messageId: 'awsSecretAccessKey' | 'hardcodedSecret'; masked: string } | undefined {
  // Access key IDs get their own message from the text check.
  if (/A(?:KIA|SIA|BIA|CCA)/.test(value) && findAwsAccessKeyIds(value).length > 0) return undefined;
  if (isSecretAccessKeyName(name) && looksLikeSecretAccessKey(value)) return { messageId: 'awsSecretAccessKey', masked: maskSecret(value) };
  if (awsKeysOnly) return undefined;
  if (kind !== 'authorization') return looksLikeHardcodedSecretValue(value, kind) ? { messageId: 'hardcodedSecret', masked: maskSecret(value) } : undefined;
  const credential = authorizationHeaderCredential(value);
  return credential !== undefined ? { messageId: 'hardcodedSecret', masked: maskSecret(credential) } : undefined;
}
