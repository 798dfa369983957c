import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';
import { createRule } from '../src/rule-creator.js';
import {
  enclosingHandler,
  isFunctionNode,
  propertyName,
  staticString,
  unwrapTs,
  variableOf,
  walk,
  type FunctionNode,
  type HandlerInfo,
  runtimeParams,
} from '../src/handlers/index.js';

type MessageIds = 'sdkClientInHandler' | 'dbClientInHandler' | 'httpClientInHandler';
type Context = Readonly<TSESLint.RuleContext<MessageIds, []>>;

interface Creation {
  kind: 'sdk' | 'db';
  /** How the code creates it, for the message: `new S3Client()`, `mysql.createConnection()`. */
  label: string;
  /** Root identifier of the callee (`mongoose` in `mongoose.connect`). */
  root?: TSESTree.Identifier;
}

/** v2 (`aws-sdk`) classes that are not service clients. */
const V2_NON_CLIENTS = /(?:Credentials|CredentialProviderChain)$|^(?:Config|Endpoint|HttpRequest|HttpResponse|Request|Response|Service|Signers|MetadataService|Token)$/;
/** v3 client packages export commands, exceptions and errors as classes too. */
const V3_NON_CLIENTS = /(?:Command|Exception|Error|Fault)$/;

export default createRule<[], MessageIds>({
  name: 'no-client-in-handler',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require SDK clients and database connections to be created once at module scope, not on every Lambda invocation',
      recommended: 'warn',
      sources: [
        'https://docs.aws.amazon.com/lambda/latest/dg/best-practices.html',
        'https://github.com/aws/aws-sdk-js-v3/blob/main/supplemental-docs/AWS_LAMBDA.md',
        'https://docs.aws.amazon.com/lambda/latest/dg/services-rds.html',
      ],
    },
    messages: {
      sdkClientInHandler:
        "`{{client}}` runs on every invocation of handler '{{handler}}': each new client resolves credentials and opens TLS connections again.",
      dbClientInHandler:
        "`{{client}}` opens a database connection on every invocation of handler '{{handler}}': each pays TLS setup, and concurrency exhausts connections.",
      httpClientInHandler:
        "`{{client}}` creates an HTTP connection pool on every invocation of handler '{{handler}}': each call pays new TCP and TLS handshakes.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const derivedCache = new Map<FunctionNode, Set<string>>();
    let identifierCalls: TSESTree.CallExpression[] | undefined;
    let callableImports: Set<string> | undefined;

    function check(node: TSESTree.NewExpression | TSESTree.CallExpression): void {
      if (!mayCreateClient(node)) return;
      let enclosing: { handler: HandlerInfo; fn: FunctionNode } | undefined;
      try {
        enclosing = enclosingHandler(context, node);
      } catch {
        return;
      }
      if (!enclosing) return;
      const creation = classify(context, node);
      if (!creation) return;
      // `DynamoDBDocumentClient.from(new DynamoDBClient())`: report the outer creation only.
      const parent = node.parent;
      if (
        (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
        parent.arguments.includes(node as TSESTree.CallExpressionArgument) &&
        classify(context, parent)
      ) {
        return;
      }
      if (isCachedLazilyThroughCallbacks(context, node, creation.root?.name)) return;
      // Created in a helper (`prepare()`) that the handler calls only behind a guard: `if (!client) client = await prepare()`.
      if (enclosing.fn !== enclosing.handler.fn && helperCallsAreCached(enclosing.fn, 0)) return;
      // Per-tenant clients: credentials or settings that come from the event must be created per call.
      const derived = derivedNames(node, enclosing);
      if (node.arguments.some((argument) => mentionsAny(argument, derived))) return;
      context.report({
        node,
        messageId: creation.kind === 'sdk' ? 'sdkClientInHandler' : 'dbClientInHandler',
        data: { client: creation.label, handler: enclosing.handler.exportName },
      });
    }

    /** Names whose value comes from the event in the function around `node` (and the functions it sits in). */
    function derivedNames(node: TSESTree.Node, enclosing: { handler: HandlerInfo; fn: FunctionNode }): Set<string> {
      const result = new Set<string>();
      for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
        if (isFunctionNode(current)) for (const name of derivedIn(current, enclosing.handler)) result.add(name);
        if (current === enclosing.fn) break;
      }
      return result;
    }

    function derivedIn(fn: FunctionNode, handler: HandlerInfo): Set<string> {
      const cached = derivedCache.get(fn);
      if (cached) return cached;
      const names = new Set<string>();
      derivedCache.set(fn, names); // recursion guard: helpers that call each other
      // A callback sees what its outer function derived (`event.Records.map((r) => ...)`).
      const outer = enclosingFunction(fn);
      if (outer) for (const name of derivedIn(outer, handler)) names.add(name);
      if (fn === handler.fn) {
        const event = runtimeParams(fn)[0];
        if (event) collectPatternNames(event, names);
      } else {
        seedFromCallSites(fn, handler, names);
      }
      propagate(fn, names);
      return names;
    }

    /** A helper's parameter is event-derived when some call passes an event-derived value in its place. */
    function seedFromCallSites(fn: FunctionNode, handler: HandlerInfo, names: Set<string>): void {
      const name = functionName(fn);
      if (name === undefined) return;
      identifierCalls ??= collectIdentifierCalls(sourceCode.ast);
      for (const call of identifierCalls) {
        if ((call.callee as TSESTree.Identifier).name !== name) continue;
        const caller = enclosingFunction(call);
        if (!caller || caller === fn) continue;
        const callerNames = derivedIn(caller, handler);
        call.arguments.forEach((argument, index) => {
          const param = runtimeParams(fn)[index];
          if (param && mentionsAny(argument, callerNames)) collectPatternNames(param, names);
        });
      }
    }

    /** Every call of `fn` from inside a function stores or guards its result in long-lived state. */
    function helperCallsAreCached(fn: FunctionNode, depth: number): boolean {
      const name = functionName(fn);
      if (name === undefined || depth > 4) return false;
      identifierCalls ??= collectIdentifierCalls(sourceCode.ast);
      let perInvocationCalls = 0;
      for (const call of identifierCalls) {
        if ((call.callee as TSESTree.Identifier).name !== name) continue;
        const caller = enclosingFunction(call);
        if (!caller || caller === fn) continue; // module scope runs once; recursion adds nothing
        perInvocationCalls++;
        if (isCachedLazilyThroughCallbacks(context, call, undefined)) continue;
        if (helperCallsAreCached(caller, depth + 1)) continue;
        return false;
      }
      return perInvocationCalls > 0;
    }

    /** Cheap syntactic filter before scope analysis: most calls in a file are not client factories. */
    function mayCreateClient(node: TSESTree.NewExpression | TSESTree.CallExpression): boolean {
      if (node.type === AST_NODE_TYPES.NewExpression) return true;
      const callee = unwrapTs(node.callee);
      if (callee.type === AST_NODE_TYPES.CallExpression) return requireCallSource(callee) !== undefined;
      const chain = memberChain(callee);
      if (!chain) return false;
      if (chain.path.length > 0) return CLIENT_FACTORY_CALLS.has(chain.path[chain.path.length - 1]);
      if (CLIENT_FACTORY_CALLS.has(chain.root.name)) return true;
      // `knex(...)`, `postgres(...)`, `makePool(...)`: an import can have any local name.
      callableImports ??= callableClientImports(context);
      return callableImports.has(chain.root.name);
    }

    return {
      NewExpression: check,
      CallExpression: check,
    };
  },
});

