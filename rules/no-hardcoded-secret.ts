import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/types';
import { compilePatterns } from '../src/user-patterns.js';
import { createRule } from '../src/rule-creator.js';
import { isTestFile, keyName, propertyName, staticString, unwrapTs } from '../src/handlers/ast-utils.js';
import {
  classifyNamedSecret,
  createSecretNameClassifier,
  findAwsAccessKeyIds,
  findSecretAccessKeysInText,
  isAccessKeyIdName,
  isPlaceholder,
  isSecretAccessKeyName,
  looksLikeAwsAccessKeyId,
  looksLikeHardcodedSecretValue,
  looksLikeSecretAccessKey,
  maskSecret,
  pemPrivateKeyLabel,
} from '../src/secret-patterns.js';

type TestFiles = 'all' | 'aws-keys' | 'off';

type Options = [
  {
    /** Regular expressions (strings) for values to allow. */
    ignore?: string[];
    /** What to report in test files: everything, only AWS credentials (default), or nothing. */
    testFiles?: TestFiles;
  },
];

type MessageIds = 'awsAccessKeyId' | 'awsSecretAccessKey' | 'literalCredentials' | 'pemPrivateKey' | 'hardcodedSecret';

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-secret',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow AWS access keys, private keys, passwords, tokens and API keys written as literals in Lambda code',
      recommended: 'error',
      strict: 'error',
      strictOptions: [{ testFiles: 'all' }],
      sources: [
        'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html',
        'https://docs.aws.amazon.com/lambda/latest/dg/with-secrets-manager.html',
        'https://docs.aws.amazon.com/lambda/latest/operatorguide/function-design.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
      ],
    },
    messages: {
      awsAccessKeyId:
        `AWS access key ID '{{masked}}' is hardcoded: anyone with the code or the package can use it, and the execution role already provides credentials.`,
      awsSecretAccessKey:
        `AWS secret access key '{{masked}}' is hardcoded: anyone with the code or the package gets the IAM user's permissions.`,
      literalCredentials:
        `Literal AWS credentials ('{{masked}}') bypass the function's execution role and leak with the code and the package.`,
      pemPrivateKey:
        `A PEM private key ({{label}}) is hardcoded: anyone with the code or the package can read it, and rotating it takes a deploy.`,
      hardcodedSecret:
        `'{{name}}' holds a hardcoded secret ('{{masked}}'): it ships in the repository and package, all stages share it and rotating it takes a deploy.`,
    },
    schema: [
      {
        type: 'object',
        properties: {
          ignore: { type: 'array', items: { type: 'string' }, description: 'Regular expressions for values to allow.' },
          testFiles: {
            type: 'string',
            enum: ['all', 'aws-keys', 'off'],
            description: "What to report in test files: 'all', only AWS credentials ('aws-keys'), or nothing ('off').",
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ ignore: [], testFiles: 'aws-keys' }],
  create(context, [options]) {
    const inTest = isTestFile(context.filename);
    const testFiles: TestFiles = options.testFiles ?? 'aws-keys';
    if (inTest && testFiles === 'off') return {};
    // Test fixtures hold throwaway passwords, tokens and signing keys; AWS keys are live wherever they leak.
    const awsKeysOnly = inTest && testFiles === 'aws-keys';
    const ignore = compilePatterns(options.ignore ?? []);
    const reported = new Set<TSESTree.Node>();

    const report = (node: TSESTree.Node, messageId: MessageIds, data: Record<string, string>, value: string): void => {
      if (reported.has(node) || ignore.some((re) => re.test(value))) return;
      reported.add(node);
      context.report({ node, messageId, data });
    };

    /** Secrets recognisable by their shape, wherever the string is. */
    const checkText = (node: TSESTree.Node, text: string): void => {
      if (text.length < 20) return; // shorter than any access key ID
      const keyId = /A(?:KIA|SIA|BIA|CCA)/.test(text) ? findAwsAccessKeyIds(text)[0] : undefined;
      if (keyId !== undefined) {
        report(node, 'awsAccessKeyId', { masked: maskSecret(keyId) }, keyId);
        return;
      }
      const secretKey = /secret/i.test(text) ? findSecretAccessKeysInText(text)[0] : undefined;
      if (secretKey !== undefined) report(node, 'awsSecretAccessKey', { masked: maskSecret(secretKey) }, secretKey);
    };

    const checkPem = (node: TSESTree.Node, text: string): void => {
      if (awsKeysOnly || !text.includes('PRIVATE KEY')) return;
      const label = pemPrivateKeyLabel(text);
      if (label !== undefined) report(node, 'pemPrivateKey', { label }, text);
    };

    const kindOf = createSecretNameClassifier();

    /** A name bound to a value: variables, properties, assignments, defaults, class fields, enum members. */
    const checkNamed = (name: string | undefined, value: TSESTree.Node | null | undefined): void => {
      if (name === undefined || !value) return;
      const kind = kindOf(name);
      if (kind === null) return;
      for (const source of literalSources(value)) {
        if (reported.has(source.node)) continue;
        const found = classifyNamedSecret(name, kind, source.value, awsKeysOnly);
        if (found) report(source.node, found.messageId, found.messageId === 'hardcodedSecret' ? { name, masked: found.masked } : { masked: found.masked }, source.value);
      }
    };

    /** `{ accessKeyId: '...', secretAccessKey: '...' }` with both values literal. */
    const checkCredentialsObject = (node: TSESTree.ObjectExpression): void => {
      let keyId: { node: TSESTree.Node; value: string } | undefined;
      let secret: { node: TSESTree.Node; value: string } | undefined;
      for (const property of node.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const name = keyName(property);
        if (name === undefined || !/key/i.test(name)) continue;
        const value = staticString(unwrapTs(property.value));
        if (value === undefined) continue;
        if (isAccessKeyIdName(name)) keyId = { node: unwrapTs(property.value), value };
        else if (isSecretAccessKeyName(name)) secret = { node: unwrapTs(property.value), value };
      }
      if (!keyId || !secret) return;
      if (isPlaceholder(keyId.value, { minLength: 4 }) || isPlaceholder(secret.value)) return;
      const awsShaped = looksLikeAwsAccessKeyId(keyId.value) || looksLikeSecretAccessKey(secret.value);
      // Non-AWS shapes are real keys of S3-compatible stores in production code, mocks in tests.
      if (!awsShaped && (awsKeysOnly || !looksLikeHardcodedSecretValue(secret.value, 'secret'))) return;
      if (ignore.some((re) => re.test(keyId.value) || re.test(secret.value))) return;
      report(node, 'literalCredentials', { masked: maskSecret(keyId.value) }, keyId.value);
      reported.add(keyId.node);
      reported.add(secret.node);
    };

    return {
      ObjectExpression: checkCredentialsObject,
      Literal(node) {
        if (typeof node.value !== 'string') return;
        checkText(node, node.value);
        if (!isInConcatenation(node)) checkPem(node, node.value);
      },
      TemplateLiteral(node) {
        for (const quasi of node.quasis) checkText(node, quasi.value.cooked ?? quasi.value.raw);
        if (!isInConcatenation(node)) checkPem(node, node.quasis.map((q) => q.value.cooked ?? q.value.raw).join('\u0000'));
      },
      'BinaryExpression[operator="+"]'(node: TSESTree.BinaryExpression) {
        // A PEM key split over lines: '-----BEGIN ...-----\n' + 'MIIE...' + ...
        if (isInConcatenation(node)) return;
        const text = concatenatedText(node);
        if (text !== undefined) checkPem(node, text);
      },
      VariableDeclarator(node) {
        if (node.id.type === AST_NODE_TYPES.Identifier) checkNamed(node.id.name, node.init);
      },
      Property(node) {
        if (node.parent.type === AST_NODE_TYPES.ObjectExpression) checkNamed(keyName(node), node.value);
      },
      PropertyDefinition(node) {
        // `#apiKey = '...'` has a private name that keyName does not read.
        const name = node.key.type === AST_NODE_TYPES.PrivateIdentifier ? node.key.name : keyName(node);
        checkNamed(name, node.value);
      },
      AssignmentExpression(node) {
        if (node.operator !== '=' && node.operator !== '||=' && node.operator !== '??=') return;
        const left = node.left;
        if (left.type === AST_NODE_TYPES.Identifier) checkNamed(left.name, node.right);
        else if (left.type === AST_NODE_TYPES.MemberExpression) checkNamed(propertyName(left), node.right);
      },
      TSEnumMember(node) {
        const name = node.id.type === AST_NODE_TYPES.Identifier ? node.id.name : staticString(node.id);
        checkNamed(name, node.initializer);
      },
      AssignmentPattern(node) {
        // Default parameters and destructuring defaults: `function connect(password = '...')`.
        if (node.left.type === AST_NODE_TYPES.Identifier) checkNamed(node.left.name, node.right);
      },
    };
  },
});


