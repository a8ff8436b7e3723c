import { parse, type ParserPlugin } from '@babel/parser';
import type { Expression, File, Node, Program } from '@babel/types';

/**
 * The JS/TS side of the checks: one Babel parse per file (pure JS, so it bundles into the Action),
 * error-tolerant, and shared by the checks that look at the same text one after the other.
 * Callers do a cheap text test first: most files never reach the parser.
 */

/** Larger texts are generated or minified bundles, not code a developer wrote: not parsed. */
export const MAX_PARSE_LENGTH = 1_000_000;

let last: { path: string; text: string; ast: File | undefined } | undefined;

/** The AST of `text` as the file `path` (the extension picks the plugins), or undefined when it cannot be parsed. */
export function parseScript(path: string, text: string): File | undefined {
  if (last && last.path === path && last.text === text) return last.ast;
  const ast = text.length > MAX_PARSE_LENGTH ? undefined : parseUncached(path, text);
  last = { path, text, ast };
  return ast;
}

function parseUncached(path: string, text: string): File | undefined {
  // `.ts` files cannot hold JSX, and `<T>value` casts only parse without the jsx plugin.
  const plugins: ParserPlugin[] = /\.[cm]?ts$/i.test(path) ? ['typescript', 'decorators-legacy'] : ['typescript', 'jsx', 'decorators-legacy'];
  for (const sourceType of ['module', 'script'] as const) {
    try {
      return parse(text, {
        sourceType,
        plugins,
        errorRecovery: true,
        allowReturnOutsideFunction: true,
        allowAwaitOutsideFunction: true,
        allowImportExportEverywhere: true,
        allowUndeclaredExports: true,
        allowSuperOutsideMethod: true,
        attachComment: false,
      });
    } catch {
      // Not even error recovery got through (e.g. `with` in module code): try as a script.
    }
  }
  return undefined;
}

const SKIP_KEYS = new Set(['loc', 'start', 'end', 'extra', 'range', 'leadingComments', 'trailingComments', 'innerComments', 'comments', 'tokens', 'errors']);

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * Visit every node under `root` depth-first in source order, with its parent. Returning false
 * from `visit` skips the node's children.
 */
export function walk(root: Node, visit: (node: Node, parent: Node | undefined) => void | false): void {
  const stack: [Node, Node | undefined][] = [[root, undefined]];
  while (stack.length > 0) {
    const [node, parent] = stack.pop()!;
    if (visit(node, parent) === false) continue;
    const children: Node[] = [];
    for (const key of Object.keys(node)) {
      if (SKIP_KEYS.has(key)) continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) children.push(item);
      } else if (isNode(value)) {
        children.push(value);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, node]);
  }
}

/** The directives of the module prologue (`'use client'`, `'use server'`, `'use strict'` …). */
export function directives(program: Program): string[] {
  return program.directives.map((d) => d.value.value);
}

/** Strip TypeScript wrappers and parentheses: `process.env.X!`, `key as string`, `(key)`. */
export function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case 'TSNonNullExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'ParenthesizedExpression':
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The value of a string literal, or of a template literal with `${…}` left as `${}`. */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type === 'StringLiteral') return n.value;
  if (n.type === 'TemplateLiteral') return n.quasis.map((q) => q.value.cooked ?? q.value.raw).join('${}');
  return undefined;
}

/**
 * A member chain as names: `process.env.KEY` → ['process', 'env', 'KEY'], `import.meta.env.X` →
 * ['import.meta', 'env', 'X'], `process.env['KEY']` → ['process', 'env', 'KEY']. Undefined when a
 * part is not a plain name (a call, a computed non-literal).
 */
export function memberChain(node: Node): string[] | undefined {
  const out: string[] = [];
  let current = unwrap(node);
  while (current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression') {
    const property = current.property;
    if (!current.computed && property.type === 'Identifier') out.push(property.name);
    else if (current.computed && property.type === 'StringLiteral') out.push(property.value);
    else return undefined;
    current = unwrap(current.object);
  }
  if (current.type === 'Identifier') out.push(current.name);
  else if (current.type === 'MetaProperty') out.push(`${current.meta.name}.${current.property.name}`);
  else if (current.type === 'ThisExpression') out.push('this');
  else return undefined;
  return out.reverse();
}

/** The name of an object property key: `a`, `'a'`, `["a"]`. */
export function propertyName(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'StringLiteral') return node.value;
  return undefined;
}

/** `env.KEY` read from `process.env` or `import.meta.env`: the variable name, else undefined. */
export function envRead(node: Node): string | undefined {
  if (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') return undefined;
  const chain = memberChain(node);
  if (!chain || chain.length !== 3 || chain[1] !== 'env') return undefined;
  return chain[0] === 'process' || chain[0] === 'import.meta' ? chain[2] : undefined;
}

/** Is `node` the object `process.env` or `import.meta.env` itself? */
export function isEnvObject(node: Node): boolean {
  const chain = memberChain(node);
  return !!chain && chain.length === 2 && chain[1] === 'env' && (chain[0] === 'process' || chain[0] === 'import.meta');
}

export interface Binding {
  /** The module specifier: `'stripe'`, `'@/lib/openai'`. */
  source: string;
  /** The exported name, `default`, or `*` for a namespace import. */
  imported: string;
}

/** Local names bound by `import` declarations and top-level `require()` calls. */
export function importBindings(ast: File): Map<string, Binding> {
  const bindings = new Map<string, Binding>();
  for (const statement of ast.program.body) {
    if (statement.type === 'ImportDeclaration') {
      const source = statement.source.value;
      for (const spec of statement.specifiers) {
        if (spec.type === 'ImportDefaultSpecifier') bindings.set(spec.local.name, { source, imported: 'default' });
        else if (spec.type === 'ImportNamespaceSpecifier') bindings.set(spec.local.name, { source, imported: '*' });
        else bindings.set(spec.local.name, { source, imported: propertyName(spec.imported) ?? spec.local.name });
      }
    } else if (statement.type === 'VariableDeclaration') {
      for (const declarator of statement.declarations) {
        const source = declarator.init ? requireSource(declarator.init) : undefined;
        if (!source) continue;
        if (declarator.id.type === 'Identifier') bindings.set(declarator.id.name, { source, imported: 'default' });
        else if (declarator.id.type === 'ObjectPattern') {
          for (const prop of declarator.id.properties) {
            if (prop.type === 'ObjectProperty' && prop.value.type === 'Identifier') {
              bindings.set(prop.value.name, { source, imported: propertyName(prop.key) ?? prop.value.name });
            }
          }
        }
      }
    }
  }
  return bindings;
}

/** `require('x')`, `require('x').default`, `await import('x')`: the specifier. */
function requireSource(init: Expression): string | undefined {
  let node = unwrap(init);
  if (node.type === 'AwaitExpression') node = unwrap(node.argument);
  if (node.type === 'MemberExpression') node = unwrap(node.object);
  if (node.type !== 'CallExpression') return undefined;
  const isRequire = node.callee.type === 'Identifier' && node.callee.name === 'require';
  if (!isRequire && node.callee.type !== 'Import') return undefined;
  return stringValue(node.arguments[0]);
}

/** Is the module specifier a package (`stripe`, `@clerk/nextjs`), not a relative file or a path alias (`./x`, `@/lib/x`, `~/x`)? */
export function isPackageSource(source: string): boolean {
  return !/^(?:\.|\/|@\/|~\/|#|\$)/.test(source);
}