/** Last names of calls that create clients (`mysql.createPool`, `DynamoDBDocumentClient.from`, `createClient`). */
const CLIENT_FACTORY_CALLS = new Set(['from', 'connect', 'createConnection', 'createPool', 'createPoolCluster', 'createClient', 'createCluster']);
/** Packages whose default export is itself the client factory. */
const CALLABLE_CLIENT_PACKAGES = new Set(['knex', 'postgres']);

/**
 * Local names bound to a callable client package (`import db from 'knex'`, local `require`) or to a
 * factory imported under another name (`import { createPool as makePool } from 'mysql2'`) anywhere in the file.
 */
function callableClientImports(context: Context): Set<string> {
  const names = new Set<string>();
  try {
    for (const variable of allVariables(context.sourceCode.scopeManager)) {
      const origin = variableOrigin(variable, variable.name);
      if (origin && (CALLABLE_CLIENT_PACKAGES.has(origin.source) || CLIENT_FACTORY_CALLS.has(origin.path.at(-1) ?? ''))) names.add(variable.name);
    }
  } catch {
    // scope analysis unavailable: knex/postgres calls are simply not recognised
  }
  return names;
}

function allVariables(scopeManager: TSESLint.Scope.ScopeManager | null): TSESLint.Scope.Variable[] {
  if (!scopeManager) return [];
  return scopeManager.scopes.flatMap((scope) => scope.variables);
}

