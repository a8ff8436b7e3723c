import type { Node } from '@babel/types';
import type { CheckHit, FileCheck, FileCheckContext } from './check.js';
import { parseEnvFile } from './env-file.js';
import { envRead, isEnvObject, parseScript, propertyName, stringValue, unwrap, walk } from './js.js';
import { isInertValue, isSecretName, publicPrefixOf, valueKind } from './names.js';
import { basename, isEnvFile, isScriptPath } from './paths.js';

/**
 * A secret under a browser-exposed name: the framework inlines it into the client bundle, so
 * every visitor can read it. Looked for in three places:
 *
 * - env files (templates too: `NEXT_PUBLIC_STRIPE_SECRET_KEY=` in `.env.example` is the design
 *   flaw even without a value): a public-prefixed variable whose value is a secret by the rules,
 *   or whose name says it is one;
 * - `next.config.*`: every key of `env` (and `publicRuntimeConfig`) is inlined into the bundle
 *   whatever its prefix, so a secret there is exposed even without NEXT_PUBLIC_;
 * - code reading `process.env.NEXT_PUBLIC_…` / `import.meta.env.VITE_…` (or SvelteKit's
 *   `$env/static/public`) under a secret's name.
 *
 * Publishable keys (`pk_live_`, `sb_publishable_`, Supabase anon JWTs, Firebase web keys) are
 * public by design and never reported, whatever the variable is called.
 */

const FIX =
  'keep secrets in server-only variables (no NEXT_PUBLIC_/VITE_/… prefix) and use them only in server code (route handlers, server actions); rotate the key: it has shipped to browsers';

const NEXT_CONFIG = /^next\.config\.[cm]?[jt]s$/;

export const publicEnvSecret: FileCheck = {
  kind: 'file',
  id: 'public-env-secret',
  provider: 'Browser',
  title: 'Secret in a browser-exposed env variable',
  severity: 'critical',
  fix: FIX,
  // A public prefix in the text is the first sign; next.config's `env` block needs none.
  keywords: (context) => context.publicPrefixes,
  appliesTo(path) {
    return isEnvFile(path) || isScriptPath(path);
  },
  appliesWithoutKeywords(path) {
    return NEXT_CONFIG.test(basename(path));
  },
  run(path, text, context) {
    if (isEnvFile(path)) return fromEnvFile(text, context);
    if (NEXT_CONFIG.test(basename(path))) return text.includes('env') ? [...fromNextConfig(path, text, context), ...fromCode(path, text, context)] : [];
    return fromCode(path, text, context);
  },
};

function fromEnvFile(text: string, context: FileCheckContext): CheckHit[] {
  if (!context.publicPrefixes.some((prefix) => text.includes(prefix))) return [];
  const hits: CheckHit[] = [];
  for (const entry of parseEnvFile(text)) {
    const prefix = publicPrefixOf(entry.name, context.publicPrefixes);
    if (!prefix) continue;
    const kind = valueKind(entry.value, entry.name, context);
    if (kind === 'public') continue;
    if (kind === 'secret') {
      hits.push({
        start: entry.valueStart,
        end: entry.valueEnd,
        key: entry.name,
        secret: entry.value,
        message: `${entry.name} holds a secret key, and ${prefix} variables are inlined into the browser bundle: anyone can read it`,
      });
    } else if (isSecretName(entry.name) && !isInertValue(entry.value)) {
      hits.push({
        start: entry.nameStart,
        end: entry.nameEnd,
        key: entry.name,
        // Named like a secret: treat the value as one, so that it is masked wherever it is shown.
        ...(entry.value ? { secret: entry.value } : {}),
        message: `${entry.name} is named like a secret, and ${prefix} variables are inlined into the browser bundle: a secret set here ships to every visitor`,
      });
    }
  }
  return hits;
}

