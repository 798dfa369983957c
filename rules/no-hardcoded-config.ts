import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';
import { compilePatterns } from '../src/user-patterns.js';
import { createRule } from '../src/rule-creator.js';
import { calleeName, dottedName, isTestFile, keyName, propertyName, staticString, typeReferenceName, unwrapTs, variableOf, walk } from '../src/handlers/ast-utils.js';
import { isInfraCodeFile } from '../src/infra-code.js';
import {
  isAwsRegion,
  isPlaceholder,
  classifyConfigPattern,
  classifyStaticConfigString,
} from '../src/secret-patterns.js';
import { GLOBAL_SERVICE_CLIENTS, RESOURCE_PROPERTIES, SAME_IN_EVERY_ACCOUNT } from '../src/knowledge/aws-config-names.js';

type Options = [
  {
    /** Regular expressions (strings) for values to allow. */
    ignore?: string[];
    /** Report `region: 'us-east-1'` literals. */
    checkRegion?: boolean;
    /** Allow a literal fallback after an environment read: `process.env.TABLE ?? 'orders'`. */
    allowEnvFallback?: boolean;
  },
];

type MessageIds =
  | 'hardcodedArn'
  | 'hardcodedArnPart'
  | 'hardcodedQueueUrl'
  | 'hardcodedEndpoint'
  | 'hardcodedRegion'
  | 'hardcodedResourceName';