/** What `node` creates, if it is an SDK client or a database client/pool/connection. */
function classify(context: Context, node: TSESTree.NewExpression | TSESTree.CallExpression): Creation | undefined {
  const callee = unwrapTs(node.callee);
  // require('knex')({ ... })
  if (node.type === AST_NODE_TYPES.CallExpression && callee.type === AST_NODE_TYPES.CallExpression) {
    const source = requireCallSource(callee);
    if (source === 'knex') return { kind: 'db', label: "require('knex')()" };
    return undefined;
  }
  const chain = memberChain(callee);
  if (!chain) return undefined;
  const origin = importOrigin(context, chain.root);
  const path = [...(origin?.path ?? []), ...chain.path];
  const last = path.at(-1) ?? chain.root.name;
  const source = origin?.source;
  const label = node.type === AST_NODE_TYPES.NewExpression ? `new ${calleeText(context, callee)}()` : `${calleeText(context, callee)}()`;
  const sdk = (): Creation => ({ kind: 'sdk', label, root: chain.root });
  const db = (): Creation => ({ kind: 'db', label, root: chain.root });

  if (node.type === AST_NODE_TYPES.NewExpression) {
    if (last === 'PrismaClient') return db(); // generated clients may live at a custom output path
    if (source === undefined) return undefined;
    if (source.startsWith('@aws-sdk/')) {
      if (/^[A-Z]\w*Client$/.test(last)) return sdk();
      if (source.startsWith('@aws-sdk/client-') && /^[A-Z]/.test(last) && !V3_NON_CLIENTS.test(last)) return sdk(); // aggregated `new S3()`
      return undefined;
    }
    if (source === 'aws-sdk' || source.startsWith('aws-sdk/')) {
      return /^[A-Z]/.test(last) && !V2_NON_CLIENTS.test(last) ? sdk() : undefined;
    }
    if (/^(?:pg|@neondatabase\/serverless)$/.test(source) && (last === 'Pool' || last === 'Client')) return db();
    if (source === 'pg-pool' && path.length === 0) return db();
    if (source === 'mongodb' && last === 'MongoClient') return db();
    if (source === 'ioredis' && (path.length === 0 || last === 'Redis' || last === 'Cluster')) return db();
    if (/^sequelize(?:-typescript)?$/.test(source) && last === 'Sequelize') return db();
    if (/^(?:@elastic\/elasticsearch|@opensearch-project\/opensearch)$/.test(source) && last === 'Client') return db();
    if (source === 'mssql' && last === 'ConnectionPool') return db();
    return undefined;
  }

  if (source === undefined) return undefined;
  if (source === '@aws-sdk/lib-dynamodb' && last === 'from' && /^DynamoDBDocument(?:Client)?$/.test(path.at(-2) ?? '')) return sdk();
  if (/^(?:mysql2?(?:\/promise)?|mariadb(?:\/callback)?)$/.test(source) && /^create(?:Connection|Pool|PoolCluster)$/.test(last)) return db();
  if (source === 'mongoose' && (last === 'connect' || last === 'createConnection')) return db();
  // `MongoClient.connect(uri)`; mongodb 3.x also exported it as the package's own `connect`.
  if (source === 'mongodb' && last === 'connect' && (path.length === 1 || path.at(-2) === 'MongoClient')) return db();
  if (/^(?:redis|@redis\/client)$/.test(source) && (last === 'createClient' || last === 'createCluster')) return db();
  if ((source === 'knex' || source === 'postgres') && (path.length === 0 || (path.length === 1 && /^(?:knex|Knex|default)$/.test(path[0])))) return db();
  return undefined;
}