/** `env: { … }` and `publicRuntimeConfig: { … }` anywhere in next.config.*. */
function fromNextConfig(path: string, text: string, context: FileCheckContext): CheckHit[] {
  const ast = parseScript(path, text);
  if (!ast) return [];
  const hits: CheckHit[] = [];
  walk(ast.program, (node) => {
    if (node.type !== 'ObjectProperty') return;
    const block = propertyName(node.key);
    if (block !== 'env' && block !== 'publicRuntimeConfig') return;
    const value = unwrap(node.value);
    if (value.type !== 'ObjectExpression') return;
    for (const prop of value.properties) {
      if (prop.type !== 'ObjectProperty') continue;
      const name = propertyName(prop.key);
      if (!name) continue;
      const hit = configEntryHit(block, name, prop.key, unwrap(prop.value), context);
      if (hit) hits.push(hit);
    }
    return false;
  });
  return hits;
}

function configEntryHit(block: string, name: string, keyNode: Node, value: Node, context: FileCheckContext): CheckHit | undefined {
  const where = `next.config ${block}`;
  const literal = stringValue(value);
  if (literal !== undefined) {
    const kind = valueKind(literal, name, context);
    if (kind === 'public') return undefined;
    if (kind === 'secret') {
      return {
        start: value.start! + 1,
        end: value.end! - 1,
        key: `${block}.${name}`,
        secret: literal,
        message: `${where} sets ${name} to a secret key: everything under ${block} is inlined into the browser bundle`,
      };
    }
  }
  const source = envRead(value);
  const secretName = isSecretName(name) ? name : source && isSecretName(source) ? source : undefined;
  if (!secretName || (literal !== undefined && isInertValue(literal))) return undefined;
  return {
    start: keyNode.start!,
    end: keyNode.end!,
    key: `${block}.${name}`,
    ...(literal ? { secret: literal } : {}),
    message: `${where} exposes ${source && source !== name ? `${name} (from ${source})` : name}, named like a secret: everything under ${block} is inlined into the browser bundle`,
  };
}

/** Code reading a public-prefixed variable whose name says it is a secret. */
function fromCode(path: string, text: string, context: FileCheckContext): CheckHit[] {
  if (!text.includes('process.env') && !text.includes('import.meta.env') && !text.includes('$env/')) return [];
  if (!mentionsPublicSecretName(text, context.publicPrefixes)) return [];
  const ast = parseScript(path, text);
  if (!ast) return [];
  const hits: CheckHit[] = [];
  const seen = new Set<string>();
  const report = (name: string, node: Node, how: string) => {
    const prefix = publicPrefixOf(name, context.publicPrefixes);
    if (!prefix || !isSecretName(name) || seen.has(name)) return;
    seen.add(name);
    hits.push({
      start: node.start!,
      end: node.end!,
      key: name,
      message: `${how} ${name}, named like a secret: ${prefix} variables are inlined into the browser bundle, so its value ships to every visitor`,
    });
  };
  walk(ast.program, (node) => {
    if (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') {
      const name = envRead(node);
      if (name) report(name, node, 'the code reads');
    } else if (node.type === 'VariableDeclarator' && node.init && node.id.type === 'ObjectPattern' && isEnvObject(node.init)) {
      // const { NEXT_PUBLIC_X } = process.env
      for (const prop of node.id.properties) {
        const name = prop.type === 'ObjectProperty' ? propertyName(prop.key) : undefined;
        if (name && prop.type === 'ObjectProperty') report(name, prop.key, 'the code reads');
      }
    } else if (node.type === 'ImportDeclaration' && /^\$env\/(?:static|dynamic)\/public$/.test(node.source.value)) {
      // SvelteKit: import { PUBLIC_X } from '$env/static/public'
      for (const spec of node.specifiers) {
        if (spec.type === 'ImportSpecifier') {
          const name = propertyName(spec.imported);
          if (name) report(name, spec, `the code imports from ${node.source.value}`);
        }
      }
    }
  });
  return hits;
}

/** Cheap pre-check before parsing: some `<PREFIX>NAME` in the text has a secret's name. */
function mentionsPublicSecretName(text: string, prefixes: readonly string[]): boolean {
  for (const prefix of prefixes) {
    for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + prefix.length)) {
      const name = /^[A-Za-z0-9_]*/.exec(text.slice(at, at + 200))![0];
      if (isSecretName(name.slice(prefix.length))) return true;
    }
  }
  return false;
}
