import type { CallExpression, File, Node } from '@babel/types';
import type { CheckHit, FileCheck } from './check.js';
import { importBindings, isPackageSource, memberChain, parseScript, propertyName, stringValue, unwrap, walk } from './js.js';
import { isScriptPath } from './paths.js';

/**
 * A webhook route handler that never checks the provider's signature: anyone who finds the URL
 * can POST a fake `checkout.session.completed` and get the order shipped for free.
 *
 * Route handlers: `app/**\/route.{ts,js}` exporting `POST`, and `pages/api/**` with a default
 * export. A webhook: a path segment saying webhook, a read of a signature header
 * (`stripe-signature`, `svix-*`, `webhook-signature`, `x-twilio-signature` …), or provider event
 * types (`checkout.session.completed`, `user.created`, `email.delivered` …).
 *
 * Verified when the module calls one of: `stripe.webhooks.constructEvent(Async)`, svix
 * `new Webhook(secret).verify(…)`, Clerk `verifyWebhook`, Resend `resend.webhooks.verify`, Twilio
 * `validateRequest(…)`, `crypto.timingSafeEqual` (a hand-rolled HMAC), `crypto.subtle.verify`, or
 * a helper whose name says it verifies a signature or webhook (`verifyStripeSignature(req)` from
 * a local module: judged by its name, as its body is in another file). A handler that is the
 * result of a package's factory (`export const POST = Webhooks({ … })`) delegates verification to
 * that package and is not judged.
 *
 * Also: a Stripe handler that parses the body as JSON before verifying (constructEvent needs the
 * exact raw bytes: `await req.text()`, and in `pages/api` `bodyParser: false`).
 */

const ROUTE_FILE = /(?:^|\/)app\/(?:.*\/)?route\.[cm]?[jt]sx?$/;
const PAGES_API = /(?:^|\/)pages\/api\/.+\.[cm]?[jt]sx?$/;

const SIGNATURE_HEADER =
  /^(?:stripe-signature|svix-(?:id|timestamp|signature)|webhook-(?:id|timestamp|signature)|x-twilio-signature|x-hub-signature(?:-256)?|x-(?:webhook-)?signature|resend-signature|x-clerk-signature)$/i;

/** Event types of the providers this tool knows, as they appear in `event.type === '…'` or `case '…':`. */
const EVENT_TYPE =
  /^(?:(?:checkout\.session|payment_intent|customer\.subscription|invoice|charge|payment_method|setup_intent|customer|account|payout|price|product|subscription_schedule)\.[a-z_.]+|(?:user|session|organization|organizationMembership|organizationInvitation|email|sms)\.(?:created|updated|deleted|ended|revoked|removed)|email\.(?:sent|delivered|delivery_delayed|bounced|complained|opened|clicked|failed))$/;

const PRECHECK = /webhook|signature|svix|checkout\.session\.|payment_intent\.|customer\.subscription\.|invoice\.|user\.created|email\.delivered/i;

/** Helpers named for what they do: verifyStripeSignature(req), validateWebhook(body), constructWebhookEvent(…). */
const VERIFIER_NAME = /^(?:verify|validate)\w*(?:signature|webhook|hmac|request|payload)|^(?:check|assert)\w*(?:signature|hmac)|^construct\w*Event$/i;

type Provider = 'Stripe' | 'Clerk' | 'Resend' | 'svix' | 'Twilio' | 'GitHub' | 'generic';