interface Origin {
  source: string;
  /** Names taken from the module: [] for a default/namespace import, ['Pool'] for `{ Pool }`. */
  path: string[];
}

/** Module that `identifier` was imported or required from, following scopes (local `await import()` too). */
function importOrigin(context: Context, identifier: TSESTree.Identifier): Origin | undefined {
  try {
    const variable = variableOf(context.sourceCode, identifier);
    return variable ? variableOrigin(variable, identifier.name) : undefined;
  } catch {
    return undefined;
  }
}

function variableOrigin(variable: TSESLint.Scope.Variable, localName: string): Origin | undefined {
  const def = variable.defs[0];
  if (!def) return undefined;
  const node = def.node as TSESTree.Node;
  if (node.type === AST_NODE_TYPES.ImportSpecifier && node.parent?.type === AST_NODE_TYPES.ImportDeclaration) {
    const imported = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : String(node.imported.value);
    return { source: String(node.parent.source.value), path: imported === 'default' ? [] : [imported] };
  }
  if (
    (node.type === AST_NODE_TYPES.ImportDefaultSpecifier || node.type === AST_NODE_TYPES.ImportNamespaceSpecifier) &&
    node.parent?.type === AST_NODE_TYPES.ImportDeclaration
  ) {
    return { source: String(node.parent.source.value), path: [] };
  }
  if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration && node.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference) {
    const source = staticString(node.moduleReference.expression);
    return source === undefined ? undefined : { source, path: [] };
  }
  if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init) {
    // require('x'), require('x').A.B, await import('x')
    let init = unwrapTs(node.init);
    if (init.type === AST_NODE_TYPES.AwaitExpression) init = unwrapTs(init.argument);
    const prefix: string[] = [];
    while (init.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(init);
      if (name === undefined) return undefined;
      prefix.unshift(name);
      init = unwrapTs(init.object);
    }
    const source =
      init.type === AST_NODE_TYPES.CallExpression ? requireCallSource(init) : init.type === AST_NODE_TYPES.ImportExpression ? staticString(init.source) : undefined;
    if (source === undefined) return undefined;
    if (node.id.type === AST_NODE_TYPES.Identifier) return { source, path: stripDefault(prefix) };
    if (node.id.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of node.id.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
        if (value.type === AST_NODE_TYPES.Identifier && value.name === localName) {
          const key = property.key.type === AST_NODE_TYPES.Identifier && !property.computed ? property.key.name : staticString(property.key);
          return key === undefined ? undefined : { source, path: stripDefault([...prefix, key]) };
        }
      }
    }
  }
  return undefined;
}

function stripDefault(path: string[]): string[] {
  return path[0] === 'default' ? path.slice(1) : path;
}

function requireCallSource(call: TSESTree.CallExpression): string | undefined {
  const callee = unwrapTs(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'require') return undefined;
  return staticString(call.arguments[0]);
}

/** `a.b.c` -> root `a`, path ['b', 'c']; undefined for computed or call-based chains. */
function memberChain(node: TSESTree.Node): { root: TSESTree.Identifier; path: string[] } | undefined {
  const path: string[] = [];
  let current = unwrapTs(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(current);
    if (name === undefined) return undefined;
    path.unshift(name);
    current = unwrapTs(current.object);
  }
  return current.type === AST_NODE_TYPES.Identifier ? { root: current, path } : undefined;
}

