import type { Node } from 'web-tree-sitter';
import { isBatchTrigger, type TriggerKind } from '../../model/trigger.js';
import { ITEM_IDENTIFIER } from '../../batch-records.js';
import { callee, catchesEverything, dottedName, isFunction, namedChildren, stringValue, walk } from '../ast.js';

/**
 * Python counterparts of src/batch-records.ts and src/catch-analysis.ts: loops over the records of
 * a batch event and what an except clause does with the error. Shared by `no-swallowed-error` and
 * `report-batch-item-failures`, so both agree on "per record" and "swallowed".
 */

export type SwallowKind = 'empty' | 'logs';

const LOGGER_SEGMENTS = /^(?:logger|log|logging|LOGGER|LOG|_logger|_log|log_|structlog|loguru|traceback)$/;
const LOG_FUNCTIONS = /^(?:print|log|log_error|log_exception|logError|print_exc|print_exception)$/;
/** Error-reporting SDKs: they record the error but do not fail the invocation. */
const REPORTER_FUNCTIONS = /^(?:capture_exception|capture_message|notice_error|record_exception)$/;
/** Calls that only build a message. */
const PURE_CALLS = /^(?:str|repr|format|len|type|int|float|json\.dumps|traceback\.format_exc|traceback\.format_exception)$/;

function isLogCall(node: Node): boolean {
  let expression = node;
  if (expression.type === 'await') expression = namedChildren(expression)[0] ?? expression;
  if (expression.type !== 'call') return false;
  const name = dottedName(callee(expression));
  if (name === undefined) return false;
  const parts = name.split('.');
  const last = parts[parts.length - 1];
  if (LOG_FUNCTIONS.test(name) || REPORTER_FUNCTIONS.test(last)) return true;
  return parts.length > 1 && parts.slice(0, -1).some((segment) => LOGGER_SEGMENTS.test(segment) || /logger$/i.test(segment));
}

/** Builds a value without doing work: literals, names, f-strings, `str(e)`, arithmetic. */
function isPure(node: Node): boolean {
  let pure = true;
  walk(node, (current) => {
    if (!pure) return false;
    if (current.type === 'call' && !PURE_CALLS.test(dottedName(callee(current)) ?? '') && !/\.(?:format|join|strip|lower|upper)$/.test(dottedName(callee(current)) ?? '')) {
      pure = false;
    }
    if (current.type === 'await' || current.type === 'named_expression' || current.type === 'yield') pure = false;
    return undefined;
  });
  return pure;
}

interface Scan {
  onlyLogs: boolean;
  logged: boolean;
}

function scanStatements(statements: Node[], scan: Scan): void {
  for (const statement of statements) {
    if (!scan.onlyLogs) return;
    switch (statement.type) {
      case 'pass_statement':
      case 'continue_statement':
      case 'break_statement':
        break;
      case 'return_statement': {
        // `return` / `return None` ends normally; a returned value goes to the caller, who may act on it.
        const value = namedChildren(statement)[0];
        if (value && value.type !== 'none') scan.onlyLogs = false;
        break;
      }
      case 'expression_statement': {
        const expression = namedChildren(statement)[0];
        if (!expression || expression.type === 'string') break; // a docstring-like note
        if (isLogCall(expression)) scan.logged = true;
        else if (expression.type === 'assignment') {
          const value = expression.childForFieldName('right');
          const target = expression.childForFieldName('left');
          if (target?.type !== 'identifier' || (value && !isPure(value))) scan.onlyLogs = false;
        } else scan.onlyLogs = false;
        break;
      }
      case 'if_statement': {
        const condition = statement.childForFieldName('condition');
        if (condition && !isPure(condition)) {
          scan.onlyLogs = false;
          break;
        }
        for (const part of namedChildren(statement)) {
          if (part.type === 'block') scanStatements(namedChildren(part), scan);
          else if (part.type === 'else_clause' || part.type === 'elif_clause') {
            const block = namedChildren(part).find((c) => c.type === 'block');
            if (block) scanStatements(namedChildren(block), scan);
          }
        }
        break;
      }
      default:
        scan.onlyLogs = false;
    }
  }
}

