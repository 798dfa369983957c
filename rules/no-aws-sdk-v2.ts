import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/types';
import { createRule } from '../src/rule-creator.js';
import { moduleLoadVisitors } from '../src/module-imports.js';

/**
 * v2 client module name (`aws-sdk/clients/<name>`, lower-cased class name) -> v3 package suffix.
 * Only names checked against the v3 package list are here; others get a generic hint.
 */
const V3_CLIENTS: Record<string, string> = {
  acm: 'acm', apigateway: 'api-gateway', apigatewaymanagementapi: 'apigatewaymanagementapi', appsync: 'appsync',
  athena: 'athena', cloudformation: 'cloudformation', cloudfront: 'cloudfront', cloudwatch: 'cloudwatch',
  cloudwatchevents: 'cloudwatch-events', cloudwatchlogs: 'cloudwatch-logs', codepipeline: 'codepipeline',
  cognitoidentity: 'cognito-identity', cognitoidentityserviceprovider: 'cognito-identity-provider',
  comprehend: 'comprehend', costexplorer: 'cost-explorer', dynamodb: 'dynamodb', dynamodbstreams: 'dynamodb-streams',
  ec2: 'ec2', ecs: 'ecs', elasticache: 'elasticache', eventbridge: 'eventbridge', firehose: 'firehose', glue: 'glue',
  iam: 'iam', iotdata: 'iot-data-plane', kinesis: 'kinesis', kms: 'kms', lambda: 'lambda', polly: 'polly',
  rekognition: 'rekognition', route53: 'route-53', s3: 's3', secretsmanager: 'secrets-manager', ses: 'ses', sesv2: 'sesv2',
  sns: 'sns', sqs: 'sqs', ssm: 'ssm', stepfunctions: 'sfn', sts: 'sts', textract: 'textract', translate: 'translate', xray: 'xray',
};

/** `dynamodb` (of `aws-sdk/clients/dynamodb`, `.js` already cut) -> `@aws-sdk/client-dynamodb`; `DocumentClient` -> `@aws-sdk/lib-dynamodb`. */
export function v3Replacement(clientName: string): string | undefined {
  const name = clientName.toLowerCase();
  if (name === 'documentclient') return '@aws-sdk/lib-dynamodb';
  const suffix = V3_CLIENTS[name];
  return suffix ? `@aws-sdk/client-${suffix}` : undefined;
}

/** Replacements for the module path itself or for the names taken from it (`import { S3 } from 'aws-sdk'`). */
function replacementsFor(source: string, importedNames: string[]): string[] {
  const client = /^aws-sdk\/clients\/([A-Za-z0-9]+)(?:\.js)?$/.exec(source);
  if (client) return [v3Replacement(client[1])].filter((r): r is string => r !== undefined);
  if (/^aws-sdk\/lib\/dynamodb\/document_client/.test(source)) return ['@aws-sdk/lib-dynamodb'];
  const found = importedNames.map(v3Replacement).filter((r): r is string => r !== undefined);
  return [...new Set(found)];
}

/** Names taken from the module by `import { A, B }` or `const { A, B } = require()`. */
function importedNames(node: TSESTree.Node): string[] {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.ImportDeclaration) {
    return parent.specifiers.flatMap((s) =>
      s.type === AST_NODE_TYPES.ImportSpecifier && s.imported.type === AST_NODE_TYPES.Identifier ? [s.imported.name] : [],
    );
  }
  const call = parent?.type === AST_NODE_TYPES.CallExpression ? parent : undefined;
  const declarator = call?.parent?.type === AST_NODE_TYPES.VariableDeclarator ? call.parent : undefined;
  if (declarator?.id.type === AST_NODE_TYPES.ObjectPattern) {
    return declarator.id.properties.flatMap((p) =>
      p.type === AST_NODE_TYPES.Property && p.key.type === AST_NODE_TYPES.Identifier ? [p.key.name] : [],
    );
  }
  return [];
}

export default createRule({
  name: 'no-aws-sdk-v2',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow the AWS SDK for JavaScript v2 (`aws-sdk`), which is end-of-support and missing from nodejs18.x and later runtimes',
      recommended: 'error',
      sources: [
        'https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html',
        'https://aws.amazon.com/blogs/developer/announcing-end-of-support-for-aws-sdk-for-javascript-v2/',
      ],
    },
    messages: {
      noAwsSdkV2WithReplacement:
        "'{{source}}' is AWS SDK v2, unsupported and absent from nodejs18.x+ runtimes: init fails unless you ship its 9.5 MB; use '{{replacement}}'.",
      noAwsSdkV2:
        "'{{source}}' is AWS SDK v2, unsupported and absent from nodejs18.x+ runtimes: init fails unless you ship its 9.5 MB; use the v3 clients.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return moduleLoadVisitors((load) => {
      if (load.typeOnly) return;
      if (load.source !== 'aws-sdk' && !load.source.startsWith('aws-sdk/')) return;
      const replacements = replacementsFor(load.source, importedNames(load.node));
      // `new AWS.DynamoDB.DocumentClient()`: v3's document client is @aws-sdk/lib-dynamodb, not a client package.
      const documentClient = /\bDocumentClient\b/.test(context.sourceCode.text) && (replacements.length === 0 || replacements.includes('@aws-sdk/client-dynamodb'));
      if (documentClient && !replacements.includes('@aws-sdk/lib-dynamodb')) replacements.push('@aws-sdk/lib-dynamodb');
      context.report({
        node: load.node,
        messageId: replacements.length > 0 ? 'noAwsSdkV2WithReplacement' : 'noAwsSdkV2',
        data: { source: load.source, replacement: replacements.join("', '") },
      });
    });
  },
});
