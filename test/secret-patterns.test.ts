import { describe, expect, it } from 'vitest';
import {
  authorizationHeaderCredential,
  awsEndpointRegion,
  containsPemPrivateKey,
  findAwsAccessKeyIds,
  findSecret,
  findSecretAccessKeysInText,
  isAccessKeyIdName,
  isAwsAccountId,
  isAwsManagedArn,
  isAwsRegion,
  isCommitSha,
  isIamUniqueId,
  isIntegrityHash,
  isPlaceholder,
  isSecretAccessKeyName,
  isSecretLikeName,
  isUuid,
  looksLikeArn,
  looksLikeAwsAccessKeyId,
  looksLikeAwsEndpoint,
  looksLikeHardcodedSecretValue,
  looksLikeSecretAccessKey,
  looksLikeSqsQueueUrl,
  maskSecret,
  parseArn,
  parseSqsQueueUrl,
  pemPrivateKeyLabel,
  secretNameKind,
  splitNameWords,
} from '../src/secret-patterns.js';

// Test values are built from parts so the repository itself holds no secret-shaped literal.
const KEY_ID = 'AKIA' + 'Q3VW8XK2LP9RT5YZ';
const SECRET_KEY = 'q3Vw8Xk2Lp9Rt5Yz1Bn4' + 'Mc7Dg0Hf6Js3Ka8Qe2Wr';
const PEM_BODY = 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0';
const PEM = `-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----`;

describe('splitNameWords', () => {
  it.each([
    ['aws_secret_access_key', ['aws', 'secret', 'access', 'key']],
    ['AWS_SECRET_ACCESS_KEY', ['aws', 'secret', 'access', 'key']],
    ['secretAccessKey', ['secret', 'access', 'key']],
    ['APIKey', ['api', 'key']],
    ['apikey', ['api', 'key']],
    ['x-api-key', ['x', 'api', 'key']],
    ['dbpassword', ['db', 'password']],
    ['monkey', ['monkey']],
  ])('%s', (name, words) => {
    expect(splitNameWords(name)).toEqual(words);
  });
});

describe('secretNameKind / isSecretLikeName', () => {
  it.each([
    ['password', 'password'],
    ['dbPassword', 'password'],
    ['DB_PASSWORD', 'password'],
    ['pass', 'password'],
    ['clientSecret', 'secret'],
    ['jwtSecret', 'secret'],
    ['secretValue', 'secret'],
    ['authToken', 'token'],
    ['githubToken', 'token'],
    ['SessionToken', 'token'],
    ['apiKey', 'key'],
    ['X-API-KEY', 'key'],
    ['privateKey', 'key'],
    ['secretAccessKey', 'key'],
  ])('%s is a %s', (name, kind) => {
    expect(secretNameKind(name)).toBe(kind);
    expect(isSecretLikeName(name)).toBe(true);
  });

  // A reference to a secret, a setting about one, or a key that is not a credential.
  it.each([
    'tokenType', 'passwordPolicy', 'secretName', 'secretId', 'SecretId', 'tokenUrl', 'passwordField', 'accessKeyId',
    'nextToken', 'NextToken', 'ClientToken', 'idempotencyToken', 'cacheKey', 'sortKey', 'publicKey',
    'STRIPE_PUBLISHABLE_KEY', 'keyName', 'passwordHash', 'passThrough', 'bypass', 'API_KEY_SECRET_ARN', 'apiKeyId',
  ])('%s is not a secret name', (name) => {
    expect(secretNameKind(name)).toBeUndefined();
    expect(isSecretLikeName(name)).toBe(false);
  });

  it('recognises AWS credential names', () => {
    for (const name of ['secretAccessKey', 'aws_secret_access_key', 'AWS_SECRET_ACCESS_KEY', 'secretKey', 'awsSecret']) {
      expect(isSecretAccessKeyName(name), name).toBe(true);
    }
    expect(isSecretAccessKeyName('apiKey')).toBe(false);
    for (const name of ['accessKeyId', 'aws_access_key_id', 'AWS_ACCESS_KEY_ID', 'AccessKeyId']) {
      expect(isAccessKeyIdName(name), name).toBe(true);
    }
    expect(isAccessKeyIdName('keyId')).toBe(false);
  });
});