const MAX_SHOWN = 80;
const MAX_RESOLVE_DEPTH = 4;
/** Stands for an interpolated value in a string pattern; never appears in AWS names. */
const DYNAMIC = '\u0000';

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-config',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow hardcoded ARNs, queue URLs, AWS endpoints, regions and resource names in Lambda code',
      recommended: 'warn',
      strict: 'error',
      strictOptions: [{ allowEnvFallback: false }],
      sources: [
        'https://docs.aws.amazon.com/lambda/latest/dg/best-practices.html',
        'https://docs.aws.amazon.com/lambda/latest/operatorguide/function-design.html',
        'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html',
        'https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/setting-region.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html',
        'https://docs.aws.amazon.com/acm/latest/userguide/acm-regions.html',
        'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html',
      ],
    },
    messages: {
      hardcodedArn:
        "ARN '{{value}}' is hardcoded: deployed to another stage, account or region, the code still uses this one resource.",
      hardcodedArnPart:
        "This ARN is built with the hardcoded {{part}} '{{value}}': deployed to another account or region, the function still points at this one.",
      hardcodedQueueUrl:
        "SQS queue URL '{{value}}' is hardcoded: every stage, account and region sends to this one queue.",
      hardcodedEndpoint:
        "AWS endpoint '{{value}}' is hardcoded with region {{region}}: every stage and region calls this one deployment.",
      hardcodedRegion:
        "Region '{{value}}' is hardcoded: deployed in another region, the function still calls this one (cross-region latency or missing resources).",
      hardcodedResourceName:
        "'{{property}}' is the literal '{{value}}': every stage and account uses this one resource, so the code cannot be deployed twice unchanged.",
    },
    schema: [
      {
        type: 'object',
        properties: {
          ignore: { type: 'array', items: { type: 'string' }, description: 'Regular expressions for values to allow.' },
          checkRegion: { type: 'boolean', description: 'Report literal regions passed as `region`.' },
          allowEnvFallback: {
            type: 'boolean',
            description: 'Allow literal fallbacks after environment reads (`process.env.X ?? "x"`).',
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ ignore: [], checkRegion: true, allowEnvFallback: true }],
  create(context, [options]) {
    const filename = context.filename;
    // Tests and infrastructure code (CDK stacks, serverless.ts) are where literal names belong.
    if (isTestFile(filename) || isInfraCodeFile(context.sourceCode.ast, filename)) return {};

    const ignore = compilePatterns(options.ignore ?? []);
    const checkRegion = options.checkRegion !== false;
    const allowEnvFallback = options.allowEnvFallback !== false;
    const reported = new Set<TSESTree.Node>();
    const resolver = new StaticResolver(context, allowEnvFallback);

    // Lambda@Edge functions cannot have environment variables: literals are their only configuration.
    // Checked on the first finding only, and only when the text mentions CloudFront shapes.
    let lambdaEdge: boolean | undefined;
    const isEdge = (): boolean =>
      (lambdaEdge ??= /\.cf\b|CloudFront/.test(context.sourceCode.text) && isLambdaEdgeCode(context.sourceCode.ast));

    const report = (node: TSESTree.Node, messageId: MessageIds, data: Record<string, string>, value: string): void => {
      if (reported.has(node) || ignore.some((re) => re.test(value)) || isEdge()) return;
      reported.add(node);
      context.report({ node, messageId, data });
    };

    /** ARN, queue URL or endpoint in a fully known string; returns true when it reported or allowed it. */
    const checkStaticString = (node: TSESTree.Node, value: string): boolean => {
      const v = value.trim();
      const found = classifyStaticConfigString(v);
      if (!found) return false;
      if (found.messageId) report(node, found.messageId, found.region ? { value: shown(v), region: found.region } : { value: shown(v) }, v);
      return true;
    };

    /** A string built from literal and dynamic parts (template, concatenation). */
    const checkPattern = (node: TSESTree.Node, pattern: string): void => {
      if (!pattern.includes(DYNAMIC)) {
        checkStaticString(node, pattern);
        return;
      }
      const source = context.sourceCode.getText(node);
      // Templates are shown without their backticks: `https://${apiId}.execute-api...`.
      const text = node.type === AST_NODE_TYPES.TemplateLiteral ? source.slice(1, -1) : source;
      const found = classifyConfigPattern(pattern.trim(), DYNAMIC);
      if (found) report(node, found.messageId, { value: shown(text), ...found.data }, text);
    };

    const checkResourceValue = (property: string, value: TSESTree.Node): void => {
      for (const source of resolver.literalSources(value)) {
        const v = source.value.trim();
        if (checkStaticString(source.node, v)) continue;
        if (isPlaceholder(v, { minLength: 1 }) || SAME_IN_EVERY_ACCOUNT[property]?.includes(v)) continue;
        report(source.node, 'hardcodedResourceName', { property, value: shown(v) }, v);
      }
    };

    const checkRegionValue = (value: TSESTree.Node, allowed: string[] | undefined | null): void => {
      if (allowed === undefined) return; // global service: the literal region is required
      for (const source of resolver.literalSources(value)) {
        const v = source.value.trim();
        if (!isAwsRegion(v) || allowed?.includes(v)) continue;
        report(source.node, 'hardcodedRegion', { value: v }, v);
      }
    };

    return {
      Literal(node) {
        if (typeof node.value !== 'string' || !isValuePosition(node) || isInConcatenation(node)) return;
        if (allowEnvFallback && resolver.isEnvFallback(node)) return;
        checkStaticString(node, node.value);
      },
      TemplateLiteral(node) {
        if (isInConcatenation(node) || (allowEnvFallback && resolver.isEnvFallback(node))) return;
        checkPattern(node, resolver.templatePattern(node));
      },
      'BinaryExpression[operator="+"]'(node: TSESTree.BinaryExpression) {
        if (isInConcatenation(node)) return;
        const pattern = resolver.concatenationPattern(node);
        if (pattern !== undefined) checkPattern(node, pattern);
      },
      Property(node) {
        if (node.parent.type !== AST_NODE_TYPES.ObjectExpression) return;
        const name = keyName(node);
        if (name === undefined) return;
        if (RESOURCE_PROPERTIES.has(name)) checkResourceValue(name, node.value);
        else if (checkRegion && (name === 'region' || name === 'Region') && isClientConfigObject(node.parent)) {
          checkRegionValue(node.value, allowedRegions(node.parent));
        }
      },
      AssignmentExpression(node) {
        // `AWS.config.region = 'us-east-1'`
        if (!checkRegion || node.operator !== '=' || node.left.type !== AST_NODE_TYPES.MemberExpression) return;
        if (propertyName(node.left) === 'region') checkRegionValue(node.right, null);
      },
    };
  },
});

/** aws-lambda types of CloudFront (Lambda@Edge) handlers and events. */
const CLOUDFRONT_TYPE = /^CloudFront(?:Request|Response|Headers)?(?:Handler|Event|Request|Response|Result|EventRecord)$/;