function isInConcatenation(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.BinaryExpression && parent.operator === '+';
}

/**
 * The literal strings a bound value can be. Values read from `process.env` are not literals;
 * a literal fallback after one (`process.env.PASSWORD || 'hunter2...'`) still is, and is checked.
 */
function literalSources(node: TSESTree.Node, depth = 0): Array<{ node: TSESTree.Node; value: string }> {
  if (depth > 4) return [];
  const n = unwrapTs(node);
  const value = staticString(n);
  if (value !== undefined) return [{ node: n, value }];
  if (n.type === AST_NODE_TYPES.LogicalExpression) return [...literalSources(n.left, depth + 1), ...literalSources(n.right, depth + 1)];
  if (n.type === AST_NODE_TYPES.ConditionalExpression) {
    return [...literalSources(n.consequent, depth + 1), ...literalSources(n.alternate, depth + 1)];
  }
  return [];
}

/** Joined text of a `+` chain; unknown parts become a separator that breaks base64 runs. */
function concatenatedText(node: TSESTree.BinaryExpression): string | undefined {
  const parts: string[] = [];
  let hasString = false;
  const visit = (part: TSESTree.Node, depth: number): void => {
    const n = unwrapTs(part);
    if (n.type === AST_NODE_TYPES.BinaryExpression && n.operator === '+' && depth < 256) {
      visit(n.left, depth + 1);
      visit(n.right, depth + 1);
      return;
    }
    const value = staticString(n);
    if (value !== undefined) hasString = true;
    parts.push(value ?? '\u0000');
  };
  visit(node, 0);
  return hasString ? parts.join('') : undefined;
}
