// The core-purity rule of DESIGN.md: outside src/runtime and src/cli, no real time, no
// randomness, no Node built-ins. Checked on the syntax tree (not with a regex), so comments
// and strings that mention these names are fine and aliases like `globalThis.Date` are caught.
import ts from 'typescript';

/** Global names the core must not touch. */
export const FORBIDDEN_GLOBALS = new Set([
  'Date',
  'performance',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearTimeout',
  'clearInterval',
  'queueMicrotask',
  'crypto',
  'Buffer',
  'process',
  'require',
]);

const NODE_BUILTINS = new Set([
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'http', 'http2', 'https',
  'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'string_decoder', 'timers', 'tls',
  'tty', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
]);

function isForbiddenModule(spec) {
  return spec.startsWith('node:') || NODE_BUILTINS.has(spec.split('/')[0]);
}

/** True when `id` is only a name in a declaration or a property access, not a reference to a global. */
function isNameOnly(id) {
  const p = id.parent;
  if (!p) return false;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return true;
  if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p) || ts.isMethodDeclaration(p) ||
    ts.isMethodSignature(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p) || ts.isEnumMember(p)) && p.name === id) return true;
  if ((ts.isImportSpecifier(p) || ts.isExportSpecifier(p)) && p.propertyName === id) return true;
  if (ts.isQualifiedName(p) && p.right === id) return true;
  return false;
}

/**
 * Lists the impurities of one source file as `{ line, what }`.
 * @param {string} text the file's source
 * @param {string} fileName for the parser (its extension picks TS or TSX)
 */
export function findImpurities(text, fileName = 'file.ts') {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const report = (node, what) => found.push({ line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, what });
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (isForbiddenModule(node.moduleSpecifier.text)) report(node, `import of '${node.moduleSpecifier.text}'`);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      report(node, 'dynamic import()');
    } else if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Math' && node.name.text === 'random') {
      report(node, 'Math.random');
    } else if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'globalThis' &&
      FORBIDDEN_GLOBALS.has(node.name.text)) {
      report(node, `globalThis.${node.name.text}`);
    } else if (ts.isIdentifier(node) && FORBIDDEN_GLOBALS.has(node.text) && !isNameOnly(node)) {
      report(node, node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}