describe('isPlaceholder', () => {
  it.each([
    '', '   ', 'abc', 'changeme', 'CHANGE_ME', 'xxx', 'xxxxxxxxxxxx', '<your-api-key>', '${API_KEY}', '${ssm:/app/key}',
    '{{resolve:secretsmanager:prod/db}}', 'your-api-key', 'YOUR_API_TOKEN', 'TODO', 'aaaaaaaa', '********', '[YOU TOKEN PLZ]',
    '%API_KEY%', '$API_KEY', '__API_KEY__', 'CHANNEL_SECRET', 'insert-token-here', 'test-api-key', 'dummy_password',
    'replace-with-your-key', 'REDACTED', 'abc123', 'ABC-123', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'sk-...',
  ])('%j is a placeholder', (value) => {
    expect(isPlaceholder(value)).toBe(true);
  });

  it.each(['hunter22', 'P@ssw0rd!', SECRET_KEY, 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'orders-table'])('%j is not', (value) => {
    expect(isPlaceholder(value)).toBe(false);
  });

  it('treats very short values as placeholders unless told otherwise', () => {
    expect(isPlaceholder('logs')).toBe(true);
    expect(isPlaceholder('logs', { minLength: 1 })).toBe(false);
    expect(isPlaceholder('', { minLength: 1 })).toBe(true);
  });
});

describe('shapes that are not secrets', () => {
  it('recognises UUIDs, commit SHAs, integrity hashes and IAM unique IDs', () => {
    expect(isUuid('550e8400-e29b-41d4-a716-446655440000')).toBe(true);
    expect(isCommitSha('e83c5163316f89bfbde7d9ab23ca2e25604af290')).toBe(true);
    expect(isIntegrityHash('sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==')).toBe(true);
    expect(isIamUniqueId('AROAJQABLZS4A3QDU576Q')).toBe(true);
    expect(isIamUniqueId('AIDAJQABLZS4A3QDU576Q')).toBe(true);
    expect(isIamUniqueId(KEY_ID)).toBe(false);
  });
});

describe('AWS access key IDs', () => {
  it('matches the four credential prefixes with 16 upper-case alphanumerics', () => {
    for (const prefix of ['AKIA', 'ASIA', 'ABIA', 'ACCA']) {
      expect(looksLikeAwsAccessKeyId(`${prefix}Q3VW8XK2LP9RT5YZ`), prefix).toBe(true);
    }
  });

  it('leaves out AWS documentation keys, masks, IAM IDs and wrong lengths', () => {
    expect(looksLikeAwsAccessKeyId('AKIAIOSFODNN7EXAMPLE')).toBe(false);
    expect(looksLikeAwsAccessKeyId('AKIAXXXXXXXXXXXXXXXX')).toBe(false);
    expect(looksLikeAwsAccessKeyId('AROAJQABLZS4A3QDU576')).toBe(false);
    expect(looksLikeAwsAccessKeyId('AIDAJQABLZS4A3QDU576')).toBe(false);
    expect(looksLikeAwsAccessKeyId('AKIAQ3VW8XK2LP9RT5Y')).toBe(false);
    expect(looksLikeAwsAccessKeyId('akiaq3vw8xk2lp9rt5yz')).toBe(false);
  });

  it('finds keys inside a text, with word boundaries', () => {
    expect(findAwsAccessKeyIds(`[default]\naws_access_key_id = ${KEY_ID}\n`)).toEqual([KEY_ID]);
    expect(findAwsAccessKeyIds(`x${KEY_ID}`)).toEqual([]);
    expect(findAwsAccessKeyIds(`${KEY_ID}9`)).toEqual([]);
    expect(findAwsAccessKeyIds('AKIAIOSFODNN7EXAMPLE')).toEqual([]);
  });
});