function calleeText(context: Context, callee: TSESTree.Node): string {
  const text = context.sourceCode.getText(callee).replace(/\s+/g, '');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

// ---------------------------------------------------------------------------
// Lazy initialisation: the created client is kept in module-scope state and only created once.
// ---------------------------------------------------------------------------

const TRANSPARENT_PARENTS = new Set<string>([
  AST_NODE_TYPES.AwaitExpression,
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.ChainExpression,
  AST_NODE_TYPES.ConditionalExpression,
]);

function isCachedLazily(context: Context, node: TSESTree.Node, libraryRoot: string | undefined): boolean {
  // Climb through `.then(...)`, `await`, `a ?? new X()` to where the value ends up.
  let current: TSESTree.Node = node;
  let fallbackOf: TSESTree.Node | undefined;
  for (let parent = current.parent; parent; current = parent, parent = current.parent) {
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === current) continue;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === current) continue;
    if (TRANSPARENT_PARENTS.has(parent.type)) continue;
    if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === current && parent.operator !== '&&') {
      fallbackOf = parent.left;
      continue;
    }
    break;
  }
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === current) {
    const target = parent.left;
    if (!isLongLived(context, target)) return false;
    if (parent.operator === '??=' || parent.operator === '||=') return true;
    if (fallbackOf && sameText(context, fallbackOf, target)) return true;
    return isGuarded(context, parent, [textOf(context, target)]);
  }
  // cache.set(key, new S3Client(...)) guarded by cache.has/get
  if (
    parent?.type === AST_NODE_TYPES.CallExpression &&
    parent.arguments.includes(current as TSESTree.CallExpressionArgument) &&
    parent.callee.type === AST_NODE_TYPES.MemberExpression &&
    propertyName(parent.callee) === 'set' &&
    isLongLived(context, parent.callee.object)
  ) {
    return isGuarded(context, parent, [textOf(context, parent.callee.object)]);
  }
  // `if (!connected) { await mongoose.connect(uri); connected = true; }`, or a readyState check on the library itself.
  return isGuarded(context, node, libraryRoot ? [libraryRoot] : []);
}

/**
 * Like isCachedLazily, also when the node sits in a function written inline in a call (as a callback or an
 * IIFE) that is cached: `connection ??= await pRetry(() => mysql.createConnection(config))`, `new Promise(...)`.
 */
function isCachedLazilyThroughCallbacks(context: Context, node: TSESTree.Node, libraryRoot: string | undefined): boolean {
  let current: TSESTree.Node = node;
  while (!isCachedLazily(context, current, libraryRoot)) {
    const call = enclosingFunction(current)?.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression && call?.type !== AST_NODE_TYPES.NewExpression) return false;
    current = call;
  }
  return true;
}

/**
 * The node runs only when a check on module-scope state allows it: inside `if (<test>)`, `<test> ? :`,
 * `<test> ?? / ||`, or after an early `if (<test>) return`, where the test mentions one of `targets`,
 * or a long-lived flag that the guarded branch (for an early return, the function) sets:
 * `if (!ready) { client = new S3Client(); ready = true; }`.
 */
function isGuarded(context: Context, node: TSESTree.Node, targets: string[]): boolean {
  const matches = (test: TSESTree.Node, branch: TSESTree.Node | undefined): boolean => {
    const mentioned = mentionedTexts(context, test);
    if (targets.some((t) => mentioned.has(t))) return true;
    if (!branch) return false;
    // Flag pattern: the branch assigns a long-lived name that the test reads.
    let found = false;
    walk(branch, (n) => {
      if (found) return false;
      if (n.type === AST_NODE_TYPES.AssignmentExpression && isLongLived(context, n.left) && mentioned.has(textOf(context, n.left))) found = true;
      return undefined;
    });
    return found;
  };
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement && child !== current.test && matches(current.test, current.consequent)) return true;
    if (current.type === AST_NODE_TYPES.ConditionalExpression && child !== current.test && matches(current.test, child)) return true;
    if (current.type === AST_NODE_TYPES.LogicalExpression && child === current.right && matches(current.left, child)) return true;
    if (current.type === AST_NODE_TYPES.BlockStatement || current.type === AST_NODE_TYPES.Program) {
      // Early return: `if (client) return client;` before the creation.
      for (const statement of current.body) {
        if (statement === child) break;
        if (statement.type === AST_NODE_TYPES.IfStatement && exits(statement.consequent)) {
          if (matches(statement.test, enclosingFunction(node)?.body)) return true;
        }
      }
    }
    if (isFunctionNode(current)) return false;
  }
  return false;
}

function exits(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  return statement.type === AST_NODE_TYPES.BlockStatement && statement.body.some(exits);
}

