import type { Node } from 'web-tree-sitter';
import { BOTO3_GLOBAL_SERVICES, GLOBAL_SERVICE_CLIENTS, RESOURCE_PROPERTIES, SAME_IN_EVERY_ACCOUNT } from '../../knowledge/aws-config-names.js';
import { compilePatterns } from '../../user-patterns.js';
import {
  isAwsRegion,
  isPlaceholder,
  classifyConfigPattern,
  classifyStaticConfigString,
} from '../../secret-patterns.js';
import {
  DYNAMIC,
  callee,
  descendants,
  importBindings,
  isDocstring,
  isModuleScope,
  keywordArguments,
  namedChildren,
  positionalArguments,
  qualifiedName,
  stringPattern,
  stringValue,
  type ImportBinding,
} from '../ast.js';
import { isEnvFallback, isPythonTestFile, literalSources, stringLiterals, type LiteralSource } from './literals.js';
import type { PythonCheck } from './types.js';

interface Options {
  ignore?: string[];
  checkRegion?: boolean;
  allowEnvFallback?: boolean;
}

const MAX_SHOWN = 80;
/** Infrastructure code (CDK apps, Pulumi, troposphere) is where literal names belong. */
const INFRA_PACKAGES = new Set(['aws_cdk', 'constructs', 'pulumi', 'pulumi_aws', 'troposphere', 'awacs', 'cdktf']);
/** boto3 resource factories that take one resource's name: `dynamodb.Table("orders")`. */
const RESOURCE_FACTORIES: Record<string, string> = { Table: 'Table', Bucket: 'Bucket' };

