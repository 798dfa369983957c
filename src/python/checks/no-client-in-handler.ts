import type { Node } from 'web-tree-sitter';
import {
  callee,
  decoratorsOf,
  descendants,
  dottedName,
  enclosingFunction,
  functionBody,
  globalNames,
  importBindings,
  isFunction,
  isModuleScope,
  keywordArguments,
  moduleFunctions,
  namedChildren,
  parameterNames,
  positionalArguments,
  qualifiedName,
  stringValue,
  walk,
  type ImportBinding,
} from '../ast.js';
import { handlerScope, ownerOf, type HandlerScope } from './handler-scope.js';
import type { PythonCheck, PythonCheckContext } from './types.js';

type Kind = 'sdk' | 'db' | 'http';

/**
 * Calls that create an AWS SDK client or session, a database connection or pool, or an HTTP
 * connection pool, by qualified name. Async HTTP clients (`httpx.AsyncClient`, `aiohttp.ClientSession`)
 * are not listed: they are bound to the event loop, and a handler that runs `asyncio.run()` per
 * invocation cannot reuse them.
 */
const CREATIONS: Record<string, Kind> = {
  'boto3.client': 'sdk',
  'boto3.resource': 'sdk',
  'boto3.Session': 'sdk',
  'boto3.session.Session': 'sdk',
  'pymysql.connect': 'db',
  'pymysql.Connect': 'db',
  'pymysql.connections.Connection': 'db',
  'MySQLdb.connect': 'db',
  'mysql.connector.connect': 'db',
  'psycopg2.connect': 'db',
  'psycopg2.pool.SimpleConnectionPool': 'db',
  'psycopg2.pool.ThreadedConnectionPool': 'db',
  'psycopg.connect': 'db',
  'psycopg.Connection.connect': 'db',
  'psycopg_pool.ConnectionPool': 'db',
  'pg8000.connect': 'db',
  'pg8000.native.Connection': 'db',
  'redis.Redis': 'db',
  'redis.StrictRedis': 'db',
  'redis.from_url': 'db',
  'redis.Redis.from_url': 'db',
  'redis.ConnectionPool': 'db',
  'redis.RedisCluster': 'db',
  'redis.cluster.RedisCluster': 'db',
  'pymongo.MongoClient': 'db',
  'sqlalchemy.create_engine': 'db',
  'elasticsearch.Elasticsearch': 'db',
  'opensearchpy.OpenSearch': 'db',
  'oracledb.connect': 'db',
  'cx_Oracle.connect': 'db',
  'pyodbc.connect': 'db',
  'pymssql.connect': 'db',
  'snowflake.connector.connect': 'db',
  'requests.Session': 'http',
  'requests.session': 'http',
  'httpx.Client': 'http',
  'urllib3.PoolManager': 'http',
};

