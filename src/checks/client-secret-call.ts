import type { File, Node } from '@babel/types';
import type { CheckHit, FileCheck, FileCheckContext } from './check.js';
import { directives, envRead, importBindings, memberChain, parseScript, propertyName, stringValue, unwrap, walk, type Binding } from './js.js';
import { jwtRole, publicPrefixOf } from './names.js';
import { basename, isScriptPath, segments } from './paths.js';

/**
 * Browser code calling an API that takes a secret key: whatever key it uses ships to every
 * visitor. Browser code is
 *
 * 1. a module whose prologue has the `'use client'` directive (Next.js App Router, React Server
 *    Components);
 * 2. a module that passes `dangerouslyAllowBrowser: true` (the OpenAI/Anthropic SDKs' own
 *    opt-in to running in a browser);
 * 3. in Vite / Create React App projects, a module under a `src/` folder that carries a browser
 *    marker and no server marker. A file check cannot see package.json, so the module speaks for
 *    itself:
 *    - browser markers: `import.meta.env` (Vite), a read of a public-prefixed variable
 *      (`process.env.REACT_APP_…`, `import.meta.env.VITE_…`), JSX, an import of react, react-dom,
 *      vue, svelte, solid-js or preact, `window`/`document`/`localStorage`;
 *    - server markers (the module is not judged): a `'use server'` directive; a server path
 *      (`server/`, `api/` under `pages/` or `app/`, `functions/`, `lib/server/`, `*.server.*`,
 *      SvelteKit `+server`/`+page.server`, `middleware.*`); anything under `src/app/` (Next.js
 *      App Router: server components unless `'use client'`); an import of `next`/`next/*`,
 *      `server-only`, Node built-ins, or a server framework (express, fastify, koa, hono); a read
 *      of a server-only `process.env.X` (in a Vite or CRA bundle it would be undefined, so such a
 *      module runs on a server).
 *
 * What is flagged in browser code: a string naming a secret API host (`api.openai.com`,
 * `api.stripe.com` …) in a module that sends an Authorization header or API key, and the
 * construction of a server SDK client (`new OpenAI(…)`, `new Stripe(secret)`, `new Resend(…)`,
 * `twilio(…)`, `new Anthropic(…)`, `createClerkClient(…)`, a Supabase client with the
 * service-role key). `loadStripe(pk_…)` from @stripe/stripe-js is the browser API and is fine.
 */

const HOSTS = [
  'api.openai.com',
  'api.stripe.com',
  'api.resend.com',
  'api.twilio.com',
  'api.anthropic.com',
  'api.clerk.com',
  'api.clerk.dev',
  'api.sendgrid.com',
  'api.mailgun.net',
  'api.postmarkapp.com',
  'api.replicate.com',
  'api.groq.com',
  'api.mistral.ai',
  'api.cohere.com',
  'api.cohere.ai',
  'api.elevenlabs.io',
];

interface Sdk {
  provider: string;
  /** Exported names that build a client, and how they are called. */
  constructors: Record<string, 'new' | 'call' | 'either'>;
}

const SDKS: Record<string, Sdk> = {
  openai: { provider: 'OpenAI', constructors: { default: 'new', OpenAI: 'new', AzureOpenAI: 'new' } },
  stripe: { provider: 'Stripe', constructors: { default: 'either', Stripe: 'either' } },
  resend: { provider: 'Resend', constructors: { Resend: 'new', default: 'new' } },
  twilio: { provider: 'Twilio', constructors: { default: 'call', Twilio: 'new' } },
  '@anthropic-ai/sdk': { provider: 'Anthropic', constructors: { default: 'new', Anthropic: 'new' } },
  '@clerk/backend': { provider: 'Clerk', constructors: { createClerkClient: 'call' } },
  '@clerk/nextjs/server': { provider: 'Clerk', constructors: { createClerkClient: 'call' } },
  '@clerk/express': { provider: 'Clerk', constructors: { createClerkClient: 'call' } },
  '@sendgrid/mail': { provider: 'SendGrid', constructors: { setApiKey: 'call' } },
  'groq-sdk': { provider: 'Groq', constructors: { default: 'new', Groq: 'new' } },
  '@mistralai/mistralai': { provider: 'Mistral', constructors: { Mistral: 'new' } },
  replicate: { provider: 'Replicate', constructors: { default: 'new' } },
};

/** Constructors recognised by name when the module does not import them (a global, a require we missed). */
const BARE_NAMES: Record<string, string> = { OpenAI: 'openai', Anthropic: '@anthropic-ai/sdk', Resend: 'resend', Stripe: 'stripe', Twilio: 'twilio', createClerkClient: '@clerk/backend' };

const BROWSER_IMPORTS = /^(?:react|react-dom|react-dom\/client|vue|svelte|solid-js|preact|preact\/hooks)$/;
const SERVER_IMPORTS = /^(?:next|next\/.*|server-only|express|fastify|koa|hono|@hono\/.*|@vercel\/node|firebase-admin(?:\/.*)?|node:.*|fs|fs\/promises|path|child_process|http|https|net|os|worker_threads)$/;

