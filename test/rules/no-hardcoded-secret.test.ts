import { describe, expect, it } from 'vitest';
import { Linter, type Rule } from 'eslint';
import rule from '../../rules/no-hardcoded-secret.js';
import { CJS, createRuleTester } from '../helpers/rule-tester.js';
import { pythonFindings, runPythonCheck } from '../helpers/python-check.js';
import { noHardcodedSecret } from '../../src/python/checks/no-hardcoded-secret.js';

const ruleTester = createRuleTester();

// Secret-shaped test values are assembled from parts so this repository holds none as a literal
// (secret scanners run on it too).
const KEY_ID = 'AKIA' + 'Q3VW8XK2LP9RT5YZ';
const STS_KEY_ID = 'ASIA' + 'Z7KD2MX9PL4QW8RT';
const SECRET_KEY = 'q3Vw8Xk2Lp9Rt5Yz1Bn4' + 'Mc7Dg0Hf6Js3Ka8Qe2Wr';
const STRIPE_KEY = 'sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc';
const TELEGRAM_TOKEN = '123456789:' + 'AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const PEM_LINES = ['MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun', 'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK'];
const BEGIN = '-----BEGIN ' + 'RSA PRIVATE KEY-----';
const END = '-----END ' + 'RSA PRIVATE KEY-----';
// A PEM split over `+` with `parts` base64 chunks, chained leftwards (`a + b + c`) or rightwards (`a + (b + c)`).
const pemChain = (parts: number): string => [`'${BEGIN}\\n'`, ...Array<string>(parts).fill("'MIIE'"), `'${END}'`].join(' + ');
const pemRightChain = (parts: number): string => {
  let tail = `'${END}'`;
  for (let i = 0; i < parts; i++) tail = `'MIIE' + (${tail})`;
  return `'${BEGIN}\\n' + (${tail})`;
};