export const noHardcodedConfig: PythonCheck = {
  run(context) {
    if (isPythonTestFile(context.file)) return;
    const bindings = importBindings(context.root);
    if ([...bindings.values()].some((b) => INFRA_PACKAGES.has(b.package))) return;
    // Lambda@Edge cannot have environment variables: literals are its only configuration.
    if (/\[\s*["']cf["']\s*\]/.test(context.source) && /Records/.test(context.source)) return;

    const options = (context.options[0] ?? {}) as Options;
    const ignore = compilePatterns(options.ignore ?? []);
    const checkRegion = options.checkRegion !== false;
    const allowEnvFallback = options.allowEnvFallback !== false;
    const constants = moduleConstants(context.root);
    const reported = new Set<number>();

    const report = (node: Node, messageId: string, data: Record<string, string>, value: string): void => {
      if (reported.has(node.id) || ignore.some((re) => re.test(value))) return;
      reported.add(node.id);
      context.report({ messageId, node, data });
    };
    const resolve = (expression: Node): string | undefined => {
      if (expression.type !== 'identifier') return undefined;
      const value = constants.get(expression.text);
      return value ? stringValue(value) : undefined;
    };

    const checkStaticString = (node: Node, value: string): boolean => {
      const v = value.trim();
      const found = classifyStaticConfigString(v);
      if (!found) return false;
      if (found.messageId) report(node, found.messageId, found.region ? { value: shown(v), region: found.region } : { value: shown(v) }, v);
      return true;
    };

    const checkPattern = (node: Node, pattern: string): void => {
      if (!pattern.includes(DYNAMIC)) {
        checkStaticString(node, pattern);
        return;
      }
      const text = shown(node.text);
      const found = classifyConfigPattern(pattern.trim(), DYNAMIC);
      if (found) report(node, found.messageId, { value: text, ...found.data }, text);
    };

    const sources = (value: Node): LiteralSource[] => {
      const direct = literalSources(value, bindings, allowEnvFallback);
      if (direct.length > 0 || value.type !== 'identifier') return direct;
      // `TableName=TABLE` where `TABLE = "orders"` at module scope (the literal is reported where it is written).
      const constant = constants.get(value.text);
      return constant ? literalSources(constant, bindings, allowEnvFallback) : [];
    };

    const checkResourceValue = (property: string, value: Node): void => {
      for (const source of sources(value)) {
        const v = source.value.trim();
        if (checkStaticString(source.node, v)) continue;
        if (isPlaceholder(v, { minLength: 1 }) || SAME_IN_EVERY_ACCOUNT[property]?.includes(v)) continue;
        report(source.node, 'hardcodedResourceName', { property, value: shown(v) }, v);
      }
    };

    const checkRegionValue = (value: Node, allowed: string[] | undefined | null): void => {
      if (allowed === undefined) return;
      for (const source of sources(value)) {
        const v = source.value.trim();
        if (!isAwsRegion(v) || allowed?.includes(v)) continue;
        report(source.node, 'hardcodedRegion', { value: v }, v);
      }
    };

    // Literals and f-strings: ARNs, queue URLs, endpoints.
    stringLiterals(context.root, (node) => {
      // Cheap filter first: ARNs, queue URLs and endpoints all show one of these in their literal text.
      if (!/arn:|amazonaws\.com|\.on\.aws|\.api\.aws/.test(node.text)) return;
      if (isDocstring(node) || isDictKey(node) || isConcatenated(node)) return;
      if (allowEnvFallback && isEnvFallback(node, bindings)) return;
      const pattern = formatPattern(node, stringPattern(node, resolve));
      if (pattern !== undefined) checkPattern(node, pattern);
    });

    for (const node of descendants(context.root, ['binary_operator', 'call', 'pair'])) {
      if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '+' && !isConcatenated(node)) {
        const pattern = concatenationPattern(node, resolve);
        if (pattern !== undefined) checkPattern(node, pattern);
      } else if (node.type === 'call') {
        for (const keyword of keywordArguments(node)) {
          if (RESOURCE_PROPERTIES.has(keyword.name)) checkResourceValue(keyword.name, keyword.value);
          else if (checkRegion && keyword.name === 'region_name') checkRegionValue(keyword.value, allowedRegions(node, bindings));
        }
        const target = callee(node);
        const factory = target?.type === 'attribute' ? RESOURCE_FACTORIES[target.childForFieldName('attribute')?.text ?? ''] : undefined;
        const first = positionalArguments(node)[0];
        if (factory && first) checkResourceValue(factory, first);
      } else if (node.type === 'pair') {
        const key = stringValue(node.childForFieldName('key'));
        const value = node.childForFieldName('value');
        if (key !== undefined && value && RESOURCE_PROPERTIES.has(key)) checkResourceValue(key, value);
      }
    }
  },
};

function shown(value: string): string {
  return value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN - 3)}...` : value;
}

function isDictKey(node: Node): boolean {
  return node.parent?.type === 'pair' && node.parent.childForFieldName('key')?.id === node.id;
}

function isConcatenated(node: Node): boolean {
  const parent = node.parent;
  return parent?.type === 'binary_operator' && parent.childForFieldName('operator')?.text === '+';
}

/** `"arn:...:%s" % x` and `"arn:...:{}".format(x)`: placeholders are dynamic parts. */
function formatPattern(node: Node, pattern: string | undefined): string | undefined {
  if (pattern === undefined) return undefined;
  const parent = node.parent;
  if (parent?.type === 'binary_operator' && parent.childForFieldName('operator')?.text === '%' && parent.childForFieldName('left')?.id === node.id) {
    return pattern.replace(/%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdirfx]/g, DYNAMIC);
  }
  if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.text === 'format' && parent.parent?.type === 'call') {
    return pattern.replace(/\{[^{}]*\}/g, DYNAMIC);
  }
  return pattern;
}

/** `"arn:aws:sns:" + region + ":topic"` as a pattern; undefined when no part is known. */
function concatenationPattern(node: Node, resolve: (expression: Node) => string | undefined): string | undefined {
  const parts: string[] = [];
  let hasKnownPart = false;
  const visit = (part: Node, depth: number): void => {
    if (part.type === 'binary_operator' && part.childForFieldName('operator')?.text === '+' && depth < 64) {
      const left = part.childForFieldName('left');
      const right = part.childForFieldName('right');
      if (left) visit(left, depth + 1);
      if (right) visit(right, depth + 1);
      return;
    }
    if (part.type === 'parenthesized_expression' && namedChildren(part).length === 1) {
      visit(namedChildren(part)[0], depth + 1);
      return;
    }
    const pattern = stringPattern(part, resolve);
    if (pattern !== undefined) {
      hasKnownPart = true;
      parts.push(formatPattern(part, pattern) ?? pattern);
      return;
    }
    // A name bound to a literal counts as known text too (`BASE + queue` with `BASE = "arn:..."`).
    const value = resolve(part);
    if (value !== undefined) hasKnownPart = true;
    parts.push(value ?? DYNAMIC);
  };
  visit(node, 0);
  return hasKnownPart ? parts.join('') : undefined;
}

/** Module-level names assigned exactly once (constants by convention). */
function moduleConstants(root: Node): Map<string, Node> {
  const values = new Map<string, Node | null>();
  for (const node of descendants(root, ['assignment'])) {
    if (!isModuleScope(node)) continue;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (left?.type !== 'identifier' || !right) continue;
    values.set(left.text, values.has(left.text) ? null : right);
  }
  const constants = new Map<string, Node>();
  for (const [name, value] of values) if (value) constants.set(name, value);
  return constants;
}

/** Regions a `region_name` may hold: `undefined` for clients of global services (any), a list for us-east-1-only ones, `null` for none. */
function allowedRegions(call: Node, bindings: Map<string, ImportBinding>): string[] | undefined | null {
  const name = qualifiedName(callee(call), bindings);
  if (name !== 'boto3.client' && name !== 'boto3.resource' && !/\.(?:client|resource)$/.test(callee(call)?.text ?? '')) return null;
  const service = stringValue(positionalArguments(call)[0] ?? keywordArguments(call).find((k) => k.name === 'service_name')?.value);
  const key = service === undefined ? undefined : BOTO3_GLOBAL_SERVICES[service];
  return key === undefined ? null : GLOBAL_SERVICE_CLIENTS[key];
}
