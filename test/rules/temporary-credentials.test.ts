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
      errors: [{ messageId: 'missingSessionToken', line: 2 }],
    },
    {
      name: 'SDK v2 new AWS.Credentials(key, secret)',
      code: `const AWS = require('aws-sdk');
const credentials = new AWS.Credentials(process.env.AWS_ACCESS_KEY_ID, process.env.AWS_SECRET_ACCESS_KEY);`,
      languageOptions: CJS,
      errors: [{ messageId: 'missingSessionToken', line: 2 }],
    },
  ],
});
