import type { Node } from 'web-tree-sitter';
import { callee, descendants, dictEntries, dottedName, envReadName, importBindings, isEnvRead, keywordArgument, keywordArguments, namedChildren, positionalArguments, singleAssignment, unwrapFallbacks, type ImportBinding } from '../ast.js';
import type { PythonCheck } from './types.js';

const ACCESS_KEY = 'AWS_ACCESS_KEY_ID';
const SECRET_KEY = 'AWS_SECRET_ACCESS_KEY';
/**
 * Keyword arguments of boto3 (`boto3.client`, `boto3.resource`, `boto3.Session`, `Session.client`)
 * and aws-requests-auth (`AWSRequestsAuth(aws_access_key=..., aws_secret_access_key=..., aws_token=...)`),
 * and the keys of STS-shaped dicts.
 */
const ACCESS_KEY_NAMES = new Set(['aws_access_key_id', 'aws_access_key', 'AccessKeyId']);
const SECRET_KEY_NAMES = new Set(['aws_secret_access_key', 'SecretAccessKey']);
const SESSION_TOKEN_NAMES = new Set(['aws_session_token', 'aws_token', 'SessionToken']);
/**
 * Signers and credential objects that take the key id and secret as their first two positional
 * arguments and the session token as a keyword: botocore's `Credentials(access_key, secret_key,
 * token=None)` and requests-aws4auth's `AWS4Auth(access_id, secret_key, region, service,
 * session_token=None)`, the usual signer for OpenSearch calls from Lambda.
 */
const POSITIONAL_SIGNERS: Record<string, string> = { Credentials: 'token', AWS4Auth: 'session_token' };
/** `KEY = os.environ[...]` then `aws_access_key_id=KEY`: how many assignments are followed. */
const MAX_ALIAS_DEPTH = 2;

/**
 * The Python visitor of `temporary-credentials`: a boto3 client, resource or session (or any call
 * with boto3's credential keywords, or a dict with them) given `AWS_ACCESS_KEY_ID` and
 * `AWS_SECRET_ACCESS_KEY` from the environment without a session token. As in JavaScript, a
 * `**kwargs` splat may carry the token: not reported.
 */
export const temporaryCredentials: PythonCheck = {
  run(context) {
    const bindings = importBindings(context.root);
    const readsEnv = (node: Node | undefined, name: string): boolean => node !== undefined && envName(node, bindings, context.root, 0) === name;
    for (const node of descendants(context.root, ['call', 'dictionary'])) {
      if (node.type === 'dictionary') {
        if (namedChildren(node).some((c) => c.type === 'dictionary_splat')) continue;
        const entries = dictEntries(node);
        if (entries.some((e) => SESSION_TOKEN_NAMES.has(e.key))) continue;
        const key = entries.find((e) => ACCESS_KEY_NAMES.has(e.key))?.value;
        const secret = entries.find((e) => SECRET_KEY_NAMES.has(e.key))?.value;
        if (readsEnv(key, ACCESS_KEY) && readsEnv(secret, SECRET_KEY)) context.report({ messageId: 'missingSessionToken', node });
        continue;
      }
      const list = node.childForFieldName('arguments');
      if (list?.type !== 'argument_list' || namedChildren(list).some((a) => a.type === 'dictionary_splat')) continue;
      const keywords = keywordArguments(node);
      if (keywords.some((k) => SESSION_TOKEN_NAMES.has(k.name))) continue;
      const key = keywords.find((k) => ACCESS_KEY_NAMES.has(k.name))?.value;
      const secret = keywords.find((k) => SECRET_KEY_NAMES.has(k.name))?.value;
      if (key || secret) {
        if (readsEnv(key, ACCESS_KEY) && readsEnv(secret, SECRET_KEY)) context.report({ messageId: 'missingSessionToken', node });
        continue;
      }
      const signer = dottedName(callee(node))?.split('.').pop();
      const tokenKeyword = signer !== undefined && Object.hasOwn(POSITIONAL_SIGNERS, signer) ? POSITIONAL_SIGNERS[signer] : undefined;
      if (tokenKeyword === undefined || keywordArgument(node, tokenKeyword)) continue;
      const [first, second] = positionalArguments(node);
      if (readsEnv(first, ACCESS_KEY) && readsEnv(second, SECRET_KEY)) context.report({ messageId: 'missingSessionToken', node });
    }
  },
};

/**
 * The env var an expression reads: `os.environ["X"]`, `os.environ.get("X")`, `os.getenv("X")`,
 * with an `or ""` fallback, or a name assigned once from one of these (in the function, else at
 * module level).
 */
function envName(node: Node, bindings: Map<string, ImportBinding>, root: Node, depth: number): string | undefined {
  const value = unwrapFallbacks(node);
  if (!value) return undefined;
  if (isEnvRead(value, bindings)) return envReadName(value);
  if (value.type !== 'identifier' || depth >= MAX_ALIAS_DEPTH) return undefined;
  const assigned = singleAssignment(value, root);
  return assigned ? envName(assigned, bindings, root, depth + 1) : undefined;
}
