import type { Node } from 'web-tree-sitter';
import { loadPythonParser, parsePython } from '../../src/python/parser.js';
import { functionDefinition, namedChildren } from '../../src/python/ast.js';
import type { PythonCheck, PythonHandler } from '../../src/python/checks/types.js';
import type { TriggerKind } from '../../src/model/trigger.js';

export interface PythonFinding {
  messageId: string;
  line: number;
  column: number;
  data?: Record<string, string | number>;
}

export interface PythonCase {
  /** Handlers named by the deploy config; default: `handler` or `lambda_handler`, whichever the code defines. */
  handlers?: Array<{ name: string; triggers?: TriggerKind[]; batchSize?: number; maxBatchSize?: number }>;
  /** Triggers of the default handler. */
  triggers?: TriggerKind[];
  /** Largest batch of the default handler (the pass computes it from the config, AWS defaults included). */
  maxBatchSize?: number;
  file?: string;
  options?: unknown[];
}

/** Parses a snippet, runs one Python check with the given handlers, and returns its findings (1-based line and column). */
export async function runPythonCheck(check: PythonCheck, code: string, setup: PythonCase = {}): Promise<PythonFinding[]> {
  const parser = await loadPythonParser();
  const parsed = parsePython(parser, code);
  if (!parsed) throw new Error('test snippet parse was cancelled');
  const { tree, error } = parsed;
  if (error) throw new Error(`test snippet does not parse: line ${error.line}`);
  try {
    const root = tree.rootNode;
    const specs = setup.handlers ?? defaultHandler(root, setup.triggers ?? [], setup.maxBatchSize);
    const handlers: PythonHandler[] = specs.map((spec) => {
      const node = moduleBinding(root, spec.name);
      if (!node) throw new Error(`handler ${spec.name} is not defined in the snippet`);
      return { name: spec.name, node, triggers: spec.triggers ?? [], functions: [spec.name], batchSize: spec.batchSize, maxBatchSize: spec.maxBatchSize, runtime: 'python3.12' };
    });
    const findings: PythonFinding[] = [];
    check.run({
      file: setup.file ?? 'src/app.py',
      source: code,
      root,
      handlers,
      options: setup.options ?? [],
      report: ({ messageId, node, data }) =>
        findings.push({ messageId, line: node.startPosition.row + 1, column: node.startPosition.column + 1, ...(data ? { data } : {}) }),
    });
    return findings.sort((a, b) => a.line - b.line || a.column - b.column);
  } finally {
    tree.delete();
  }
}

/** Just `{ messageId, line }` of each finding, for compact assertions. */
export async function pythonFindings(check: PythonCheck, code: string, setup: PythonCase = {}): Promise<Array<{ messageId: string; line: number }>> {
  return (await runPythonCheck(check, code, setup)).map(({ messageId, line }) => ({ messageId, line }));
}

function defaultHandler(root: Node, triggers: TriggerKind[], maxBatchSize?: number): Array<{ name: string; triggers: TriggerKind[]; batchSize?: number; maxBatchSize?: number }> {
  for (const name of ['handler', 'lambda_handler']) if (moduleBinding(root, name)) return [{ name, triggers, maxBatchSize }];
  return [];
}

/** The module-level def (decorated or not) or assignment that binds `name`. */
function moduleBinding(root: Node, name: string): Node | undefined {
  let found: Node | undefined;
  for (const statement of namedChildren(root)) {
    const fn = functionDefinition(statement);
    if (fn?.childForFieldName('name')?.text === name) found = statement;
    const assignment = statement.type === 'expression_statement' ? namedChildren(statement)[0] : undefined;
    if (assignment?.type === 'assignment' && assignment.childForFieldName('left')?.text === name) found = assignment;
  }
  return found;
}
