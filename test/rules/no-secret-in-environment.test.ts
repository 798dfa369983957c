import rule from '../../rules/no-secret-in-environment.js';
import { inherited, lambda, ref, testConfigRule, val } from '../helpers/model-builder.js';

// Secret-shaped test values are assembled at run time so that secret scanners do not flag this file.
const AWS_KEY_ID = 'AKIA' + 'QZ7XR4MPLT2WV6NB';
const AWS_SECRET = 'wJalrX' + 'UtnFEMI/K7MDENG/bPxRfiCY' + 'q7Hd3kZp9s';
const PEM = '-----BEGIN ' + 'RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM2rT9x\nq8Lw5Vb2Nc7Hd4Fs1Gk6Jp3Rm9Ty0Ue2Wi5Oa8Qz\n-----END RSA PRIVATE KEY-----';
const GITHUB_TOKEN = 'ghp' + '_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const SLACK_TOKEN = 'xox' + 'b-1234567890-0987654321-AbCdEfGhIjKlMnOp';
const DB_PASSWORD = 'Sup3r-' + 'S3cret-Pa55';
// Environment values are placed on consecutive lines from the function line + 6.

testConfigRule(rule, {
  valid: [
    {
      name: 'CloudFormation dynamic reference kept as a literal',
      model: [lambda('Api', { line: 10, environment: { DB_PASSWORD: '{{resolve:secretsmanager:prod/db:SecretString:password}}' } })],
    },
    { name: 'serverless ${ssm:...} reference', model: [lambda('api', { line: 10, environment: { DB_PASSWORD: ref('${ssm:/prod/db/password}', 'ssm') } })] },
    { name: '!Ref to a NoEcho parameter', model: [lambda('Api', { line: 10, environment: { API_KEY: ref('!Ref ApiKeyParam', 'cfn-parameter', true) } })] },
    { name: 'Terraform var.jwt_secret', model: [lambda('aws_lambda_function.api', { line: 1, file: 'main.tf', environment: { JWT_SECRET: ref('var.jwt_secret', 'tf-variable') } })] },
    { name: 'SSM parameter path under a pointer name', model: [lambda('Api', { line: 10, environment: { DB_PASSWORD_PARAM: '/prod/db/password' } })] },
    { name: 'SSM parameter path under the secret name itself', model: [lambda('Api', { line: 10, environment: { DB_PASSWORD: '/prod/db/password' } })] },
    {
      name: 'Secrets Manager ARN',
      model: [lambda('Api', { line: 10, environment: { DB_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf', DB_SECRET: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf' } })],
    },
    { name: 'placeholders', model: [lambda('Api', { line: 10, environment: { DB_PASSWORD: 'changeme', API_KEY: '<your-api-key>', AUTH_TOKEN: 'xxxxxxxx', CLIENT_SECRET: 'your-client-secret-here', SESSION_KEY: '${SESSION_KEY}' } })] },
    { name: 'names that are not secrets', model: [lambda('Api', { line: 10, environment: { TOKEN_TABLE: 'tokens-prod', SECRET_NAME: 'prod/db', API_KEY_ID: 'k-123', PASSWORD_MIN_LENGTH: '12', TOKEN_URL: 'https://login.acme.io/oauth2/token' } })] },
    { name: 'the AWS documentation example key ID', model: [lambda('Api', { line: 10, environment: { EXAMPLE_KEY: 'AKIAIOSFODNN7EXAMPLE' } })] },
    { name: 'IAM role id (AROA...) is not a credential (gitleaks#1049)', model: [lambda('Api', { line: 10, environment: { ROLE_ID: 'AROA' + 'QZ7XR4MPLT2WV6NB' } })] },
    { name: 'sha512 integrity hash is not a secret (gitleaks#538)', model: [lambda('Api', { line: 10, environment: { BUNDLE_INTEGRITY: 'sha512-' + 'z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==' } })] },
    { name: 'PWD is the working directory, publishable keys are public, NEXT_TOKEN is pagination', model: [lambda('Api', { line: 10, environment: { PWD: '/var/task', STRIPE_PUBLISHABLE_KEY: 'pk_live_' + '51HqLy2eZvKYlo2C8Nq3', NEXT_TOKEN: 'eyJvZmZzZXQiOjEwfQ' } })] },
    { name: 'connection URL without a password', model: [lambda('Api', { line: 10, environment: { DATABASE_URL: 'postgres://app@db.internal:5432/app' } })] },
    {
      name: 'pointers to a secret written as ssm:/secretsmanager: names, a blank value, a URL whose password is a placeholder',
      model: [lambda('Api', { line: 10, environment: { DB_PASSWORD: 'ssm:/prod/db/password', API_KEY: 'secretsmanager:prod/api-key', AUTH_TOKEN: '   ', DATABASE_URL: 'postgres://app:<password>@db.internal:5432/app' } })],
    },
    { name: 'ignoreNames option', options: [{ ignoreNames: ['legacy_api_key'] }], model: [lambda('Api', { line: 10, environment: { LEGACY_API_KEY: 'k9Fq2Lx8Wm4Rt7Zp' } })] },
    {
      name: 'function suppresses the rule',
      model: [lambda('Api', { line: 10, environment: { DB_PASSWORD: DB_PASSWORD }, ignoredRules: [{ rule: 'no-secret-in-environment', reason: 'local test stack only', loc: val('x', 11).loc }] })],
    },
    {
      // Each reference form alone exempts the value: the Slack-token shape in the parameter name would be reported otherwise.
      name: 'references whose text has a token shape: SSM path, dynamic reference, partition ARN, ${...}, ssm: name',
      model: [
        lambda('Api', {
          line: 10,
          environment: {
            SLACK_PARAM: '/prod/slack/xoxb-token-notifier',
            SLACK_RESOLVED: '{{resolve:ssm:/prod/slack/xoxb-token-notifier}}',
            SLACK_ARN: 'arn:aws-cn:ssm:cn-north-1:123456789012:parameter/prod/slack/xoxb-token-notifier',
            SLACK_VAR: '${ssm:/prod/slack/xoxb-token-notifier}',
            SLACK_NAME: 'ssm:/prod/slack/xoxb-token-notifier',
          },
        }),
      ],
    },
    // `"no-secret-in-environment": ["error"]` gives an empty options list.
    { name: 'a setting with no options object', options: [], model: [lambda('Api', { line: 10, environment: { DB_PASSWORD: '/prod/db/password' } })] },
  ],
  invalid: [
    {
      name: 'plaintext password under a secret-like name; the value is not printed',
      model: [lambda('Api', { line: 10, environment: { LOG_LEVEL: 'info', DB_PASSWORD } })],
      findings: [{ messageId: 'secretName', at: 'template.yaml:17', severity: 'error', functions: ['Api'], includes: ['Environment variable DB_PASSWORD of Api', '17 characters, hidden'], excludes: [DB_PASSWORD, 'Sup3r'] }],
    },
    {
      name: 'AWS access key ID',
      model: [lambda('Api', { line: 10, environment: { AWS_ACCESS_KEY_ID: AWS_KEY_ID } })],
      findings: [{ messageId: 'awsAccessKey', at: 'template.yaml:16', includes: ['AKIA***', 'AWS access key ID'], excludes: [AWS_KEY_ID] }],
    },
    {
      name: 'AWS secret access key by name',
      model: [lambda('Api', { line: 10, environment: { AWS_SECRET_ACCESS_KEY: AWS_SECRET } })],
      findings: [{ messageId: 'awsSecretKey', at: 'template.yaml:16', includes: ['40 characters, hidden'], excludes: [AWS_SECRET, 'wJalr'] }],
    },
    {
      name: 'PEM private key under any name',
      model: [lambda('Signer', { line: 10, environment: { SIGNER: PEM } })],
      findings: [{ messageId: 'privateKey', at: 'template.yaml:16', excludes: ['MIIE'] }],
    },
    {
      name: 'GitHub token under a neutral name',
      model: [lambda('Bot', { line: 10, environment: { GH: GITHUB_TOKEN } })],
      findings: [{ messageId: 'knownToken', at: 'template.yaml:16', includes: ['GitHub token', 'ghp_***'], excludes: [GITHUB_TOKEN] }],
    },
    {
      name: 'Slack bot token',
      model: [lambda('Notifier', { line: 10, file: 'serverless.yml', format: 'serverless', environment: { SLACK_WEBHOOK: SLACK_TOKEN } })],
      findings: [{ messageId: 'knownToken', at: 'serverless.yml:16', includes: ['Slack token'], excludes: [SLACK_TOKEN] }],
    },
    {
      name: 'JSON Web Token under a neutral name',
      model: [lambda('Api', { line: 10, environment: { SERVICE_JWT: 'eyJhbGciOiJIUzI1NiJ9' + '.eyJzdWIiOiJzZXJ2aWNlLWEifQ' + '.Q8x2Vb7Lm4Tn9Rw1Zp6Kd3Fs' } })],
      findings: [{ messageId: 'knownToken', at: 'template.yaml:16', includes: ['JSON Web Token', 'eyJ***'], excludes: ['eyJzdWIi'] }],
    },
    {
      name: 'database URL with a password',
      model: [lambda('Api', { line: 10, environment: { DATABASE_URL: 'postgres://app:' + DB_PASSWORD + '@db.internal:5432/app' } })],
      findings: [{ messageId: 'urlCredentials', at: 'template.yaml:16', includes: ['postgres://app:***@…'], excludes: [DB_PASSWORD] }],
    },
    {
      name: 'provider-level secret shared by two functions: one finding at the provider line',
      model: [
        lambda('create', { line: 30, file: 'serverless.yml', format: 'serverless', environment: { STRIPE_SECRET_KEY: inherited('k9Fq2Lx8Wm4Rt7ZpQ3', 12, 'provider', 'serverless.yml') } }),
        lambda('refund', { line: 40, file: 'serverless.yml', format: 'serverless', environment: { STRIPE_SECRET_KEY: inherited('k9Fq2Lx8Wm4Rt7ZpQ3', 12, 'provider', 'serverless.yml') } }),
      ],
      findings: [{ messageId: 'secretName', at: 'serverless.yml:12', functions: ['create', 'refund'], includes: ['of create and refund'] }],
    },
    {
      name: 'CDK camelCase name stripeApiKey',
      model: [lambda('Checkout', { line: 20, file: 'lib/stack.ts', format: 'cdk', environment: { stripeApiKey: val('k9Fq2Lx8Wm4Rt7ZpQ3', 27, { file: 'lib/stack.ts', column: 23 }) } })],
      findings: [{ messageId: 'secretName', at: 'lib/stack.ts:27', column: 23 }],
    },
    {
      name: 'Terraform literal JWT_SECRET',
      model: [lambda('aws_lambda_function.auth', { line: 1, file: 'main.tf', format: 'terraform', environment: { JWT_SECRET: 'q8Zr5Tn2Vx7Lm4Kp1Wd9' } })],
      findings: [{ messageId: 'secretName', at: 'main.tf:7' }],
    },
    {
      name: 'one of two functions sharing Globals suppresses the rule: the other is still named',
      model: [
        lambda('A', { line: 20, environment: { API_TOKEN: inherited('t0k3n-9f8e7d6c5b4a', 8) }, ignoredRules: [{ rule: 'no-secret-in-environment', reason: 'x', loc: val('x', 21).loc }] }),
        lambda('B', { line: 40, environment: { API_TOKEN: inherited('t0k3n-9f8e7d6c5b4a', 8) } }),
      ],
      findings: [{ messageId: 'secretName', at: 'template.yaml:8', functions: ['B'] }],
    },
    {
      name: 'secrets that only contain reference-like text, padded or with a short URL password: one finding per variable',
      model: [
        lambda('Api', {
          line: 10,
          environment: {
            HOOK_PATH: '/services/hooks?token=' + SLACK_TOKEN,
            STAGED: '${STAGE}-' + SLACK_TOKEN,
            STAGED_SUFFIX: SLACK_TOKEN + '-${STAGE}',
            BOT_CONFIG: 'role=arn:aws:iam::123456789012:role/bot;token=' + SLACK_TOKEN,
            BOT_SOURCE: 'source=ssm:off;token=' + SLACK_TOKEN,
            SERVICE_JWT: '  eyJhbGciOiJIUzI1NiJ9' + '.eyJzdWIiOiJzZXJ2aWNlLWEifQ' + '.Q8x2Vb7Lm4Tn9Rw1Zp6Kd3Fs\n',
            CACHE_URL: 'redis://default:k9Fq2@cache.internal:6379',
          },
        }),
      ],
      findings: [
        { messageId: 'knownToken', at: 'template.yaml:16', includes: ['Environment variable HOOK_PATH', 'Slack token (xoxb-***)'] },
        { messageId: 'knownToken', at: 'template.yaml:17', includes: ['Environment variable STAGED'] },
        { messageId: 'knownToken', at: 'template.yaml:18', includes: ['Environment variable STAGED_SUFFIX'] },
        { messageId: 'knownToken', at: 'template.yaml:19', includes: ['Environment variable BOT_CONFIG'] },
        { messageId: 'knownToken', at: 'template.yaml:20', includes: ['Environment variable BOT_SOURCE'] },
        { messageId: 'knownToken', at: 'template.yaml:21', includes: ['Environment variable SERVICE_JWT', 'JSON Web Token (eyJ***)'] },
        { messageId: 'urlCredentials', at: 'template.yaml:22', includes: ['Environment variable CACHE_URL', 'redis://default:***@…'], excludes: ['k9Fq2'] },
      ],
    },
  ],
});