export const webhookUnverified: FileCheck = {
  kind: 'file',
  id: 'webhook-unverified',
  provider: 'Webhooks',
  title: 'Webhook route does not verify the signature',
  severity: 'high',
  fix: "verify the provider's signature before trusting the event: stripe.webhooks.constructEvent(await req.text(), req.headers.get('stripe-signature'), process.env.STRIPE_WEBHOOK_SECRET), Clerk verifyWebhook(req), svix new Webhook(secret).verify(payload, headers), twilio.validateRequest(…)",
  appliesTo(path) {
    return isScriptPath(path) && (ROUTE_FILE.test(path) || PAGES_API.test(path));
  },
  run(path, text) {
    if (!PRECHECK.test(path) && !PRECHECK.test(text)) return [];
    const pages = PAGES_API.test(path) && !ROUTE_FILE.test(path);
    const ast = parseScript(path, text);
    if (!ast) return [];
    const handler = findHandler(ast, pages);
    if (!handler) return [];
    const facts = collectFacts(ast);
    // Only the route's own segments count (not a parent folder such as `webhook-demos/app/…`).
    const route = routeOf(path, pages);
    if (!/webhook/i.test(route) && facts.headers.size === 0 && facts.events.size === 0) return [];

    const method = 'POST';
    const provider = providerOf(facts);
    const label = provider === 'generic' ? 'webhook' : provider === 'svix' ? 'svix-signed webhook' : `${provider} webhook`;
    const evidence = [...facts.headers][0] ? ` (reads the ${[...facts.headers][0]} header)` : [...facts.events][0] ? ` (handles ${[...facts.events][0]})` : '';

    if (!facts.verified) {
      const hmacOnly = facts.createsHmac;
      return [
        {
          start: handler.start,
          end: handler.end,
          key: `${route}#unverified`,
          message: hmacOnly
            ? `${method} ${route} computes an HMAC for the ${label} but never compares it with crypto.timingSafeEqual: a plain === comparison leaks the signature byte by byte`
            : `${method} ${route} receives a ${label}${evidence} but never verifies its signature: anyone can POST a forged event to it`,
          fix: hmacOnly ? 'compare the expected and received signatures with crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b)) (after checking the lengths match)' : fixFor(provider),
        },
      ];
    }

    const hits: CheckHit[] = [];
    const rawBody = facts.constructEvent ? rawBodyProblem(ast, facts.constructEvent, handler.requestName, pages) : undefined;
    if (rawBody) {
      hits.push({
        start: handler.start,
        end: handler.end,
        key: `${route}#raw-body`,
        message: `${method} ${route} ${rawBody}: stripe.webhooks.constructEvent needs the exact raw body, so real events fail verification`,
        fix: pages
          ? 'add `export const config = { api: { bodyParser: false } }` and pass the raw bytes (e.g. `await buffer(req)` from micro) to stripe.webhooks.constructEvent'
          : 'read the body once with `const body = await req.text()`, pass that string to stripe.webhooks.constructEvent, and use the returned event instead of req.json()',
      });
    }
    return hits;
  },
};

function fixFor(provider: Provider): string {
  switch (provider) {
    case 'Stripe':
      return "verify first: `const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!)`, and return 400 when it throws";
    case 'Clerk':
      return "verify first: `const evt = await verifyWebhook(req)` from '@clerk/nextjs/webhooks' (reads CLERK_WEBHOOK_SIGNING_SECRET), and return 400 when it throws";
    case 'Resend':
      return "verify first with `resend.webhooks.verify({ payload, headers, webhookSecret })` or svix `new Webhook(process.env.RESEND_WEBHOOK_SECRET).verify(payload, headers)` on the raw `await req.text()`";
    case 'svix':
      return "verify first: `new Webhook(process.env.WEBHOOK_SECRET).verify(await req.text(), { 'svix-id': …, 'svix-timestamp': …, 'svix-signature': … })` from svix";
    case 'Twilio':
      return "verify first: `twilio.validateRequest(process.env.TWILIO_AUTH_TOKEN, req.headers.get('x-twilio-signature'), url, params)`, and return 403 when it is false";
    case 'GitHub':
      return 'verify the x-hub-signature-256 HMAC (SHA-256 of the raw body with your webhook secret) with crypto.timingSafeEqual, or use @octokit/webhooks verify()';
    default:
      return "verify the provider's signature on the raw body (its SDK's verify helper, or an HMAC compared with crypto.timingSafeEqual) before trusting the event";
  }
}

interface Handler {
  start: number;
  end: number;
  /** The name of the handler's first parameter (the request), when it is a plain identifier. */
  requestName?: string;
}