/**
 * 'empty' when a broad except clause does nothing, 'logs' when it only logs (or reports to an error
 * tracker) and lets execution continue; undefined otherwise (re-raises, returns a value, records the
 * failure, or catches specific exceptions, which is handling an expected case). A `pass` with a
 * comment is taken as deliberate, as in JavaScript.
 */
export function swallowKind(clause: Node): SwallowKind | undefined {
  if (!catchesEverything(clause)) return undefined;
  const block = namedChildren(clause).find((c) => c.type === 'block');
  if (!block) return undefined;
  const statements = namedChildren(block);
  if (block.namedChildren.some((c) => c?.type === 'comment') && statements.every((s) => s.type === 'pass_statement')) return undefined;
  const scan: Scan = { onlyLogs: true, logged: false };
  scanStatements(statements, scan);
  if (!scan.onlyLogs) return undefined;
  return scan.logged ? 'logs' : 'empty';
}

// ---------------------------------------------------------------------------
// Records loops

const MAX_DEPTH = 4;

/** `event["Records"]`, `event.get("Records", [])`, `event.records` (Powertools data classes), `records`, their slices and `enumerate()`. */
export function isRecordsExpression(node: Node | null, fn: Node, depth = 0): boolean {
  if (!node || depth > MAX_DEPTH) return false;
  switch (node.type) {
    case 'subscript': {
      const key = stringValue(node.childForFieldName('subscript'));
      if (key === 'Records') return true;
      // `event["Records"][1:]`
      return node.childForFieldName('subscript')?.type === 'slice' && isRecordsExpression(node.childForFieldName('value'), fn, depth + 1);
    }
    case 'attribute':
      return node.childForFieldName('attribute')?.text === 'records' || node.childForFieldName('attribute')?.text === 'Records';
    case 'call': {
      const name = dottedName(callee(node));
      const first = namedChildren(node.childForFieldName('arguments') ?? node)[0] ?? null;
      if (name?.endsWith('.get')) return stringValue(first) === 'Records';
      if (name === 'enumerate' || name === 'reversed' || name === 'list' || name === 'sorted') return isRecordsExpression(first, fn, depth + 1);
      return false;
    }
    case 'parenthesized_expression':
    case 'boolean_operator':
      return namedChildren(node).some((child) => isRecordsExpression(child, fn, depth + 1));
    case 'identifier':
      if (/^records$/i.test(node.text)) return true;
      return assignedValues(fn, node.text).some((value) => isRecordsExpression(value, fn, depth + 1));
    default:
      return false;
  }
}

function assignedValues(fn: Node, name: string): Node[] {
  const values: Node[] = [];
  walk(fn, (node) => {
    if (node.type === 'function_definition' && node.id !== fn.id) return false;
    if (node.type === 'assignment' && node.childForFieldName('left')?.text === name) {
      const right = node.childForFieldName('right');
      if (right) values.push(right);
    }
    return undefined;
  });
  return values;
}

/** The loop over the batch's records that runs `node` once per record (innermost), within `fn`. */
export function enclosingRecordsLoop(node: Node, fn: Node): Node | undefined {
  let child: Node = node;
  for (let current = node.parent; current && current.id !== fn.id; child = current, current = current.parent) {
    if (isFunction(current)) return undefined;
    if (current.type === 'for_statement' && current.childForFieldName('body')?.id === child.id && isRecordsExpression(current.childForFieldName('right'), fn)) {
      return current;
    }
  }
  return undefined;
}

export function batchTriggers(triggers: TriggerKind[]): TriggerKind[] {
  return triggers.filter(isBatchTrigger);
}

/** The identifier Lambda expects, written in Python: `record["messageId"]`. */
export function pythonIdentifierExample(triggers: TriggerKind[]): string {
  const examples = triggers.flatMap((t) => {
    const field = ITEM_IDENTIFIER[t]?.field;
    if (field === undefined) return [];
    return [t === 'sqs' ? `record["${field}"]` : t === 'kinesis' ? `record["kinesis"]["${field}"]` : `record["dynamodb"]["${field}"]`];
  });
  return examples.length > 0 ? [...new Set(examples)].join(' / ') : 'record["messageId"]';
}