/** Arguments that carry per-call credentials (an assumed role's): such a client is meant to be created per call. */
const CREDENTIAL_KEYWORDS = new Set(['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'botocore_session']);
/** Decorators that make a helper return the same object on every call. */
const CACHING_DECORATORS = /(?:^|\.)(?:lru_cache|cache|cached|cached_property|memoize)$/;
const MAX_DEPTH = 4;

const MESSAGE_IDS: Record<Kind, string> = { sdk: 'sdkClientInHandler', db: 'dbClientInHandler', http: 'httpClientInHandler' };

export const noClientInHandler: PythonCheck = {
  run(context) {
    if (context.handlers.length === 0) return;
    const bindings = importBindings(context.root);
    if (![...bindings.values()].some((b) => Object.keys(CREATIONS).some((name) => name.startsWith(`${b.package}.`)))) return;
    const functions = moduleFunctions(context.root);
    const scope = handlerScope(context, functions);
    const analysis = new ClientAnalysis(context, bindings, functions, scope);
    for (const call of descendants(context.root, ['call'])) if (mayCreate(call)) analysis.check(call);
  },
};

class ClientAnalysis {
  private readonly derivedCache = new Map<number, Set<string>>();
  private readonly moduleNames: Set<string>;

  constructor(
    private readonly context: PythonCheckContext,
    private readonly bindings: Map<string, ImportBinding>,
    private readonly functions: Map<string, Node>,
    private readonly scope: HandlerScope,
  ) {
    this.moduleNames = moduleLevelNames(context.root);
  }

  check(call: Node): void {
    const kind = this.kindOf(call);
    if (!kind) return;
    const owner = ownerOf(call, this.scope);
    if (!owner) return;
    // `boto3.session.Session().client('s3')`, `Table(boto3.resource(...))`: report the outermost creation only.
    if (this.insideOtherCreation(call)) return;
    // `boto3.Session().region_name`, `.get_credentials()`: a session read once for a setting, no client made.
    if (kind === 'sdk' && isSettingRead(call)) return;
    if (keywordArguments(call).some((k) => CREDENTIAL_KEYWORDS.has(k.name))) return;
    if (this.storedInModuleState(call, owner.fn)) return;
    if (owner.fn.id !== owner.owner.fn.id && this.helperIsCached(owner.fn, 0)) return;
    const derived = this.derivedNames(owner.fn, 0);
    if (argumentsOf(call).some((argument) => mentions(argument, derived))) return;
    this.context.report({
      messageId: MESSAGE_IDS[kind],
      node: call,
      data: { client: label(call), handler: owner.owner.handler.name },
    });
  }

  private kindOf(call: Node): Kind | undefined {
    const target = callee(call);
    const name = qualifiedName(target, this.bindings);
    if (name !== undefined && CREATIONS[name]) return CREATIONS[name];
    // `boto3.session.Session().client(...)`, `session.client(...)` where `session = boto3.Session()`.
    if (target?.type === 'attribute' && ['client', 'resource'].includes(target.childForFieldName('attribute')?.text ?? '')) {
      const object = target.childForFieldName('object');
      if (object?.type === 'call' && this.kindOf(object) === 'sdk') return 'sdk';
    }
    return undefined;
  }

  private insideOtherCreation(call: Node): boolean {
    for (let current = call.parent; current && !isFunction(current); current = current.parent) {
      if (current.type === 'call' && this.kindOf(current)) return true;
      if (current.type.endsWith('statement')) return false;
    }
    return false;
  }

  /** `global _client; _client = boto3.client(...)`, `_clients[region] = ...`, `cache.s3 = ...`: created once, kept. */
  private storedInModuleState(call: Node, fn: Node): boolean {
    let parent = call.parent;
    // `x = x or boto3.client()`, `x = boto3.client() if ... else ...`, `(boto3.client())`
    while (parent && ['boolean_operator', 'conditional_expression', 'parenthesized_expression'].includes(parent.type)) parent = parent.parent;
    if (!parent || !['assignment', 'augmented_assignment', 'named_expression'].includes(parent.type)) return false;
    const left = parent.childForFieldName('left') ?? parent.childForFieldName('name');
    if (!left) return false;
    const globals = globalNames(fn);
    const locals = localNames(fn);
    if (left.type === 'identifier') return globals.has(left.text);
    if (left.type === 'subscript' || left.type === 'attribute') {
      let root: Node | null = left;
      while (root && (root.type === 'subscript' || root.type === 'attribute')) {
        root = root.childForFieldName(root.type === 'subscript' ? 'value' : 'object');
      }
      if (root?.type !== 'identifier') return false;
      return globals.has(root.text) || (this.moduleNames.has(root.text) && !locals.has(root.text));
    }
    return false;
  }

  /** A helper whose result is cached: `@lru_cache`, or every call from handler code stores it in module state. */
  private helperIsCached(fn: Node, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    if (decoratorsOf(fn).some((d) => CACHING_DECORATORS.test(dottedName(d.type === 'call' ? callee(d) : d) ?? ''))) return true;
    const name = fn.childForFieldName('name')?.text;
    if (name === undefined) return false;
    let calls = 0;
    for (const node of this.callsOf(name)) {
      const caller = enclosingFunction(node);
      if (!caller || caller.id === fn.id || !this.scope.has(caller.id)) continue;
      calls++;
      if (!this.storedInModuleState(node, caller) && !this.helperIsCached(caller, depth + 1)) return false;
    }
    return calls > 0;
  }

  /** Calls `name(...)` anywhere in the file. */
  private callsOf(name: string): Node[] {
    return descendants(this.context.root, ['call']).filter((call) => {
      const target = callee(call);
      return target?.type === 'identifier' && target.text === name;
    });
  }

  /** Names whose value comes from the event in `fn`: the handler's event parameter, helper parameters passed it, and what is assigned from them. */
  private derivedNames(fn: Node, depth: number): Set<string> {
    const cached = this.derivedCache.get(fn.id);
    if (cached) return cached;
    const names = new Set<string>();
    this.derivedCache.set(fn.id, names);
    const params = parameterNames(fn);
    const entry = this.scope.get(fn.id);
    if (entry && entry.owner.fn.id === fn.id) {
      if (params[0] !== undefined) names.add(params[0]);
    } else if (depth <= MAX_DEPTH) {
      this.seedFromCallSites(fn, params, names, depth);
    }
    propagate(fn, names);
    return names;
  }

  private seedFromCallSites(fn: Node, params: string[], names: Set<string>, depth: number): void {
    const name = fn.childForFieldName('name')?.text;
    if (name === undefined) return;
    for (const node of this.callsOf(name)) {
      const caller = enclosingFunction(node);
      if (!caller || caller.id === fn.id || caller.type !== 'function_definition') continue;
      const callerNames = this.derivedNames(caller, depth + 1);
      positionalArguments(node).forEach((argument, index) => {
        if (params[index] !== undefined && mentions(argument, callerNames)) names.add(params[index]);
      });
      for (const keyword of keywordArguments(node)) if (mentions(keyword.value, callerNames)) names.add(keyword.name);
    }
  }
}

/** Spreads event-derived names through assignments and loops, in source order, until nothing changes. */
function propagate(fn: Node, names: Set<string>): void {
  const body = functionBody(fn);
  if (!body || names.size === 0) return;
  for (let pass = 0; pass < 3; pass++) {
    const before = names.size;
    walk(body, (node) => {
      if (node.type === 'function_definition' || node.type === 'class_definition') return false;
      let targets: Node | null = null;
      let value: Node | null = null;
      if (node.type === 'assignment') {
        targets = node.childForFieldName('left');
        value = node.childForFieldName('right');
      } else if (node.type === 'for_statement' || node.type === 'for_in_clause') {
        targets = node.childForFieldName('left');
        value = node.childForFieldName('right');
      } else if (node.type === 'with_item') {
        const as = node.childForFieldName('value');
        if (as?.type === 'as_pattern') {
          value = namedChildren(as)[0] ?? null;
          targets = as.childForFieldName('alias');
        }
      }
      if (targets && value && mentions(value, names)) {
        walk(targets, (target) => {
          if (target.type === 'identifier') names.add(target.text);
          return target.type !== 'subscript' && target.type !== 'attribute';
        });
      }
      return undefined;
    });
    if (names.size === before) return;
  }
}

function mentions(node: Node, names: Set<string>): boolean {
  if (names.size === 0) return false;
  let found = false;
  walk(node, (current) => {
    if (found) return false;
    if (current.type === 'identifier' && names.has(current.text)) {
      // `x.attr` mentions x; the attribute name after the dot is not a variable.
      const parent = current.parent;
      if (!(parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === current.id)) found = true;
    }
    if (current.type === 'keyword_argument') {
      const value = current.childForFieldName('value');
      if (value && mentions(value, names)) found = true;
      return false;
    }
    return undefined;
  });
  return found;
}

function argumentsOf(call: Node): Node[] {
  const list = call.childForFieldName('arguments');
  const own = list ? namedChildren(list) : [];
  // `boto3.session.Session(region_name=r).client('s3')`: the session's arguments count too.
  const target = callee(call);
  const object = target?.type === 'attribute' ? target.childForFieldName('object') : null;
  return object?.type === 'call' ? [...own, ...argumentsOf(object)] : own;
}

/** Names assigned at module scope (module state a handler may cache into). */
function moduleLevelNames(root: Node): Set<string> {
  const names = new Set<string>();
  for (const node of descendants(root, ['assignment'])) {
    if (!isModuleScope(node)) continue;
    const left = node.childForFieldName('left');
    if (left) walk(left, (t) => (t.type === 'identifier' ? void names.add(t.text) : t.type !== 'subscript' && t.type !== 'attribute'));
  }
  return names;
}

/** Names a function assigns without declaring them global (its locals). */
function localNames(fn: Node): Set<string> {
  const names = new Set<string>(parameterNames(fn));
  const globals = globalNames(fn);
  const body = functionBody(fn);
  if (!body) return names;
  walk(body, (node) => {
    if (node.type === 'function_definition' || node.type === 'class_definition') return false;
    if (node.type === 'assignment' || node.type === 'for_statement') {
      const left = node.childForFieldName('left');
      if (left?.type === 'identifier' && !globals.has(left.text)) names.add(left.text);
    }
    return undefined;
  });
  return names;
}

/** Last names of the creation calls: a cheap filter before resolving names through imports. */
const CREATION_NAMES = new Set([...Object.keys(CREATIONS).map((name) => name.split('.').pop() ?? name), 'client', 'resource']);

function mayCreate(call: Node): boolean {
  const target = callee(call);
  if (target?.type === 'identifier') return CREATION_NAMES.has(target.text);
  return target?.type === 'attribute' && CREATION_NAMES.has(target.childForFieldName('attribute')?.text ?? '');
}

function isSettingRead(call: Node): boolean {
  const parent = call.parent;
  if (parent?.type !== 'attribute' || parent.childForFieldName('object')?.id !== call.id) return false;
  return ['region_name', 'get_credentials', 'profile_name', 'available_profiles', 'get_available_regions'].includes(parent.childForFieldName('attribute')?.text ?? '');
}

/** How the code creates the client, for the message: `boto3.client('s3')`, `pymysql.connect()`. */
function label(call: Node): string {
  const target = callee(call)?.text.replace(/\s+/g, '') ?? '?';
  const service = stringValue(positionalArguments(call)[0]);
  const text = service !== undefined && /^[\w-]{1,40}$/.test(service) ? `${target}('${service}')` : `${target}()`;
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
