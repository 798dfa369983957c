import { createRequire } from 'node:module';
import type { Node, ParseOptions, Parser as TreeSitterParser, Tree } from 'web-tree-sitter';

/**
 * Python source is parsed with tree-sitter's Python grammar compiled to WebAssembly: a maintained
 * parser that runs in Node without a Python install and never imports the analysed code.
 * Loaded on first use, like TypeScript and the HCL parser.
 */
let parserPromise: Promise<TreeSitterParser> | undefined;

export function loadPythonParser(): Promise<TreeSitterParser> {
  parserPromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const { Parser, Language } = (await import('web-tree-sitter')) as typeof import('web-tree-sitter');
    await Parser.init();
    const language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return parserPromise;
}

export interface PythonSyntaxError {
  /** 1-based line and column of the first error or missing node. */
  line: number;
  column: number;
}

export interface ParsedPython {
  tree: Tree;
  /** The first syntax error, when the file does not parse cleanly. */
  error?: PythonSyntaxError;
}

/**
 * Parses one module. The caller deletes the tree (`tree.delete()`) when done: WebAssembly memory is not garbage-collected.
 * `options.progressCallback` may cancel the parse (returning true): then it returns undefined.
 */
export function parsePython(parser: TreeSitterParser, text: string, options?: ParseOptions): ParsedPython | undefined {
  // A BOM is not Python syntax; strip it so columns on line 1 match what editors show.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const tree = parser.parse(source, null, options);
  if (!tree) {
    // A cancelled parse would otherwise resume on the next call.
    parser.reset();
    return undefined;
  }
  return tree.rootNode.hasError ? { tree, error: firstError(tree.rootNode) } : { tree };
}

function firstError(root: Node): PythonSyntaxError {
  const cursor = root.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      if (node.isError || node.isMissing) return { line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
      // Descend only into subtrees that contain an error.
      if (node.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return { line: root.startPosition.row + 1, column: 1 };
      }
    }
  } finally {
    cursor.delete();
  }
}