describe('AWS secret access keys', () => {
  it('matches 40 base64 characters with both cases', () => {
    expect(looksLikeSecretAccessKey(SECRET_KEY)).toBe(true);
  });

  it('leaves out commit SHAs, doc examples, single-case strings and other lengths', () => {
    expect(looksLikeSecretAccessKey('e83c5163316f89bfbde7d9ab23ca2e25604af290')).toBe(false);
    expect(looksLikeSecretAccessKey('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe(false);
    expect(looksLikeSecretAccessKey('Q3VW8XK2LP9RT5YZ1BN4MC7DG0HF6JS3KA8QE2WR')).toBe(false);
    expect(looksLikeSecretAccessKey(SECRET_KEY.slice(1))).toBe(false);
  });

  it('finds keys written after their name in a text', () => {
    expect(findSecretAccessKeysInText(`aws_secret_access_key = ${SECRET_KEY}`)).toEqual([SECRET_KEY]);
    expect(findSecretAccessKeysInText(`"AWS_SECRET_ACCESS_KEY": "${SECRET_KEY}"`)).toEqual([SECRET_KEY]);
    // The shape alone, without the name, is not enough (sha512 integrity fragments, gitleaks #538).
    expect(findSecretAccessKeysInText(`integrity ${SECRET_KEY}`)).toEqual([]);
  });
});

describe('PEM private keys', () => {
  it('needs a header and a base64 body', () => {
    expect(containsPemPrivateKey(PEM)).toBe(true);
    expect(pemPrivateKeyLabel(PEM)).toBe('RSA PRIVATE KEY');
    expect(pemPrivateKeyLabel(`-----BEGIN OPENSSH PRIVATE KEY-----\n${PEM_BODY}`)).toBe('OPENSSH PRIVATE KEY');
    expect(pemPrivateKeyLabel(`-----BEGIN PRIVATE KEY-----\\n${PEM_BODY}\\n-----END PRIVATE KEY-----`)).toBe('PRIVATE KEY');
  });

  it('ignores bare headers, placeholders and public keys', () => {
    expect(containsPemPrivateKey('-----BEGIN PRIVATE KEY-----')).toBe(false);
    expect(containsPemPrivateKey('-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----')).toBe(false);
    expect(containsPemPrivateKey('-----BEGIN PRIVATE KEY-----\n<your key here>\n-----END PRIVATE KEY-----')).toBe(false);
    expect(containsPemPrivateKey(`-----BEGIN PUBLIC KEY-----\n${PEM_BODY}\n-----END PUBLIC KEY-----`)).toBe(false);
  });
});

describe('looksLikeHardcodedSecretValue', () => {
  it.each([
    ['password', 'hunter22'],
    ['password', 'P@ssw0rd!'],
    ['secret', 'keyboardcat'],
    ['token', '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw'],
    ['key', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'],
  ] as const)('%s %j is a secret', (kind, value) => {
    expect(looksLikeHardcodedSecretValue(value, kind)).toBe(true);
  });

  it.each([
    ['token', 'delimiter.curly'],
    ['token', '@rematch'],
    ['key', 'x-api-key'],
    ['key', 'accessToken'],
    ['secret', 'client_secret'],
    ['key', 'e83c5163316f89bfbde7d9ab23ca2e25604af290'],
    ['key', '550e8400-e29b-41d4-a716-446655440000'],
    ['key', 'sha512-abcDEF123+/='],
    ['key', 'private.pem'],
    ['key', '/prod/api/key'],
    ['secret', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db'],
    ['password', 'Invalid password'],
    ['password', 'https://example.com/reset'],
    ['password', '*********'],
  ] as const)('%s %j is not', (kind, value) => {
    expect(looksLikeHardcodedSecretValue(value, kind)).toBe(false);
  });

  it('reads credentials out of Authorization headers', () => {
    expect(authorizationHeaderCredential('Bearer 9f8e7d6c5b4a3F2E1D0C')).toBe('9f8e7d6c5b4a3F2E1D0C');
    expect(authorizationHeaderCredential('Bearer <token>')).toBeUndefined();
    expect(authorizationHeaderCredential('application/json')).toBeUndefined();
  });
});

describe('maskSecret and findSecret', () => {
  it('never prints more than four characters', () => {
    expect(maskSecret(SECRET_KEY)).toBe('q3Vw***');
    expect(maskSecret(KEY_ID)).toBe('AKIA***');
  });

  it('returns the most specific finding for a key/value pair', () => {
    expect(findSecret('AWS_ACCESS_KEY_ID', KEY_ID)).toEqual({ kind: 'aws-access-key-id', masked: 'AKIA***' });
    expect(findSecret('AWS_SECRET_ACCESS_KEY', SECRET_KEY)).toEqual({ kind: 'aws-secret-access-key', masked: 'q3Vw***' });
    expect(findSecret('TLS_KEY', PEM)).toEqual({ kind: 'pem-private-key', masked: 'RSA PRIVATE KEY' });
    expect(findSecret('DB_PASSWORD', 'hunter22')).toEqual({ kind: 'named-secret', masked: 'hunt***' });
    expect(findSecret('DB_PASSWORD', '${ssm:/app/db-password}')).toBeUndefined();
    expect(findSecret('SECRET_ID', 'prod/db')).toBeUndefined();
    expect(findSecret('COMMIT', 'e83c5163316f89bfbde7d9ab23ca2e25604af290')).toBeUndefined();
    expect(findSecret(undefined, 'hunter22')).toBeUndefined();
  });
});

describe('regions and accounts', () => {
  it('knows AWS region names', () => {
    for (const region of ['us-east-1', 'eu-central-2', 'ap-southeast-4', 'cn-northwest-1', 'us-gov-west-1', 'il-central-1']) {
      expect(isAwsRegion(region), region).toBe(true);
    }
    for (const other of ['europe-west1', 'localhost', 'us-east', 'US-EAST-1', 'region']) expect(isAwsRegion(other), other).toBe(false);
    expect(isAwsAccountId('123456789012')).toBe(true);
    expect(isAwsAccountId('12345678901')).toBe(false);
  });
});

describe('ARNs', () => {
  it('parses the six fields, keeping colons in the resource', () => {
    expect(parseArn('arn:aws:lambda:us-east-1:123456789012:function:orders:live')).toEqual({
      partition: 'aws',
      service: 'lambda',
      region: 'us-east-1',
      account: '123456789012',
      resource: 'function:orders:live',
    });
    expect(parseArn('arn:aws:s3:::bucket')?.resource).toBe('bucket');
    expect(parseArn('not an arn')).toBeUndefined();
    expect(parseArn('arn:aws:sns')).toBeUndefined();
  });

  it('accepts concrete ARNs of every aws partition, not templates', () => {
    expect(looksLikeArn('arn:aws:sns:us-east-1:123456789012:orders')).toBe(true);
    expect(looksLikeArn('arn:aws-cn:sqs:cn-north-1:123456789012:orders')).toBe(true);
    expect(looksLikeArn('arn:aws-us-gov:dynamodb:us-gov-west-1:123456789012:table/orders')).toBe(true);
    expect(looksLikeArn('arn:aws:s3:::orders-bucket')).toBe(true);
    expect(looksLikeArn('arn:aws:mq:us-west-2:<account-id>:broker:x')).toBe(false);
    expect(looksLikeArn('arn:aws:secretsmanager:region:account:secret:api-key')).toBe(false);
    expect(looksLikeArn('arn:aws:sns:us-east-1:123456789012:<topic>')).toBe(false);
  });

  it('knows the ARNs that are the same in every account', () => {
    expect(isAwsManagedArn('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')).toBe(true);
    expect(isAwsManagedArn('arn:aws:states:::lambda:invoke')).toBe(true);
    expect(isAwsManagedArn('arn:aws:ssm:us-east-1::parameter/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64')).toBe(true);
    expect(isAwsManagedArn('arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0')).toBe(true);
    expect(isAwsManagedArn('arn:aws:lambda:us-east-1:027255383542:layer:AWS-AppConfig-Extension:82')).toBe(true);
    expect(isAwsManagedArn('arn:aws-us-gov:lambda:us-gov-east-1:946561847325:layer:AWS-AppConfig-Extension:29')).toBe(true);
    expect(isAwsManagedArn('arn:aws:lambda:us-east-1:580247275435:layer:LambdaInsightsExtension:38')).toBe(true);
    expect(isAwsManagedArn('arn:aws:lambda:eu-west-1:094274105915:layer:AWSLambdaPowertoolsTypeScriptV2:12')).toBe(true);
    expect(isAwsManagedArn('arn:aws:lambda:us-east-1:123456789012:layer:my-deps:3')).toBe(false);
    expect(isAwsManagedArn('arn:aws:sns:us-east-1:123456789012:orders')).toBe(false);
    expect(isAwsManagedArn('arn:aws:iam::123456789012:policy/orders-writer')).toBe(false);
  });
});

describe('queue URLs and endpoints', () => {
  it('parses SQS queue URLs', () => {
    expect(parseSqsQueueUrl('https://sqs.eu-west-1.amazonaws.com/123456789012/orders.fifo')).toEqual({
      region: 'eu-west-1',
      account: '123456789012',
      name: 'orders.fifo',
    });
    expect(parseSqsQueueUrl('https://eu-west-1.queue.amazonaws.com/123456789012/orders')?.region).toBe('eu-west-1');
    expect(looksLikeSqsQueueUrl('https://sqs.eu-west-1.amazonaws.com/orders')).toBe(false);
  });

  it('finds the region of regional endpoints only', () => {
    expect(awsEndpointRegion('https://abc123.execute-api.eu-west-1.amazonaws.com/prod')).toBe('eu-west-1');
    expect(awsEndpointRegion('wss://abc123.execute-api.eu-west-1.amazonaws.com/prod')).toBe('eu-west-1');
    expect(awsEndpointRegion('https://dynamodb.us-east-1.amazonaws.com')).toBe('us-east-1');
    expect(awsEndpointRegion('http://site.s3-website-us-east-1.amazonaws.com')).toBe('us-east-1');
    expect(awsEndpointRegion('https://abc.lambda-url.ap-south-1.on.aws/')).toBe('ap-south-1');
    expect(awsEndpointRegion('https://s3.amazonaws.com')).toBeUndefined();
    expect(awsEndpointRegion('http://localhost:8000')).toBeUndefined();
    expect(awsEndpointRegion('https://api.example.com/us-east-1')).toBeUndefined();
    expect(awsEndpointRegion('APIGWID-vpce-VPCEID.execute-api.us-east-1.amazonaws.com')).toBeUndefined();
    expect(awsEndpointRegion('https://your-api.execute-api.us-east-1.amazonaws.com')).toBeUndefined();
    expect(looksLikeAwsEndpoint('https://cognito-idp.us-east-2.amazonaws.com/us-east-2_AbCdEf')).toBe(true);
  });
});