ruleTester.run('no-hardcoded-secret', rule, {
  valid: [
    // Values read from the environment or Secrets Manager.
    "const password = process.env.DB_PASSWORD;\nconst apiKey = process.env['API_KEY']!;",
    {
      code: `
        const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');
        const sm = new SecretsManagerClient({});
        exports.handler = async () => {
          const { SecretString } = await sm.send(new GetSecretValueCommand({ SecretId: process.env.DB_SECRET_ARN }));
          const { password } = JSON.parse(SecretString);
          return connect({ password });
        };
      `,
      languageOptions: CJS,
    },
    // sha512 integrity hashes (gitleaks #538).
    "export const lock = { version: '1.0.0', integrity: 'sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==' };",
    // Commit SHAs (eslint-plugin-no-secrets #33).
    "// fixed in e83c5163316f89bfbde7d9ab23ca2e25604af290\nexport const COMMIT_SHA = 'e83c5163316f89bfbde7d9ab23ca2e25604af290';\nexport const build = { ref: 'e83c5163316f89bfbde7d9ab23ca2e25604af290' };",
    // IAM unique IDs of roles, users, groups and policies are identifiers, not credentials (gitleaks #1049).
    "const ALLOWED = ['AROAJQABLZS4A3QDU576Q', 'AIDAJQABLZS4A3QDU576Q', 'AGPAJQABLZS4A3QDU576Q', 'ANPAJQABLZS4A3QDU576Q'];\nconst principalId = 'AROAJQABLZS4A3QDU576Q:session-1';",
    // UUIDs (request ids, idempotency tokens).
    "const token = '550e8400-e29b-41d4-a716-446655440000';\nconst input = { ClientRequestToken: '550e8400-e29b-41d4-a716-446655440000' };",
    // A 40-character base64 string without a key-like name (account-id style regexes, secretlint #855).
    `const checksum = '${SECRET_KEY}';\nconst accountId = '123456789012';`,
    // Names that refer to a secret or describe one.
    "export const config = { tokenType: 'Bearer', passwordPolicy: 'strict-v2', secretName: 'prod/db/password', secretId: 'prod/api-key', tokenUrl: 'https://auth.example.com/oauth2/token', passwordField: 'user_password' };",
    "const input = { SecretId: 'prod/orders/api-key' };\nconst STRIPE_PUBLISHABLE_KEY = 'pk_live_51HqLyjWDarjtT1zdp7dcA';",
    // Placeholders.
    "const password = '';\nconst secret = 'changeme';\nconst apiKey = 'your-api-key';\nconst token = '<token>';",
    "const clientSecret = '${CLIENT_SECRET}';\nconst authToken = 'TODO';\nconst dbPassword = 'xxxxxxxx';\nconst logged = { password: '*********' };\nconst pin = { password: 'abc' };",
    "const config = { channelAccessToken: 'CHANNEL_ACCESS_TOKEN', channelSecret: 'CHANNEL_SECRET', token: '[YOUR TOKEN HERE]' };",
    // AWS documentation example keys.
    "const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };",
    // Local emulators take dummy credentials.
    "const s3 = new S3Client({ endpoint: 'http://localhost:4566', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });",
    // Token names that are not credentials: lexer tokens, pagination tokens.
    "const rules = [[/{/, { token: 'delimiter.curly', next: '@json_object' }], [/}/, { token: '@rematch' }]];\nconst page = { NextToken: 'eyJwYWdlIjoyfQ2' };",
    // Labels in translation tables and field types in schemas describe a secret field.
    "const de = { password: 'Passwort', token: 'Token', secret: 'REQUIRED' };\nconst schema = { username: 'string', password: 'string|min:8' };",
    // Messages, URLs and paths are not secrets.
    "throw new Error('Invalid password');\nconst msg = { password: 'Password is required' };\nconst secret = '/prod/orders/secret';",
    // A PEM header alone, or a PEM built from the environment.
    "if (key.startsWith('-----BEGIN PRIVATE KEY-----')) parse(key);",
    "const pem = `-----BEGIN PRIVATE KEY-----\\n${process.env.PRIVATE_KEY}\\n-----END PRIVATE KEY-----`;",
    // Headers built at run time, or with a placeholder.
    "const headers = { Authorization: `Bearer ${token}`, 'x-api-key': process.env.API_KEY };\nconst example = { Authorization: 'Bearer <token>' };",
    // Decision: test fixtures hold throwaway passwords and tokens; only AWS credentials are reported there.
    { code: "const password = 'hunter22hunter';\nconst token = 'abc123def456ghi789';", filename: 'src/__tests__/handler.test.ts' },
    { code: `const fixture = { accessKeyId: 'fakeAccessKey', secretAccessKey: 'fakeSecretKey' };`, filename: 'test/fixtures.ts' },
    { code: `const key = '${KEY_ID}';`, filename: 'handler.spec.ts', options: [{ testFiles: 'off' }] },
    // Options: ignore.
    { code: `const apiKey = '${STRIPE_KEY}';`, options: [{ ignore: ['^sk_live_'] }] },
    // Handler shapes: middy, wrapper, class-based, config-provided handler facts.
    `
      import middy from '@middy/core';
      import secretsManager from '@middy/secrets-manager';
      export const handler = middy(async (event: unknown, context: { apiKey: string }) => call(context.apiKey))
        .use(secretsManager({ fetchData: { apiKey: process.env.API_KEY_SECRET_ID }, setToContext: true }));
    `,
    "export const handler = wrap(async (event) => fetch(url, { headers: { Authorization: `Bearer ${await getToken()}` } }));",
    `
      class Lambda {
        private readonly apiKey = process.env.API_KEY ?? '';
        async handler(event: unknown) { return call(this.apiKey, event); }
      }
      const instance = new Lambda();
      export const handler = instance.handler.bind(instance);
    `,
    {
      code: "export const handler = async (event) => ({ tokenType: 'Bearer', expiresIn: 3600 });",
      settings: { lambdalint: { handlers: [{ export: 'handler', trigger: ['api'], runtime: 'nodejs24.x' }] } },
    },
    {
      name: 'a PEM private key in a test file under the default testFiles: aws-keys',
      code: `const key = \`${BEGIN}\\n${PEM_LINES.join('\\n')}\\n${END}\`;`,
      filename: 'test/sign.test.ts',
    },
    {
      name: 'a PEM assembled from a variable, in a template or a concatenation',
      code: `const a = \`${BEGIN}\\n${PEM_LINES[0]}\${rest}\\n${END}\`;\nconst b = '${BEGIN}\\n' + '${PEM_LINES[0]}\\n' + rest + '${END}';`,
    },
    {
      name: 'a non-AWS credentials mock in a test file, however random it looks',
      code: "const s3 = { accessKeyId: 'minio-admin-7Q2', secretAccessKey: 'Zk3mQ9xW2pL7rT5vB8nC4yH6' };",
      filename: 'test/s3.test.ts',
    },
    {
      // `ignore` is matched against the whole joined text of a concatenated key.
      name: 'ignore anchored at the start of a PEM split over concatenated lines',
      code: `const key = '${BEGIN}\\n' + '${PEM_LINES[0]}\\n' + '${END}';`,
      options: [{ ignore: ['^-----BEGIN RSA PRIVATE KEY-----\\n' + PEM_LINES[0].slice(0, 8)] }],
    },
  ],
  invalid: [
    {
      // Literal credentials in a v3 client, ESM TypeScript.
      code: `
import { S3Client } from '@aws-sdk/client-s3';
const s3 = new S3Client({
  credentials: { accessKeyId: '${KEY_ID}', secretAccessKey: '${SECRET_KEY}' },
});
export const handler = async () => s3;
`,
      errors: [{ messageId: 'literalCredentials', line: 4, data: { masked: 'AKIA***' } }],
    },
    {
      // v2 config in CommonJS: a key ID alone.
      code: `const AWS = require('aws-sdk');\nAWS.config.update({ accessKeyId: '${KEY_ID}', secretAccessKey: process.env.SECRET });\nexports.handler = async () => {};`,
      languageOptions: CJS,
      errors: [{ messageId: 'awsAccessKeyId', line: 2, data: { masked: 'AKIA***' } }],
    },
    {
      code: `process.env.AWS_ACCESS_KEY_ID = '${STS_KEY_ID}';`,
      languageOptions: CJS,
      errors: [{ messageId: 'awsAccessKeyId', data: { masked: 'ASIA***' }, line: 1 }],
    },
    {
      // A key inside a larger text (a credentials file written at run time).
      code: `const ini = \`[default]\\naws_access_key_id = ${KEY_ID}\\nregion = \${region}\`;`,
      errors: [{ messageId: 'awsAccessKeyId', data: { masked: 'AKIA***' }, line: 1 }],
    },
    {
      code: `const AWS_SECRET_ACCESS_KEY = '${SECRET_KEY}';`,
      errors: [{ messageId: 'awsSecretAccessKey', data: { masked: 'q3Vw***' }, line: 1 }],
    },
    {
      code: `const env = "AWS_SECRET_ACCESS_KEY=${SECRET_KEY}";`,
      errors: [{ messageId: 'awsSecretAccessKey', data: { masked: 'q3Vw***' }, line: 1 }],
    },
    {
      code: `const signingKey = \`${BEGIN}\\n${PEM_LINES.join('\\n')}\\n${END}\`;`,
      errors: [{ messageId: 'pemPrivateKey', data: { label: 'RSA PRIVATE KEY' }, line: 1 }],
    },
    {
      // A key split over concatenated lines is reported once, on the whole expression.
      code: `const key =\n  '${BEGIN}\\n' +\n  '${PEM_LINES[0]}\\n' +\n  '${PEM_LINES[1]}\\n' +\n  '${END}';`,
      errors: [{ messageId: 'pemPrivateKey', line: 2 }],
    },
    {
      // middy-wrapped handler with a module-scope API key.
      code: `
import middy from '@middy/core';
const API_KEY = '${STRIPE_KEY}';
export const handler = middy(async (event: { amount: number }) => charge(API_KEY, event.amount)).use(httpErrorHandler());
`,
      errors: [{ messageId: 'hardcodedSecret', line: 3, data: { name: 'API_KEY', masked: 'sk_l***' } }],
    },
    {
      // Local wrapper; a database password in a pool configuration.
      code: `
const { Pool } = require('pg');
const pool = new Pool({ host: process.env.DB_HOST, user: 'orders', password: 'hunter22hunter' });
module.exports.handler = withLogging(async (event) => pool.query('select 1'));
`,
      languageOptions: CJS,
      errors: [{ messageId: 'hardcodedSecret', line: 3, data: { name: 'password', masked: 'hunt***' } }],
    },
    {
      // Class-based (Powertools style) handler with a secret class field.
      code: `
class Lambda {
  private readonly webhookSecret = 'whsec_9f8e7d6c5b4a3F2E1D0C';
  async handler(event: unknown) { return verify(event, this.webhookSecret); }
}
const instance = new Lambda();
export const handler = instance.handler.bind(instance);
`,
      errors: [{ messageId: 'hardcodedSecret', line: 3, data: { name: 'webhookSecret', masked: 'whse***' } }],
    },
    {
      code: "enum Keys { ApiKey = 'Kx8-Lm2-Zq9-Wv4' }",
      errors: [{ messageId: 'hardcodedSecret', data: { name: 'ApiKey', masked: 'Kx8-***' }, line: 1 }],
    },
    {
      code: "export async function connect(host: string, password = 'S3cr3t!pass') { return open(host, password); }",
      errors: [{ messageId: 'hardcodedSecret', data: { name: 'password', masked: 'S3cr***' }, line: 1 }],
    },
    {
      code: "class Client { constructor() { this.clientSecret = 'Zx9-Qw8-Er7-Ty6'; } }\nheaders['x-api-key'] = 'f3K9zQ2mW8xL5pR7';",
      errors: [
        { messageId: 'hardcodedSecret', line: 1, data: { name: 'clientSecret', masked: 'Zx9-***' } },
        { messageId: 'hardcodedSecret', line: 2, data: { name: 'x-api-key', masked: 'f3K9***' } },
      ],
    },
    {
      code: "const res = await fetch(url, { headers: { Authorization: 'Bearer 9f8e7d6c5b4a3F2E1D0C' } });",
      errors: [{ messageId: 'hardcodedSecret', data: { name: 'Authorization', masked: '9f8e***' }, line: 1 }],
    },
    {
      // A literal fallback after an environment read still ships the secret.
      code: "const password = process.env.DB_PASSWORD || 'hunter22hunter';",
      errors: [{ messageId: 'hardcodedSecret', data: { name: 'password', masked: 'hunt***' }, line: 1 }],
    },
    {
      // nodemailer-style auth.
      code: "const transport = createTransport({ auth: { user: 'orders@example.com', pass: 'gmail-app-pass-2024' } });",
      errors: [{ messageId: 'hardcodedSecret', data: { name: 'pass', masked: 'gmai***' }, line: 1 }],
    },
    {
      code: `exports.handler = async (event) => { const token = '${TELEGRAM_TOKEN}'; return send(token, event); };`,
      languageOptions: CJS,
      errors: [{ messageId: 'hardcodedSecret', data: { name: 'token', masked: '1234***' }, line: 1 }],
    },
    {
      // S3-compatible store keys (not AWS-shaped) in production code.
      code: "const r2 = new S3Client({ endpoint: process.env.R2_URL, credentials: { accessKeyId: 'e4a1c2b3d4e5f6a7b8c9d0e1f2a3b4c5', secretAccessKey: 'Zk3mQ9xW2pL7rT5vB8nC4yH6jD1fG0sA3eU5iO7q' } });",
      errors: [{ messageId: 'literalCredentials', data: { masked: 'e4a1***' }, line: 1 }],
    },
    {
      // Decision: AWS keys are reported in test files too (by default).
      code: `const credentials = { accessKeyId: '${KEY_ID}', secretAccessKey: '${SECRET_KEY}' };`,
      filename: 'test/s3.test.ts',
      errors: [{ messageId: 'literalCredentials', line: 1 }],
    },
    {
      code: "const password = 'hunter22hunter';",
      filename: 'test/db.test.ts',
      options: [{ testFiles: 'all' }],
      errors: [{ messageId: 'hardcodedSecret', line: 1 }],
    },
    {
      code: `const one = '${STRIPE_KEY}';\nconst apiKey = '${STRIPE_KEY}';\nconst secretKey = 'Pq7-Lm3-Zx9-Wv2';`,
      options: [{ ignore: ['^Pq7-', '(broken'] }],
      errors: [{ messageId: 'hardcodedSecret', line: 2 }],
    },
    {
      code: "export const handler = async () => call({ apiKey: 'AIzaSyD3x9Kq7Lm2Wv8Zr5Tn1Bc4' });",
      settings: { lambdalint: { handlers: [{ export: 'handler', trigger: ['sqs'], runtime: 'nodejs24.x' }] } },
      errors: [{ messageId: 'hardcodedSecret', data: { name: 'apiKey', masked: 'AIza***' }, line: 1 }],
    },
    // ---- added for mutation testing ----
    {
      name: 'a private class field, ||= and ??= assignments, a ternary and a destructuring default',
      code: `class Api { #apiKey = 'Kx8-Lm2-Zq9-Wv4'; }
let token;
token ||= 'Zx9-Qw8-Er7-Ty6';
settings.password ??= isProd ? 'Prod-Pa55-word!' : 'Dev-Pa55-word!!';
const { secret = 'whsec-7Hq2-Lm9x-Pz4k' } = options;`,
      errors: [
        { messageId: 'hardcodedSecret', line: 1, column: 23, data: { name: 'apiKey', masked: 'Kx8-***' } },
        { messageId: 'hardcodedSecret', line: 3, column: 11, data: { name: 'token', masked: 'Zx9-***' } },
        { messageId: 'hardcodedSecret', line: 4, column: 32, data: { name: 'password', masked: 'Prod***' } },
        { messageId: 'hardcodedSecret', line: 4, column: 52, data: { name: 'password', masked: 'Dev-***' } },
        { messageId: 'hardcodedSecret', line: 5, column: 18, data: { name: 'secret', masked: 'whse***' } },
      ],
    },
    {
      name: 'a Proxy-Authorization header with Basic credentials',
      code: "const headers = { 'Proxy-Authorization': 'Basic dXNlcjpwYXNzd29yZDEyMzQ1Ng==' };",
      errors: [{ messageId: 'hardcodedSecret', line: 1, column: 42 }],
    },
    {
      name: 'credentials objects: other key-named properties, a placeholder or short key ID, a non-AWS production pair',
      code: [
        `const a = { accessKeyId: '${KEY_ID}', secretAccessKey: '${SECRET_KEY}', partitionKey: 'pk' };`,
        `const b = { accessKeyId: 'xxxx', secretAccessKey: '${SECRET_KEY}' };`,
        `const c = { accessKeyId: 'k3y9Z', secretAccessKey: '${SECRET_KEY}' };`,
        "const d = { accessKeyId: 'minio-admin-7Q2', secretAccessKey: 'Zk3mQ9xW2pL7rT5vB8nC4yH6' };",
      ].join('\n'),
      errors: [
        { messageId: 'literalCredentials', line: 1, column: 11 },
        // A placeholder key ID makes it no credentials object: the secret key is reported by its name.
        { messageId: 'awsSecretAccessKey', line: 2, column: 51 },
        { messageId: 'literalCredentials', line: 3, column: 11, data: { masked: 'k3y9***' } },
        { messageId: 'literalCredentials', line: 4, column: 11, data: { masked: 'mini***' } },
      ],
    },
    {
      name: 'a credentials object in a test file with only the key ID AWS-shaped',
      code: `const credentials = { accessKeyId: '${KEY_ID}', secretAccessKey: 'fakeSecretKey' };`,
      filename: 'test/s3.test.ts',
      errors: [{ messageId: 'literalCredentials', line: 1, column: 21 }],
    },
    {
      name: 'ignore on the secret access key of a credentials object',
      code: [
        "const a = { accessKeyId: 'minio-admin-7Q2', secretAccessKey: 'Zk3mQ9xW2pL7rT5vB8nC4yH6' };",
        "const b = { accessKeyId: 'minio-admin-7Q2', secretAccessKey: 'Rt5vB8nC4yH6Zk3mQ9xW2pL7' };",
      ].join('\n'),
      options: [{ ignore: ['^Zk3mQ9'] }],
      errors: [{ messageId: 'literalCredentials', line: 2, column: 11 }],
    },
    {
      name: 'PEM keys: a plain literal, once for a concatenation, compared with ===, CRLF escapes in a template',
      code: [
        `const a = '${BEGIN}\\n${PEM_LINES[0]}\\n${END}';`,
        `const b = '${BEGIN}\\n${PEM_LINES[0]}\\n${END}' + '\\n';`,
        `const c = \`${BEGIN}\\n${PEM_LINES[0]}\\n${END}\` + '\\n';`,
        `if (key === '${BEGIN}\\n${PEM_LINES[0]}\\n${END}') {}`,
        `const e = \`${BEGIN}\\r\\n${PEM_LINES[0]}\\r\\n${END}\`;`,
      ].join('\n'),
      errors: [
        { messageId: 'pemPrivateKey', line: 1, column: 11 },
        { messageId: 'pemPrivateKey', line: 2, column: 11 },
        { messageId: 'pemPrivateKey', line: 3, column: 11 },
        { messageId: 'pemPrivateKey', line: 4, column: 13 },
        { messageId: 'pemPrivateKey', line: 5, column: 11 },
      ],
    },
    {
      // The walk into ||, ?? and ?: is bounded: a literal five levels down is not followed, on any side.
      name: 'fallback and ternary literals are followed four levels deep',
      code: [
        "const aPassword = a ? 'Pa55-word-1!' : b ? 'Pa55-word-2!' : c ? 'Pa55-word-3!' : d ? 'Pa55-word-4!' : e ? 'Pa55-word-5!' : 'Pa55-word-6!';",
        "const bPassword = a ? b ? c ? d ? e ? 'Pa55-word-7!' : 0 : 0 : 0 : 0 : 0;",
        "const cPassword = a || (b || (c || (d || (e || 'Pa55-word-8!'))));",
        "const dPassword = 'Pa55-word-9!' || a || b || c || d || e;",
      ].join('\n'),
      errors: [
        { messageId: 'hardcodedSecret', line: 1, column: 23 },
        { messageId: 'hardcodedSecret', line: 1, column: 44 },
        { messageId: 'hardcodedSecret', line: 1, column: 65 },
        { messageId: 'hardcodedSecret', line: 1, column: 86 },
      ],
    },
    {
      // The walk of a `+` chain is bounded at 256 levels: deeper parts count as unknown, which breaks the key.
      name: 'a PEM split over 257 concatenated parts is reported, over 258 it is cut on either side',
      code: `const a = ${pemChain(255)};\nconst b = ${pemChain(256)};\nconst c = ${pemRightChain(256)};`,
      errors: [{ messageId: 'pemPrivateKey', line: 1, column: 11 }],
    },
  ],
});

