import rule from '../../rules/temporary-credentials.js';
import { CJS, createRuleTester } from '../helpers/rule-tester.js';

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