/**
 * Lambda@Edge code: reads `event.Records[0].cf` or uses the aws-lambda CloudFront handler/event types.
 * Lambda@Edge does not support environment variables (CloudFront restrictions on Lambda@Edge), so nothing to move the values to.
 */
function isLambdaEdgeCode(program: TSESTree.Program): boolean {
  let found = false;
  walk(program, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.MemberExpression && propertyName(node) === 'cf') {
      const object = unwrapTs(node.object);
      if (object.type === AST_NODE_TYPES.MemberExpression && object.computed && propertyName(object) === undefined) {
        const records = unwrapTs(object.object);
        if (records.type === AST_NODE_TYPES.MemberExpression && propertyName(records) === 'Records') found = true;
      }
    } else if (node.type === AST_NODE_TYPES.TSTypeReference && CLOUDFRONT_TYPE.test(typeReferenceName(node) ?? '')) {
      found = true;
    }
    return !found;
  });
  return found;
}

/** The message shows long values shortened. */
function shown(value: string): string {
  return value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN - 3)}...` : value;
}


/** Literals that are values, not keys, module names or types. */
function isValuePosition(node: TSESTree.Literal): boolean {
  const parent = node.parent;
  if (!parent) return true;
  if (parent.type === AST_NODE_TYPES.Property && parent.key === node && !parent.computed) return false;
  if (parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition) {
    if (parent.key === node) return false;
  }
  // An enum member's name is a key; its initialiser is a value (`enum Topics { Orders = 'arn:...' }`).
  if (parent.type === AST_NODE_TYPES.TSEnumMember) return parent.initializer === node;
  return (
    parent.type !== AST_NODE_TYPES.ImportDeclaration &&
    parent.type !== AST_NODE_TYPES.ExportAllDeclaration &&
    parent.type !== AST_NODE_TYPES.ExportNamedDeclaration &&
    parent.type !== AST_NODE_TYPES.ImportExpression &&
    parent.type !== AST_NODE_TYPES.TSLiteralType &&
    parent.type !== AST_NODE_TYPES.TSExternalModuleReference
  );
}

/** Part of a `+` chain: the chain's top node is checked as a whole. */
function isInConcatenation(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.BinaryExpression && parent.operator === '+';
}

/** Keys that only SDK client configurations have, besides `region`. */
const CLIENT_CONFIG_KEYS = new Set([
  'credentials', 'endpoint', 'apiVersion', 'maxAttempts', 'maxRetries', 'retryMode', 'httpOptions', 'requestHandler',
  'signatureVersion', 'sslEnabled', 's3ForcePathStyle', 'forcePathStyle', 'useFipsEndpoint', 'useDualstackEndpoint',
  'customUserAgent', 'logger', 'accessKeyId', 'secretAccessKey', 'sessionToken', 'profile',
]);

/**
 * Objects that configure an SDK client: passed to `new X(...)`, to `AWS.config.update()`/`.from()`
 * or a `create...Client()` factory, holding another client-config key, or bound to a `...Config`/
 * `...Options` constant. `{ region: 'us-east-1' }` as plain data (a UI default, a response body) is not.
 */
function isClientConfigObject(object: TSESTree.ObjectExpression): boolean {
  const parent = object.parent;
  if (parent?.type === AST_NODE_TYPES.NewExpression) return true;
  if (parent?.type === AST_NODE_TYPES.CallExpression) {
    const name = calleeName(parent) ?? '';
    if (/^(?:update|configure|from)$|Client$|^create\w*Client/.test(name)) return true;
  }
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && CLIENT_CONFIG_KEYS.has(keyName(property) ?? '')) return true;
  }
  const declarator = parent?.type === AST_NODE_TYPES.VariableDeclarator ? parent : undefined;
  return declarator?.id.type === AST_NODE_TYPES.Identifier && /(?:config|configuration|options|opts|settings)$/i.test(declarator.id.name);
}

/**
 * Regions a `region` property may hold without a report: `undefined` for clients of global
 * services (any literal is fine), a list for us-east-1-only uses, `null` for no exception.
 */
function allowedRegions(object: TSESTree.ObjectExpression): string[] | undefined | null {
  const parent = object.parent;
  if (parent?.type !== AST_NODE_TYPES.NewExpression && parent?.type !== AST_NODE_TYPES.CallExpression) return null;
  const name = calleeName(parent);
  if (name === undefined) return null;
  const service = name.replace(/Client$/, '');
  return Object.prototype.hasOwnProperty.call(GLOBAL_SERVICE_CLIENTS, service) ? GLOBAL_SERVICE_CLIENTS[service] : null;
}

interface LiteralSource {
  node: TSESTree.Node;
  value: string;
}

/** Follows `const` bindings in this file to the literal strings an expression can evaluate to. */
class StaticResolver {
  constructor(
    private readonly context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
    private readonly allowEnvFallback: boolean,
  ) {}

  /** Literal strings the expression can be: through `const`, `a ? 'x' : 'y'`, `a || 'x'`, `obj.prop`. */
  literalSources(node: TSESTree.Node, depth = 0): LiteralSource[] {
    if (depth > MAX_RESOLVE_DEPTH) return [];
    const n = unwrapTs(node);
    const value = staticString(n);
    if (value !== undefined) return [{ node: n, value }];
    switch (n.type) {
      case AST_NODE_TYPES.ConditionalExpression:
        return [...this.literalSources(n.consequent, depth + 1), ...this.literalSources(n.alternate, depth + 1)];
      case AST_NODE_TYPES.LogicalExpression:
        if (n.operator === '&&') return this.literalSources(n.right, depth + 1);
        if (this.allowEnvFallback && this.isEnvDerived(n.left, depth + 1)) return [];
        return [...this.literalSources(n.left, depth + 1), ...this.literalSources(n.right, depth + 1)];
      case AST_NODE_TYPES.Identifier: {
        const resolved = this.constBinding(n);
        if (!resolved) return [];
        if (resolved.kind === 'init') return this.literalSources(resolved.node, depth + 1);
        // `const { TABLE = 'orders' } = process.env`: a fallback after an environment read.
        return this.allowEnvFallback ? [] : this.literalSources(resolved.node, depth + 1);
      }
      case AST_NODE_TYPES.MemberExpression: {
        const property = this.objectProperty(n);
        return property ? this.literalSources(property, depth + 1) : [];
      }
      default:
        return [];
    }
  }

  /** A template as a pattern: literal text, with `DYNAMIC` where the value is unknown. */
  templatePattern(node: TSESTree.TemplateLiteral): string {
    let pattern = '';
    node.quasis.forEach((quasi, index) => {
      pattern += quasi.value.cooked ?? quasi.value.raw;
      const expression = node.expressions[index];
      if (expression) pattern += this.staticValue(expression) ?? DYNAMIC;
    });
    return pattern;
  }

  /** `'arn:aws:sns:' + region + ':topic'` as a pattern; undefined when no part is known. */
  concatenationPattern(node: TSESTree.BinaryExpression): string | undefined {
    const parts: string[] = [];
    let hasKnownPart = false;
    const visit = (part: TSESTree.Node, depth: number): void => {
      const n = unwrapTs(part);
      if (n.type === AST_NODE_TYPES.BinaryExpression && n.operator === '+' && depth < 64) {
        visit(n.left, depth + 1);
        visit(n.right, depth + 1);
        return;
      }
      if (n.type === AST_NODE_TYPES.TemplateLiteral) {
        hasKnownPart = true;
        parts.push(this.templatePattern(n));
        return;
      }
      const value = this.staticValue(n);
      // A literal, or a `const` bound to one (`base + queueName` with `const base = 'arn:...'`).
      if (value !== undefined) hasKnownPart = true;
      parts.push(value ?? DYNAMIC);
    };
    visit(node, 0);
    return hasKnownPart ? parts.join('') : undefined;
  }

  /** The single value of a literal or a `const` bound to one (numbers too, for ARN account parts). */
  private staticValue(node: TSESTree.Node, depth = 0): string | undefined {
    if (depth > MAX_RESOLVE_DEPTH) return undefined;
    const n = unwrapTs(node);
    const value = staticString(n);
    if (value !== undefined) return value;
    if (n.type === AST_NODE_TYPES.Literal && typeof n.value === 'number') return String(n.value);
    if (n.type === AST_NODE_TYPES.Identifier) {
      const resolved = this.constBinding(n);
      return resolved?.kind === 'init' ? this.staticValue(resolved.node, depth + 1) : undefined;
    }
    return undefined;
  }

  /** Initializer of a `const` (or the default of a destructured one), found through scope analysis. */
  private constBinding(identifier: TSESTree.Identifier): { kind: 'init' | 'default'; node: TSESTree.Node } | undefined {
    let variable;
    try {
      variable = variableOf(this.context.sourceCode, identifier);
    } catch {
      return undefined;
    }
    if (!variable || variable.defs.length !== 1) return undefined;
    const def = variable.defs[0];
    const declarator = def.node;
    if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.parent.kind !== 'const' || !declarator.init) return undefined;
    if (declarator.id.type === AST_NODE_TYPES.Identifier) return { kind: 'init', node: declarator.init };
    const parent = def.name.parent;
    if (parent?.type === AST_NODE_TYPES.AssignmentPattern && parent.left === def.name && this.isEnvDerived(declarator.init, 0)) {
      return { kind: 'default', node: parent.right };
    }
    return undefined;
  }

  /** `obj.prop` where `const obj = { prop: ... }` in this file. */
  private objectProperty(member: TSESTree.MemberExpression): TSESTree.Node | undefined {
    const name = propertyName(member);
    const object = unwrapTs(member.object);
    if (name === undefined || object.type !== AST_NODE_TYPES.Identifier) return undefined;
    const resolved = this.constBinding(object);
    if (resolved?.kind !== 'init') return undefined;
    const init = unwrapTs(resolved.node);
    if (init.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
    for (const property of init.properties) {
      if (property.type === AST_NODE_TYPES.Property && keyName(property) === name) return property.value;
    }
    return undefined;
  }

  /** The literal after an environment read: `process.env.X ?? 'x'`, `const { X = 'x' } = process.env`. */
  isEnvFallback(node: TSESTree.Node): boolean {
    let current: TSESTree.Node = node;
    while (current.parent && isTsWrapper(current.parent)) current = current.parent;
    const parent = current.parent;
    if (parent?.type === AST_NODE_TYPES.LogicalExpression && parent.operator !== '&&' && parent.right === current) {
      return this.isEnvDerived(parent.left, 0);
    }
    if (parent?.type === AST_NODE_TYPES.AssignmentPattern && parent.right === current) {
      let pattern: TSESTree.Node | undefined = parent.parent;
      while (pattern && (pattern.type === AST_NODE_TYPES.Property || pattern.type === AST_NODE_TYPES.ObjectPattern)) {
        if (pattern.parent?.type === AST_NODE_TYPES.VariableDeclarator) return !!pattern.parent.init && this.isEnvDerived(pattern.parent.init, 0);
        pattern = pattern.parent;
      }
    }
    return false;
  }

  /** `process.env.X`, `process.env['X']`, `env.X` (`const { env } = process`), or a `const` holding one. */
  isEnvDerived(node: TSESTree.Node, depth: number): boolean {
    if (depth > MAX_RESOLVE_DEPTH) return false;
    const n = unwrapTs(node);
    if (n.type === AST_NODE_TYPES.MemberExpression) {
      const object = dottedName(n.object);
      if (object === 'process.env' || object === 'env') return true;
      return dottedName(n) === 'process.env';
    }
    if (n.type === AST_NODE_TYPES.LogicalExpression) return this.isEnvDerived(n.left, depth + 1) || this.isEnvDerived(n.right, depth + 1);
    if (n.type === AST_NODE_TYPES.Identifier) {
      const resolved = this.constBinding(n);
      return resolved?.kind === 'init' && this.isEnvDerived(resolved.node, depth + 1);
    }
    return false;
  }
}

function isTsWrapper(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.TSAsExpression ||
    node.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    node.type === AST_NODE_TYPES.TSNonNullExpression ||
    node.type === AST_NODE_TYPES.TSTypeAssertion
  );
}