/** The exported POST (App Router) or default export (pages/api), or undefined (none, re-exported, or a package's factory). */
function findHandler(ast: File, pages: boolean): Handler | undefined {
  const bindings = importBindings(ast);
  const localFunctions = new Map<string, Node>();
  for (const statement of ast.program.body) {
    if (statement.type === 'FunctionDeclaration' && statement.id) localFunctions.set(statement.id.name, statement);
    if (statement.type === 'VariableDeclaration') {
      for (const d of statement.declarations) if (d.id.type === 'Identifier' && d.init) localFunctions.set(d.id.name, d.init);
    }
  }
  const fromFactory = (init: Node): boolean => {
    const n = unwrap(init);
    if (n.type !== 'CallExpression') return false;
    const chain = memberChain(n.callee);
    const binding = chain ? bindings.get(chain[0]!) : undefined;
    return !!binding && isPackageSource(binding.source);
  };
  const requestOf = (fn: Node | undefined): string | undefined => {
    const f = fn ? unwrap(fn) : undefined;
    if (!f || (f.type !== 'FunctionDeclaration' && f.type !== 'FunctionExpression' && f.type !== 'ArrowFunctionExpression')) return undefined;
    const first = f.params[0];
    return first?.type === 'Identifier' ? first.name : undefined;
  };

  for (const statement of ast.program.body) {
    if (!pages && statement.type === 'ExportNamedDeclaration') {
      if (statement.source) continue; // export { POST } from '…': the handler lives elsewhere
      const decl = statement.declaration;
      if (decl?.type === 'FunctionDeclaration' && decl.id?.name === 'POST') {
        return { start: decl.id.start!, end: decl.id.end!, requestName: requestOf(decl) };
      }
      if (decl?.type === 'VariableDeclaration') {
        for (const d of decl.declarations) {
          if (d.id.type === 'Identifier' && d.id.name === 'POST') {
            if (d.init && fromFactory(d.init)) return undefined;
            return { start: d.id.start!, end: d.id.end!, requestName: requestOf(d.init ?? undefined) };
          }
        }
      }
      for (const spec of statement.specifiers) {
        if (spec.type === 'ExportSpecifier' && propertyName(spec.exported) === 'POST') {
          const local = localFunctions.get(spec.local.name);
          if (local && fromFactory(local)) return undefined;
          return { start: spec.exported.start!, end: spec.exported.end!, requestName: requestOf(local) };
        }
      }
    }
    if (pages && statement.type === 'ExportDefaultDeclaration') {
      const decl = statement.declaration;
      if (fromFactory(decl)) return undefined;
      const fn = decl.type === 'Identifier' ? localFunctions.get(decl.name) : decl;
      if (fn && fromFactory(fn)) return undefined;
      return { start: statement.start!, end: statement.start! + 'export default'.length, requestName: requestOf(fn) };
    }
  }
  return undefined;
}

interface Facts {
  headers: Set<string>;
  events: Set<string>;
  sources: Set<string>;
  verified: boolean;
  createsHmac: boolean;
  /** The first stripe.webhooks.constructEvent(Async) call. */
  constructEvent?: CallExpression;
}

function collectFacts(ast: File): Facts {
  const facts: Facts = { headers: new Set(), events: new Set(), sources: new Set(), verified: false, createsHmac: false };
  for (const binding of importBindings(ast).values()) facts.sources.add(binding.source);
  // Names bound to `new Webhook(secret)` (svix, standardwebhooks): `wh.verify(…)` verifies.
  const webhookInstances = new Set<string>();
  walk(ast.program, (node) => {
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init) {
      const init = unwrap(node.init);
      if (init.type === 'NewExpression' && calleeName(init.callee) === 'Webhook') webhookInstances.add(node.id.name);
    }
  });
  walk(ast.program, (node) => {
    if (node.type === 'StringLiteral' || node.type === 'TemplateLiteral') {
      const value = stringValue(node);
      if (value === undefined) return;
      if (SIGNATURE_HEADER.test(value)) facts.headers.add(value.toLowerCase());
      else if (EVENT_TYPE.test(value)) facts.events.add(value);
      return;
    }
    if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression') return;
    const callee = unwrap(node.callee);
    const chain = memberChain(callee);
    const name = calleeName(callee);
    if (!name) return;
    if (name === 'createHmac') facts.createsHmac = true;
    if (name === 'constructEvent' || name === 'constructEventAsync') {
      facts.verified = true;
      if (node.type === 'CallExpression' && !facts.constructEvent) facts.constructEvent = node;
      return;
    }
    if (name === 'timingSafeEqual' || name === 'validateRequest' || name === 'validateRequestWithBody' || name === 'validateExpressRequest') {
      facts.verified = true;
      return;
    }
    if ((name === 'verify' || name === 'unwrap') && callee.type === 'MemberExpression') {
      const object = unwrap(callee.object);
      const objectChain = chain?.slice(0, -1) ?? [];
      const last = objectChain[objectChain.length - 1];
      const onWebhook =
        name === 'unwrap'
          ? objectChain.includes('webhooks') // OpenAI: client.webhooks.unwrap(body, headers)
          : (object.type === 'NewExpression' && calleeName(object.callee) === 'Webhook') ||
            (object.type === 'Identifier' && webhookInstances.has(object.name)) ||
            objectChain.includes('webhooks') ||
            objectChain.includes('subtle') ||
            (last !== undefined && /webhook|svix|^wh$/i.test(last));
      if (onWebhook) facts.verified = true;
      return;
    }
    if (name === 'webhook' && chain?.[0] === 'twilio') {
      facts.verified = true;
      return;
    }
    if (VERIFIER_NAME.test(name)) facts.verified = true;
  });
  return facts;
}

