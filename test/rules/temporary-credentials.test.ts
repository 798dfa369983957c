import rule from '../../rules/temporary-credentials.js';
import { describe, expect, it } from 'vitest';
import { CJS, createRuleTester } from '../helpers/rule-tester.js';
import { pythonFindings } from '../helpers/python-check.js';
import { temporaryCredentials } from '../../src/python/checks/temporary-credentials.js';

const ruleTester = createRuleTester();

ruleTester.run('temporary-credentials', rule, {
  valid: [
    // The fix: the SDK's default provider chain reads all three variables.
    `import { S3Client } from '@aws-sdk/client-s3';
const s3 = new S3Client({});`,
    // All three, explicitly.
    `import { S3Client } from '@aws-sdk/client-s3';
const s3 = new S3Client({
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID!,
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY!,
    sessionToken: process.env.AWS_SESSION_TOKEN,
  },
});`,
    // Keys of another account from the function's own variables (long-term keys, a different concern).
    `const s3 = new S3Client({ credentials: { accessKeyId: process.env.PARTNER_KEY_ID, secretAccessKey: process.env.PARTNER_SECRET } });`,
    // A spread may hold the token.
    `const creds = { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY, ...session };`,
    // SDK v2 with the token as the third argument.
    { code: `const AWS = require('aws-sdk'); const c = new AWS.Credentials(process.env.AWS_ACCESS_KEY_ID, process.env.AWS_SECRET_ACCESS_KEY, process.env.AWS_SESSION_TOKEN);`, languageOptions: CJS },
    // The STS/Cognito spelling (AssumeRole output) with its SessionToken.
    `const creds = { AccessKeyId: process.env.AWS_ACCESS_KEY_ID, SecretAccessKey: process.env.AWS_SECRET_ACCESS_KEY, SessionToken: process.env.AWS_SESSION_TOKEN };`,
    // Only one of the two keys: not credentials built from the pair.
    `const id = { accessKeyId: process.env.AWS_ACCESS_KEY_ID, region: 'eu-west-1' };`,
    `const secret = { secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY };`,
    // The names read from a config object, not from the environment Lambda sets.
    `const creds = { accessKeyId: settings.AWS_ACCESS_KEY_ID, secretAccessKey: settings.AWS_SECRET_ACCESS_KEY };`,
    `const creds = { accessKeyId: AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY };`,
    // The two variables swapped into the wrong fields: another bug, not this one.
    `const creds = { accessKeyId: process.env.AWS_SECRET_ACCESS_KEY, secretAccessKey: process.env.AWS_ACCESS_KEY_ID };`,
    // Another class with two arguments, and Credentials with one.
    `const pair = new KeyPair(process.env.AWS_ACCESS_KEY_ID, process.env.AWS_SECRET_ACCESS_KEY);`,
    `const c = new Credentials({ accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY, sessionToken: process.env.AWS_SESSION_TOKEN });`,
    `const c = new Credentials(process.env.AWS_ACCESS_KEY_ID, secret);`,
  ],
  invalid: [
    {
      name: 'SDK v3 client with the two env vars only',
      code: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({
  region: process.env.AWS_REGION,
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID as string,
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '',
  },
});`,
      errors: [{ messageId: 'missingSessionToken', line: 4, column: 16 }],
    },
    {
      name: 'SDK v2 AWS.config.update with bracket access',
      code: `const AWS = require('aws-sdk');
AWS.config.update({ accessKeyId: process.env['AWS_ACCESS_KEY_ID'], secretAccessKey: process.env['AWS_SECRET_ACCESS_KEY'], region: 'eu-west-1' });`,
      languageOptions: CJS,
      errors: [{ messageId: 'missingSessionToken', line: 2, column: 19 }],
    },
    {
      name: 'the PascalCase spelling of STS credentials, without SessionToken',
      code: `const creds = {
  AccessKeyId: process.env.AWS_ACCESS_KEY_ID || '',
  SecretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
};`,
      errors: [{ messageId: 'missingSessionToken', line: 1, column: 15 }],
    },
    {
      name: 'SDK v2 Credentials imported by name',
      code: `import { Credentials } from 'aws-sdk';
const credentials = new Credentials(process.env.AWS_ACCESS_KEY_ID!, process.env.AWS_SECRET_ACCESS_KEY as string);`,
      errors: [{ messageId: 'missingSessionToken', line: 2, column: 21 }],
    },
    {
      name: 'SDK v2 new AWS.Credentials(key, secret)',
      code: `const AWS = require('aws-sdk');
const credentials = new AWS.Credentials(process.env.AWS_ACCESS_KEY_ID, process.env.AWS_SECRET_ACCESS_KEY);`,
      languageOptions: CJS,
      errors: [{ messageId: 'missingSessionToken', line: 2, column: 21 }],
    },
  ],
});

describe('temporary-credentials (Python)', () => {
  const run = (code: string) => pythonFindings(temporaryCredentials, code);

  it('reports boto3 clients, resources and sessions built from the two env vars without the session token', async () => {
    const code = `import os
import boto3
from os import environ, getenv

s3 = boto3.client(
    "s3",
    aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
    aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
)
table = boto3.resource("dynamodb", aws_access_key_id=getenv("AWS_ACCESS_KEY_ID"), aws_secret_access_key=environ.get("AWS_SECRET_ACCESS_KEY") or "")
session = boto3.session.Session(aws_access_key_id=os.getenv("AWS_ACCESS_KEY_ID"), aws_secret_access_key=os.getenv("AWS_SECRET_ACCESS_KEY"))
`;
    expect(await run(code)).toEqual([
      { messageId: 'missingSessionToken', line: 5 },
      { messageId: 'missingSessionToken', line: 10 },
      { messageId: 'missingSessionToken', line: 11 },
    ]);
  });

  it('follows a name assigned once, and reports a keyword dict, botocore Credentials and AWS4Auth', async () => {
    const code = `import os
import boto3
from botocore.credentials import Credentials
from requests_aws4auth import AWS4Auth

ACCESS_KEY = os.environ["AWS_ACCESS_KEY_ID"]

def handler(event, context):
    secret = os.environ["AWS_SECRET_ACCESS_KEY"]
    client = boto3.client("sqs", aws_access_key_id=ACCESS_KEY, aws_secret_access_key=secret)
    config = {"aws_access_key_id": ACCESS_KEY, "aws_secret_access_key": secret}
    other = boto3.client("sns", **config)
    creds = Credentials(os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"])
    auth = AWS4Auth(os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"], "eu-west-1", "es")
    signer = AWSRequestsAuth(aws_access_key=os.environ["AWS_ACCESS_KEY_ID"], aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"], aws_host=host, aws_region="eu-west-1", aws_service="es")
`;
    expect(await run(code)).toEqual([
      { messageId: 'missingSessionToken', line: 10 },
      { messageId: 'missingSessionToken', line: 11 },
      { messageId: 'missingSessionToken', line: 13 },
      { messageId: 'missingSessionToken', line: 14 },
      { messageId: 'missingSessionToken', line: 15 },
    ]);
  });

  it('accepts the session token, the default provider chain, other variables, a splat, and a name bound twice', async () => {
    const cases = [
      `import os, boto3\ns3 = boto3.client("s3", aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"], aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"], aws_session_token=os.environ["AWS_SESSION_TOKEN"])\n`,
      `import boto3\ns3 = boto3.client("s3")\n`,
      // Keys of another account, in variables of the project's own: long-term keys, not Lambda's.
      `import os, boto3\ns3 = boto3.client("s3", aws_access_key_id=os.environ["PARTNER_KEY_ID"], aws_secret_access_key=os.environ["PARTNER_SECRET"])\n`,
      // A splat may carry the token.
      `import os, boto3\nextra = {}\ns3 = boto3.client("s3", aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"], aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"], **extra)\n`,
      `import os\nconfig = {"aws_access_key_id": os.environ["AWS_ACCESS_KEY_ID"], "aws_secret_access_key": os.environ["AWS_SECRET_ACCESS_KEY"], **token}\n`,
      `import os\nconfig = {"AccessKeyId": os.environ["AWS_ACCESS_KEY_ID"], "SecretAccessKey": os.environ["AWS_SECRET_ACCESS_KEY"], "SessionToken": os.environ["AWS_SESSION_TOKEN"]}\n`,
      `import os\nfrom botocore.credentials import Credentials\ncreds = Credentials(os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"], token=os.environ["AWS_SESSION_TOKEN"])\n`,
      `import os\nfrom requests_aws4auth import AWS4Auth\nauth = AWS4Auth(os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"], "eu-west-1", "es", session_token=os.environ["AWS_SESSION_TOKEN"])\n`,
      `import os\nsigner = AWSRequestsAuth(aws_access_key=os.environ["AWS_ACCESS_KEY_ID"], aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"], aws_token=os.environ["AWS_SESSION_TOKEN"], aws_host=host, aws_region="eu-west-1", aws_service="es")\n`,
      // Bound twice: which value is passed is not known.
      `import os, boto3\nkey = os.environ["AWS_ACCESS_KEY_ID"]\nkey = vault_key()\ns3 = boto3.client("s3", aws_access_key_id=key, aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"])\n`,
      // Not os.environ: a dict of the project's own.
      `import boto3\nsettings = {}\ns3 = boto3.client("s3", aws_access_key_id=settings["AWS_ACCESS_KEY_ID"], aws_secret_access_key=settings["AWS_SECRET_ACCESS_KEY"])\n`,
    ];
    for (const code of cases) expect(await run(code), code).toEqual([]);
  });
});
