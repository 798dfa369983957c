import { describe, expect, it } from 'vitest';
import rule, { v3Replacement } from '../../rules/no-aws-sdk-v2.js';
import { CJS, createRuleTester } from '../helpers/rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-aws-sdk-v2', rule, {
  valid: [
    "import { S3Client } from '@aws-sdk/client-s3';",
    "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
    { code: "const { SQSClient } = require('@aws-sdk/client-sqs');", languageOptions: CJS },
    // Type-only imports are erased at compile time.
    "import type { S3 } from 'aws-sdk';",
    "import type AWS from 'aws-sdk';",
    "import { type S3 } from 'aws-sdk';",
    // Similarly named packages are not the SDK.
    "import mock from 'aws-sdk-client-mock';",
    "import { mockClient } from 'aws-sdk-client-mock';",
    { code: "const xray = require('aws-xray-sdk-core');", languageOptions: CJS },
    "const name = 'aws-sdk';",
    { code: "require(moduleName);", languageOptions: CJS },
    "export type { Handler } from 'aws-lambda';",
  ],
  invalid: [
    {
      name: 'a require inside a function still loads the v2 SDK when it runs',
      code: `exports.handler = async () => {
  const AWS = require('aws-sdk');
  return new AWS.S3().listBuckets().promise();
};`,
      languageOptions: CJS,
      errors: [{ messageId: 'noAwsSdkV2', line: 2 }],
    },
    {
      code: "import AWS from 'aws-sdk';",
      errors: [{ messageId: 'noAwsSdkV2', line: 1, column: 17 }],
    },
    {
      code: "import * as AWS from 'aws-sdk';",
      errors: [{ messageId: 'noAwsSdkV2', line: 1 }],
    },
    {
      code: "const AWS = require('aws-sdk');\nexports.handler = async () => new AWS.S3().listBuckets().promise();",
      languageOptions: CJS,
      errors: [{ messageId: 'noAwsSdkV2', line: 1 }],
    },
    {
      code: "import DynamoDB from 'aws-sdk/clients/dynamodb';",
      errors: [{ messageId: 'noAwsSdkV2WithReplacement', data: { source: 'aws-sdk/clients/dynamodb', replacement: '@aws-sdk/client-dynamodb' }, line: 1 }],
    },
    {
      code: "const SecretsManager = require('aws-sdk/clients/secretsmanager');",
      languageOptions: CJS,
      errors: [{ messageId: 'noAwsSdkV2WithReplacement', data: { source: 'aws-sdk/clients/secretsmanager', replacement: '@aws-sdk/client-secrets-manager' }, line: 1 }],
    },
    {
      code: "import { DynamoDB, S3 } from 'aws-sdk';",
      errors: [{ messageId: 'noAwsSdkV2WithReplacement', data: { source: 'aws-sdk', replacement: "@aws-sdk/client-dynamodb', '@aws-sdk/client-s3" }, line: 1 }],
    },
    {
      code: "const { StepFunctions } = require('aws-sdk');",
      languageOptions: CJS,
      errors: [{ messageId: 'noAwsSdkV2WithReplacement', data: { source: 'aws-sdk', replacement: '@aws-sdk/client-sfn' }, line: 1 }],
    },
    {
      code: "const DocumentClient = require('aws-sdk/lib/dynamodb/document_client');",
      languageOptions: CJS,
      errors: [{ messageId: 'noAwsSdkV2WithReplacement', data: { source: 'aws-sdk/lib/dynamodb/document_client', replacement: '@aws-sdk/lib-dynamodb' }, line: 1 }],
    },
    {
      code: "export const handler = async () => { const AWS = await import('aws-sdk'); return AWS; };",
      errors: [{ messageId: 'noAwsSdkV2', line: 1 }],
    },
    {
      code: "export { S3 } from 'aws-sdk';",
      errors: [{ messageId: 'noAwsSdkV2', line: 1 }],
    },
    {
      code: "import AWS = require('aws-sdk');",
      errors: [{ messageId: 'noAwsSdkV2', line: 1 }],
    },
    {
      code: "import 'aws-sdk/global';",
      errors: [{ messageId: 'noAwsSdkV2', line: 1 }],
    },
    {
      // A v2 client with no checked v3 name still gets the generic hint.
      code: "import Pinpoint from 'aws-sdk/clients/pinpointsmsvoice';",
      errors: [{ messageId: 'noAwsSdkV2', line: 1 }],
    },
    {
      name: 'new AWS.DynamoDB.DocumentClient() on the whole SDK: lib-dynamodb',
      code: "const AWS = require('aws-sdk');\nconst db = new AWS.DynamoDB.DocumentClient();",
      languageOptions: CJS,
      errors: [{ messageId: 'noAwsSdkV2WithReplacement', data: { source: 'aws-sdk', replacement: '@aws-sdk/lib-dynamodb' }, line: 1, column: 21 }],
    },
    {
      name: 'the DocumentClient of the DynamoDB client module: both v3 packages',
      code: "import DynamoDB from 'aws-sdk/clients/dynamodb.js';\nconst db = new DynamoDB.DocumentClient();",
      errors: [{ messageId: 'noAwsSdkV2WithReplacement', data: { source: 'aws-sdk/clients/dynamodb.js', replacement: "@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb" }, line: 1, column: 22 }],
    },
    {
      name: 'DocumentClient taken by name from the whole SDK: lib-dynamodb once',
      code: "const { DocumentClient } = require('aws-sdk/clients/dynamodb');\nconst { DynamoDB } = require('aws-sdk');\nconst db = new DocumentClient();",
      languageOptions: CJS,
      errors: [
        { messageId: 'noAwsSdkV2WithReplacement', data: { source: 'aws-sdk/clients/dynamodb', replacement: "@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb" }, line: 1 },
        { messageId: 'noAwsSdkV2WithReplacement', data: { source: 'aws-sdk', replacement: "@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb" }, line: 2 },
      ],
    },
    {
      name: 'an S3 client module in a file that mentions DocumentClient elsewhere: only the S3 package',
      code: "import S3 from 'aws-sdk/clients/s3';\nimport { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
      errors: [{ messageId: 'noAwsSdkV2WithReplacement', data: { source: 'aws-sdk/clients/s3', replacement: '@aws-sdk/client-s3' }, line: 1, column: 16 }],
    },
    {
      name: 'the same client named twice gives one replacement; names without a v3 client add none',
      code: "import { S3, S3 as Storage, Config } from 'aws-sdk';",
      errors: [{ messageId: 'noAwsSdkV2WithReplacement', data: { source: 'aws-sdk', replacement: '@aws-sdk/client-s3' }, line: 1 }],
    },
    {
      name: 'DocumentClient taken by name next to another client: lib-dynamodb first, then the client',
      code: "import { DocumentClient, SQS } from 'aws-sdk';",
      errors: [{ messageId: 'noAwsSdkV2WithReplacement', data: { source: 'aws-sdk', replacement: "@aws-sdk/lib-dynamodb', '@aws-sdk/client-sqs" }, line: 1, column: 37 }],
    },
    {
      name: 'a module path that only starts like a client: the generic hint',
      code: "import Util from 'aws-sdk/clients/s3/util';",
      errors: [{ messageId: 'noAwsSdkV2', line: 1 }],
    },
    {
      code: "const middy = require('@middy/core');\nconst { S3 } = require('aws-sdk');\nconst s3 = new S3();\nmodule.exports.handler = middy(async () => s3.listBuckets().promise());",
      languageOptions: CJS,
      errors: [{ messageId: 'noAwsSdkV2WithReplacement', line: 2 }],
    },
  ],
});

describe('v3Replacement', () => {
  it('maps the DocumentClient (any case) to lib-dynamodb, a checked client module to its package, others to nothing', () => {
    expect(v3Replacement('DocumentClient')).toBe('@aws-sdk/lib-dynamodb');
    expect(v3Replacement('documentclient')).toBe('@aws-sdk/lib-dynamodb');
    expect(v3Replacement('StepFunctions')).toBe('@aws-sdk/client-sfn');
    expect(v3Replacement('Pinpoint')).toBeUndefined();
  });
});