describe('no-hardcoded-secret messages', () => {
  it('never print the whole secret', () => {
    const linter = new Linter({ configType: 'flat' });
    const code = [
      `const credentials = { accessKeyId: '${KEY_ID}', secretAccessKey: '${SECRET_KEY}' };`,
      `const AWS_SECRET_ACCESS_KEY = '${SECRET_KEY}';`,
      `const token = '${TELEGRAM_TOKEN}';`,
      `const apiKey = '${STRIPE_KEY}';`,
      `const key = \`${BEGIN}\\n${PEM_LINES.join('\\n')}\\n${END}\`;`,
    ].join('\n');
    const messages = linter.verify(code, [{ plugins: { l: { rules: { r: rule as unknown as Rule.RuleModule } } }, rules: { 'l/r': 'error' } }]);
    expect(messages).toHaveLength(5);
    for (const message of messages) {
      for (const secret of [KEY_ID, SECRET_KEY, TELEGRAM_TOKEN, STRIPE_KEY, PEM_LINES[0]]) {
        expect(message.message).not.toContain(secret);
        expect(message.message).not.toContain(secret.slice(0, 8));
      }
    }
  });
});

describe('no-hardcoded-secret (Python)', () => {
  it('reports AWS keys, literal credentials, PEM keys and secrets bound to secret names', async () => {
    const code = `import boto3, os, requests
s3 = boto3.client("s3", aws_access_key_id="${KEY_ID}", aws_secret_access_key="${SECRET_KEY}")
TOKEN_LOG = f"using key ${STS_KEY_ID} for {os.environ['USER']}"
STRIPE_API_KEY = "${STRIPE_KEY}"
DB_PASSWORD = os.environ.get("DB_PASSWORD", "Hunter2-prod-pw")

class Settings:
    bot_token: str = "${TELEGRAM_TOKEN}"

def connect(password="s3cr3t-Passw0rd"):
    return requests.get("https://api.example.com", headers={"Authorization": "Bearer ${STRIPE_KEY}"})

PRIVATE_KEY = (
    "${BEGIN}\\n"
    "${PEM_LINES[0]}\\n"
    "${END}"
)
`;
    const findings = await runPythonCheck(noHardcodedSecret, code);
    expect(findings.map(({ messageId, line }) => ({ messageId, line }))).toEqual([
      { messageId: 'literalCredentials', line: 2 },
      { messageId: 'awsAccessKeyId', line: 3 },
      { messageId: 'hardcodedSecret', line: 4 },
      { messageId: 'hardcodedSecret', line: 5 },
      { messageId: 'hardcodedSecret', line: 8 },
      { messageId: 'hardcodedSecret', line: 10 },
      { messageId: 'hardcodedSecret', line: 11 },
      { messageId: 'pemPrivateKey', line: 14 },
    ]);
    expect(findings[2].data).toEqual({ name: 'STRIPE_API_KEY', masked: 'sk_l***' });
  });

  it('accepts environment reads, placeholders, secret names and references, and test files keep only AWS keys', async () => {
    const code = `import os, boto3
API_KEY = os.environ["API_KEY"]
DB_PASSWORD = os.getenv("DB_PASSWORD")
SECRET_NAME = "prod/db/password"
password_field = "password"
api_key = "<your-api-key>"
next_token = "eyJwYWdlIjoyfQ"
secret = boto3.client("secretsmanager").get_secret_value(SecretId="prod/api-key")["SecretString"]
`;
    expect(await pythonFindings(noHardcodedSecret, code)).toEqual([]);
    const test = `PASSWORD = "Hunter2-prod-pw"\nKEY = "${KEY_ID}"\n`;
    expect(await pythonFindings(noHardcodedSecret, test, { file: 'tests/test_app.py' })).toEqual([{ messageId: 'awsAccessKeyId', line: 2 }]);
    expect(await pythonFindings(noHardcodedSecret, test, { file: 'tests/test_app.py', options: [{ testFiles: 'all' }] })).toEqual([
      { messageId: 'hardcodedSecret', line: 1 },
      { messageId: 'awsAccessKeyId', line: 2 },
    ]);
    expect(await pythonFindings(noHardcodedSecret, test, { file: 'src/app.py', options: [{ ignore: ['^Hunter2'] }] })).toEqual([
      { messageId: 'awsAccessKeyId', line: 2 },
    ]);
  });
});