/** Text hints of the browser markers below (JSX is judged by extension: .jsx/.tsx). */
const BROWSER_HINT = /import\.meta|REACT_APP_|VITE_|['"](?:react|react-dom|react-dom\/client|vue|svelte|solid-js|preact)['"]|\b(?:window|document|localStorage|sessionStorage)\./;

const FIX = "move the call into a route handler (`app/api/…/route.ts`, or your server) that reads the key from a server-only env variable, and call that route from the browser; rotate any key that shipped";

export const clientSecretCall: FileCheck = {
  kind: 'file',
  id: 'client-secret-call',
  provider: 'Browser',
  title: 'Browser code calls a secret-key API',
  severity: 'high',
  fix: FIX,
  keywords: [...HOSTS, ...Object.keys(SDKS), 'supabase'],
  appliesTo(path) {
    return isScriptPath(path) && !isServerPath(path);
  },
  run(path, text, context) {
    if (!text.includes('use client') && !text.includes('dangerouslyAllowBrowser')) {
      // The src/ rule needs a browser marker: look for a hint of one before parsing anything.
      if (!segments(path).includes('src') || !(/\.[cm]?[jt]sx$/i.test(path) || BROWSER_HINT.test(text))) return [];
    }
    const ast = parseScript(path, text);
    if (!ast) return [];
    const where = browserReason(path, ast);
    if (!where) return [];
    return [...hostCalls(ast, text, where), ...sdkClients(ast, where, context)];
  },
};

function isServerPath(path: string): boolean {
  const parts = segments(path);
  const dirs = parts.slice(0, -1);
  const name = basename(path);
  if (/\.server\.|^\+server\.|^\+(?:page|layout)\.server\./.test(name) || /^middleware\.[cm]?[jt]s$/.test(name)) return true;
  if (/\.(?:test|spec)\.[^/]+$/.test(name)) return true;
  if (dirs.some((d) => d === 'server' || d === 'functions' || d === 'netlify' || d === 'supabase' || d === 'scripts' || d === '__tests__')) return true;
  return dirs.some((d, i) => d === 'api' && (dirs[i - 1] === 'pages' || dirs[i - 1] === 'app'));
}

/** Why this module runs in the browser, for the message; undefined when it is not (or may not be) browser code. */
function browserReason(path: string, ast: File): string | undefined {
  const prologue = directives(ast.program);
  if (prologue.includes('use server')) return undefined;
  if (prologue.includes('use client')) return "'use client' module";
  let optIn = false;
  let browserMarker: string | undefined;
  let serverMarker = false;
  for (const binding of importBindings(ast).values()) {
    if (SERVER_IMPORTS.test(binding.source)) serverMarker = true;
  }
  for (const statement of ast.program.body) {
    if (statement.type === 'ImportDeclaration' && BROWSER_IMPORTS.test(statement.source.value)) browserMarker ??= `imports ${statement.source.value}`;
  }
  walk(ast.program, (node) => {
    if (node.type === 'ObjectProperty' && propertyName(node.key) === 'dangerouslyAllowBrowser' && unwrap(node.value).type === 'BooleanLiteral') {
      if ((unwrap(node.value) as { value: boolean }).value) optIn = true;
    } else if (node.type === 'JSXElement' || node.type === 'JSXFragment') {
      browserMarker ??= 'renders JSX';
    } else if (node.type === 'MemberExpression') {
      const chain = memberChain(node);
      if (!chain || chain.length < 2) return;
      const [object, property, name] = chain;
      if (object === 'import.meta' && property === 'env') {
        browserMarker ??= 'uses import.meta.env'; // Vite (import.meta.url alone is plain Node ESM)
      } else if (object === 'process' && property === 'env' && chain.length === 3 && name !== 'NODE_ENV' && !publicPrefixOf(name!, ['REACT_APP_', 'NEXT_PUBLIC_', 'VITE_', 'EXPO_PUBLIC_', 'GATSBY_'])) {
        serverMarker = true;
      } else if (chain.length === 2 && (object === 'window' || object === 'document' || object === 'localStorage' || object === 'sessionStorage')) {
        browserMarker ??= `uses ${object}`;
      }
    }
  });
  if (optIn) return 'browser module (dangerouslyAllowBrowser: true)';
  const parts = segments(path);
  const src = parts.lastIndexOf('src');
  if (src < 0 || parts[src + 1] === 'app' || serverMarker || !browserMarker) return undefined;
  return `browser module (src/, ${browserMarker})`;
}

const AUTH = /authorization|x-api-key|xi-api-key|api[-_]?key|bearer\s|\bauth\s*:|\bbasic\s/i;

function hostCalls(ast: File, text: string, where: string): CheckHit[] {
  if (!AUTH.test(text)) return [];
  const hits: CheckHit[] = [];
  const seen = new Set<string>();
  walk(ast.program, (node) => {
    if (node.type !== 'StringLiteral' && node.type !== 'TemplateLiteral') return;
    const value = stringValue(node);
    if (!value) return;
    for (const host of HOSTS) {
      if (seen.has(host) || !mentionsHost(value, host)) continue;
      seen.add(host);
      hits.push({
        start: node.start!,
        end: node.end!,
        key: `host:${host}`,
        message: `${where} calls ${host} with an API key: the key ships to every visitor's browser`,
      });
    }
    return false;
  });
  return hits;
}

function mentionsHost(value: string, host: string): boolean {
  const at = value.indexOf(host);
  if (at < 0) return false;
  const before = value[at - 1];
  const after = value[at + host.length];
  return (before === undefined || before === '/' || before === '.' || before === ' ') && (after === undefined || after === '/' || after === ':' || after === '?' || after === ' ');
}

function sdkClients(ast: File, where: string, context: FileCheckContext): CheckHit[] {
  const bindings = importBindings(ast);
  const hits: CheckHit[] = [];
  const seen = new Set<string>();
  walk(ast.program, (node) => {
    if (node.type !== 'NewExpression' && node.type !== 'CallExpression') return;
    const how = node.type === 'NewExpression' ? 'new' : 'call';
    const callee = unwrap(node.callee);
    const found = resolveSdk(callee, bindings);
    let provider: string | undefined;
    let label: string | undefined;
    if (found) {
      const style = SDKS[found.source]!.constructors[found.imported];
      if (!style || (style !== 'either' && style !== how)) return;
      const firstArg = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
      if (found.source === 'stripe' && firstArg && isPublishableArg(firstArg, context)) return; // a publishable key: not a secret
      provider = SDKS[found.source]!.provider;
      label = `${how === 'new' ? 'new ' : ''}${calleeText(callee)}(…)`;
    } else if (how === 'call' && isSupabaseServiceClient(node.arguments, callee, bindings)) {
      provider = 'Supabase';
      label = 'createClient(…) with the service-role key';
    }
    if (!provider || !label || seen.has(provider)) return;
    seen.add(provider);
    hits.push({
      start: node.start!,
      end: callee.end!,
      key: `sdk:${provider}`,
      message: `${where} constructs a server-side ${provider} client (${label}): its secret key ships to every visitor's browser`,
      fix:
        provider === 'Stripe'
          ? "use loadStripe(process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY) from @stripe/stripe-js in the browser, and keep `new Stripe(secretKey)` in a route handler (`app/api/…/route.ts`) that the browser calls"
          : FIX,
    });
  });
  return hits;
}

/** The SDK export a callee refers to: `OpenAI` imported from 'openai', `twilio`, `sdk.Twilio` … */
function resolveSdk(callee: Node, bindings: Map<string, Binding>): { source: string; imported: string } | undefined {
  const chain = memberChain(callee);
  if (!chain || chain.length > 2) return undefined;
  const binding = bindings.get(chain[0]!);
  if (binding) {
    if (!SDKS[binding.source]) return undefined;
    if (chain.length === 1) return { source: binding.source, imported: binding.imported === '*' ? 'default' : binding.imported };
    return binding.imported === 'default' || binding.imported === '*' ? { source: binding.source, imported: chain[1]! } : undefined;
  }
  const bare = chain.length === 1 ? BARE_NAMES[chain[0]!] : undefined;
  return bare ? { source: bare, imported: chain[0]! } : undefined;
}

function calleeText(callee: Node): string {
  return memberChain(callee)?.join('.') ?? 'client';
}

function isPublishableArg(arg: Node, context: FileCheckContext): boolean {
  const literal = stringValue(arg);
  if (literal !== undefined) return literal.startsWith('pk_') || context.classify(literal).publicByDesign;
  const name = envRead(arg) ?? (arg.type === 'Identifier' ? arg.name : undefined);
  return !!name && /PUBLISHABLE|PUBLIC_KEY|^pk/i.test(name);
}

/** `createClient(url, key)` from @supabase/supabase-js with a service-role key (by its name, its JWT role, or `sb_secret_`). */
function isSupabaseServiceClient(args: readonly Node[], callee: Node, bindings: Map<string, Binding>): boolean {
  const chain = memberChain(callee);
  if (!chain || chain.length !== 1) return false;
  const binding = bindings.get(chain[0]!);
  if (!binding || binding.source !== '@supabase/supabase-js' || binding.imported !== 'createClient') return false;
  const key = args[1] ? unwrap(args[1]) : undefined;
  if (!key) return false;
  const literal = stringValue(key);
  if (literal !== undefined) return literal.startsWith('sb_secret_') || jwtRole(literal) === 'service_role';
  const name = envRead(key) ?? (key.type === 'Identifier' ? key.name : undefined);
  return !!name && /SERVICE_?ROLE|serviceRole|SECRET/i.test(name);
}