/** Assigning to it keeps the value across invocations: a module-scope variable, `this.x`, or a member of one. */
function isLongLived(context: Context, target: TSESTree.Node): boolean {
  let root = unwrapTs(target);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrapTs(root.object);
  if (root.type === AST_NODE_TYPES.ThisExpression) return true; // instance of a module-scope handler class
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  try {
    const variable = variableOf(context.sourceCode, root);
    if (!variable) return true; // implicit global
    return variable.scope.type === 'module' || variable.scope.type === 'global';
  } catch {
    return false;
  }
}

/** Texts of the identifiers and member expressions in an expression: `!cache[region]` -> cache[region], cache, region. */
function mentionedTexts(context: Context, node: TSESTree.Node): Set<string> {
  const texts = new Set<string>();
  walk(node, (n) => {
    if (n.type === AST_NODE_TYPES.Identifier || n.type === AST_NODE_TYPES.MemberExpression || n.type === AST_NODE_TYPES.ThisExpression) {
      texts.add(textOf(context, n));
    }
    return undefined;
  });
  return texts;
}

function textOf(context: Context, node: TSESTree.Node): string {
  return context.sourceCode.getText(unwrapTs(node)).replace(/\s+/g, '').replace(/\?\./g, '.');
}

function sameText(context: Context, a: TSESTree.Node, b: TSESTree.Node): boolean {
  return textOf(context, a) === textOf(context, b);
}

// ---------------------------------------------------------------------------
// Event-derived values (per-tenant clients)
// ---------------------------------------------------------------------------

/** Adds names that get their value from names already in `names`, inside `fn`. */
function propagate(fn: FunctionNode, names: Set<string>): void {
  for (let round = 0; round < 6; round++) {
    const before = names.size;
    walk(fn.body, (node) => {
      if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init && mentionsAny(node.init, names)) {
        collectPatternNames(node.id, names);
      } else if (node.type === AST_NODE_TYPES.AssignmentExpression && mentionsAny(node.right, names)) {
        collectPatternNames(node.left, names);
      } else if (
        (node.type === AST_NODE_TYPES.ForOfStatement || node.type === AST_NODE_TYPES.ForInStatement) &&
        mentionsAny(node.right, names)
      ) {
        const left = node.left.type === AST_NODE_TYPES.VariableDeclaration ? node.left.declarations[0]?.id : node.left;
        if (left) collectPatternNames(left, names);
      } else if (node.type === AST_NODE_TYPES.CallExpression && mentionsAny(node.callee, names)) {
        // event.Records.map((record) => ...): the callback's parameters come from the event.
        for (const argument of node.arguments) {
          if (isFunctionNode(argument)) for (const param of argument.params) collectPatternNames(param, names);
        }
      }
      return undefined;
    });
    if (names.size === before) break;
  }
}

/** True when the expression reads one of `names` (property keys and non-computed member names are not reads). */
function mentionsAny(node: TSESTree.Node, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  let found = false;
  walk(node, (n, parent) => {
    if (found) return false;
    if (n.type === AST_NODE_TYPES.Identifier && names.has(n.name)) {
      const isPropertyName =
        (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === n && !parent.computed) ||
        (parent?.type === AST_NODE_TYPES.Property && parent.key === n && !parent.computed && !parent.shorthand);
      if (!isPropertyName) found = true;
    }
    return undefined;
  });
  return found;
}

function collectPatternNames(node: TSESTree.Node, names: Set<string>): void {
  walk(node, (n, parent) => {
    if (n.type === AST_NODE_TYPES.Identifier) {
      const isKey = parent?.type === AST_NODE_TYPES.Property && parent.key === n && !parent.shorthand;
      const isMemberProperty = parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === n && !parent.computed;
      if (!isKey && !isMemberProperty && n.name !== 'undefined') names.add(n.name);
      return undefined;
    }
    // Default values are not part of the binding pattern; type annotations are not names.
    if (n.type === AST_NODE_TYPES.AssignmentPattern) {
      collectPatternNames(n.left, names);
      return false;
    }
    if (n.type === AST_NODE_TYPES.TSTypeAnnotation) return false;
    return undefined;
  });
}

function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return current;
  return undefined;
}

function functionName(fn: FunctionNode): string | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id?.name;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  return undefined;
}

function collectIdentifierCalls(program: TSESTree.Program): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  walk(program, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier) calls.push(node);
    return undefined;
  });
  return calls;
}