/** The called function's own name: `verify` for `wh.verify`, `createHmac` for `crypto.createHmac`. */
function calleeName(callee: Node): string | undefined {
  const n = unwrap(callee);
  if (n.type === 'Identifier') return n.name;
  if ((n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && !n.computed && n.property.type === 'Identifier') return n.property.name;
  return undefined;
}

function providerOf(facts: Facts): Provider {
  const imports = [...facts.sources];
  const headers = [...facts.headers];
  const events = [...facts.events];
  if (headers.includes('stripe-signature') || imports.includes('stripe') || events.some((e) => /^(?:checkout|payment_intent|invoice|charge|customer\.subscription)\./.test(e))) return 'Stripe';
  if (imports.some((s) => s.startsWith('@clerk/')) || events.some((e) => /^(?:user|session|organization)/.test(e))) return 'Clerk';
  if (imports.includes('resend') || events.some((e) => /^email\./.test(e))) return 'Resend';
  if (headers.some((h) => h.startsWith('svix-')) || imports.includes('svix')) return 'svix';
  if (headers.includes('x-twilio-signature') || imports.includes('twilio')) return 'Twilio';
  if (headers.some((h) => h.startsWith('x-hub-signature'))) return 'GitHub';
  return 'generic';
}

/** `app/api/webhooks/stripe/route.ts` → `/api/webhooks/stripe`; `pages/api/stripe/index.ts` → `/api/stripe`. */
function routeOf(path: string, pages: boolean): string {
  const parts = path.split('/');
  const root = pages ? parts.findIndex((part, i) => part === 'pages' && parts[i + 1] === 'api') : parts.indexOf('app');
  let rest = parts.slice(root + 1);
  if (pages) {
    const last = rest[rest.length - 1]!.replace(/\.[^.]+$/, '');
    rest = last === 'index' ? rest.slice(0, -1) : [...rest.slice(0, -1), last];
  } else {
    rest = rest.slice(0, -1).filter((part) => !/^\(.*\)$/.test(part) && !part.startsWith('@'));
  }
  return '/' + rest.join('/');
}

/** Why constructEvent cannot see the raw body, or undefined when it can. */
function rawBodyProblem(ast: File, constructEvent: CallExpression, requestName: string | undefined, pages: boolean): string | undefined {
  const payload = constructEvent.arguments[0] ? unwrap(constructEvent.arguments[0]) : undefined;
  if (payload?.type === 'CallExpression' && memberChain(payload.callee)?.join('.') === 'JSON.stringify') {
    return 're-serialises the parsed body with JSON.stringify for the signature check';
  }
  if (pages) {
    let bodyParserOff = false;
    walk(ast.program, (node) => {
      if (node.type === 'ObjectProperty' && propertyName(node.key) === 'bodyParser' && unwrap(node.value).type === 'BooleanLiteral') {
        if ((unwrap(node.value) as { value: boolean }).value === false) bodyParserOff = true;
      }
    });
    return bodyParserOff ? undefined : 'verifies req.body, which Next.js has already parsed (no `bodyParser: false` in the route config)';
  }
  const requestNames = new Set(requestName ? [requestName] : ['req', 'request']);
  let jsonFirst: string | undefined;
  walk(ast.program, (node) => {
    if (jsonFirst || node.type !== 'CallExpression' || node.start! > constructEvent.start!) return;
    const chain = memberChain(node.callee);
    if (chain && chain.length === 2 && chain[1] === 'json' && requestNames.has(chain[0]!)) jsonFirst = `${chain[0]}.json()`;
  });
  return jsonFirst ? `parses ${jsonFirst} before verifying the signature` : undefined;
}
