import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/types';
import { createRule } from '../src/rule-creator.js';
import { keyName, propertyName, unwrapTs } from '../src/handlers/index.js';

type MessageIds = 'missingSessionToken';

/**
 * Lambda sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN from the execution
 * role: temporary credentials, which AWS rejects without their session token
 * ("The security token included in the request is invalid").
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html
 * https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/setting-credentials-node.html
 * Checked 2026-12-06.
 */
export default createRule<[], MessageIds>({
  name: 'temporary-credentials',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow building SDK credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY without AWS_SESSION_TOKEN',
      recommended: 'error',
      sources: [
        'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html',
      ],
    },
    messages: {
      missingSessionToken:
        'Credentials built from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY without AWS_SESSION_TOKEN: Lambda gives temporary credentials, so every call with them is rejected.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      ObjectExpression(node) {
        let accessKey: TSESTree.Node | undefined;
        let secretKey: TSESTree.Node | undefined;
        for (const property of node.properties) {
          // A spread may carry the session token: unknown, not reported.
          if (property.type === AST_NODE_TYPES.SpreadElement) return;
          const name = keyName(property);
          if (name === 'sessionToken' || name === 'SessionToken') return;
          if (name === 'accessKeyId' || name === 'AccessKeyId') accessKey = property.value;
          if (name === 'secretAccessKey' || name === 'SecretAccessKey') secretKey = property.value;
        }
        if (accessKey && secretKey && readsEnv(accessKey, 'AWS_ACCESS_KEY_ID') && readsEnv(secretKey, 'AWS_SECRET_ACCESS_KEY')) {
          context.report({ node, messageId: 'missingSessionToken' });
        }
      },
      // SDK v2: `new AWS.Credentials(process.env.AWS_ACCESS_KEY_ID, process.env.AWS_SECRET_ACCESS_KEY)`.
      NewExpression(node) {
        const callee = unwrapTs(node.callee);
        const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : undefined;
        if (name !== 'Credentials' || node.arguments.length !== 2) return;
        const [key, secret] = node.arguments;
        if (readsEnv(key, 'AWS_ACCESS_KEY_ID') && readsEnv(secret, 'AWS_SECRET_ACCESS_KEY')) context.report({ node, messageId: 'missingSessionToken' });
      },
    };
  },
});

/** `process.env.NAME`, `process.env['NAME']`, with `!`, `as string` or a `?? ''` / `|| ''` fallback. */
function readsEnv(node: TSESTree.Node, name: string): boolean {
  let value = unwrapTs(node);
  if (value.type === AST_NODE_TYPES.LogicalExpression) value = unwrapTs(value.left);
  if (value.type !== AST_NODE_TYPES.MemberExpression || propertyName(value) !== name) return false;
  const object = unwrapTs(value.object);
  return object.type === AST_NODE_TYPES.MemberExpression && propertyName(object) === 'env';
}
