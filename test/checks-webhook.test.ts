import { describe, expect, it } from 'vitest';
import { webhookUnverified } from '../src/checks/webhook-unverified.js';
import { expectSafeHits, hitKeys, hitText, runOn, runOnCase, useCase } from './helpers/check-fixtures.js';

const VERIFIED_STRIPE = `import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export async function POST(req: Request) {
  const body = await req.text();
  const event = stripe.webhooks.constructEvent(body, req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  return Response.json({ type: event.type });
}
`;

describe('webhook-unverified', () => {
  const found = useCase('webhook-unverified');
  const ok = useCase('webhook-verified');

  it('reports webhook handlers that never verify, and a Stripe handler that verifies a re-serialised body', () => {
    const results = runOnCase(webhookUnverified, found);
    expect(hitKeys(results)).toEqual([
      'app/api/stripe/route.ts: /api/stripe#raw-body',
      'app/api/webhooks/clerk/route.ts: /api/webhooks/clerk#unverified',
      'app/api/webhooks/github/route.ts: /api/webhooks/github#unverified',
      'app/api/webhooks/stripe/route.ts: /api/webhooks/stripe#unverified',
      'pages/api/webhooks/resend.ts: /api/webhooks/resend#unverified',
    ]);
    for (const result of results) {
      const hit = result.hits[0]!;
      expect(hitText(result, hit), result.file).toBe(result.file.startsWith('pages/') ? 'export default' : 'POST');
    }
    const message = (file: string) => results.find((r) => r.file === file)!.hits[0]!;
    expect(message('app/api/webhooks/stripe/route.ts').message).toContain('Stripe webhook');
    expect(message('app/api/webhooks/stripe/route.ts').message).toContain('checkout.session.completed');
    expect(message('app/api/webhooks/stripe/route.ts').fix).toContain('constructEvent(await req.text()');
    expect(message('app/api/webhooks/clerk/route.ts').message).toContain('svix-id');
    expect(message('app/api/webhooks/clerk/route.ts').fix).toContain('verifyWebhook');
    expect(message('app/api/webhooks/github/route.ts').message).toContain('timingSafeEqual');
    expect(message('app/api/stripe/route.ts').message).toContain('JSON.stringify');
    expect(message('app/api/stripe/route.ts').fix).toContain('req.text()');
    expectSafeHits(results, found.secrets);
  });

  it('is quiet on handlers verified the way the providers document it (Stripe, svix, Clerk verifyWebhook, Resend, HMAC + timingSafeEqual, pages/api raw body)', () => {
    expect(runOnCase(webhookUnverified, ok)).toEqual([]);
    expect(ok.files.filter((f) => f.includes('webhooks/'))).toHaveLength(6);
  });

  it('is quiet on route handlers that are not webhooks', () => {
    expect(runOnCase(webhookUnverified, found).some((r) => r.file === 'app/api/checkout/route.ts')).toBe(false);
    const orders = 'export async function POST(req: Request) { return Response.json(await req.json()); }\n';
    expect(runOn(webhookUnverified, 'app/api/orders/route.ts', orders)).toEqual([]);
    // A parent folder named for webhooks does not make every route below it one.
    expect(runOn(webhookUnverified, 'webhook-demos/app/api/orders/route.ts', orders)).toEqual([]);
    expect(runOn(webhookUnverified, 'webhook-demos/app/api/webhook/route.ts', orders).map((h) => h.key)).toEqual(['/api/webhook#unverified']);
  });

  it('reports req.json() before constructEvent (the body is gone, and not raw)', () => {
    const code = VERIFIED_STRIPE.replace('  const body = await req.text();\n', '  const data = await req.json();\n  console.log(data.type);\n  const body = await req.text();\n');
    const hits = runOn(webhookUnverified, 'app/api/webhooks/stripe/route.ts', code);
    expect(hits.map((h) => h.key)).toEqual(['/api/webhooks/stripe#raw-body']);
    expect(hits[0]!.message).toContain('req.json()');
    expect(runOn(webhookUnverified, 'app/api/webhooks/stripe/route.ts', VERIFIED_STRIPE)).toEqual([]);
  });

  it('reports a pages/api Stripe handler that leaves the body parser on', () => {
    const code = `import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);
export default async function handler(req, res) {
  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], process.env.STRIPE_WEBHOOK_SECRET);
  res.json({ ok: event.id });
}
`;
    const hits = runOn(webhookUnverified, 'src/pages/api/stripe-webhook.js', code);
    expect(hits.map((h) => h.key)).toEqual(['/api/stripe-webhook#raw-body']);
    expect(hits[0]!.fix).toContain('bodyParser: false');
    const withConfig = `${code}export const config = { api: { bodyParser: false } };\n`;
    expect(runOn(webhookUnverified, 'src/pages/api/stripe-webhook.js', withConfig)).toEqual([]);
  });

  it('finds POST however it is exported, and skips handlers delegated to a package or re-exported', () => {
    const unverified = "const handler = async (req: Request) => { const e = await req.json(); return new Response(e.type); };\n";
    expect(runOn(webhookUnverified, 'app/api/webhooks/x/route.ts', `${unverified}export { handler as POST };\n`).map((h) => h.key)).toEqual(['/api/webhooks/x#unverified']);
    expect(runOn(webhookUnverified, 'app/(shop)/api/webhook/route.js', `export const POST = async (req) => new Response((await req.json()).type);\n`).map((h) => h.key)).toEqual(['/api/webhook#unverified']);
    expect(runOn(webhookUnverified, 'app/api/webhooks/polar/route.ts', "import { Webhooks } from '@polar-sh/nextjs';\nexport const POST = Webhooks({ webhookSecret: process.env.POLAR_WEBHOOK_SECRET!, onPayload: async () => {} });\n")).toEqual([]);
    expect(runOn(webhookUnverified, 'app/api/webhooks/stripe/route.ts', "export { POST } from '@/lib/stripe-webhook';\n")).toEqual([]);
    expect(runOn(webhookUnverified, 'app/api/webhooks/stripe/route.ts', 'export async function GET() { return new Response("ok"); }\n')).toEqual([]);
  });

  it('recognises a webhook by its signature header or event types when the path does not say so', () => {
    const byHeader = "export async function POST(req: Request) { const sig = req.headers.get('stripe-signature'); return new Response(sig); }\n";
    expect(runOn(webhookUnverified, 'app/api/payments/route.ts', byHeader).map((h) => h.key)).toEqual(['/api/payments#unverified']);
    const byEvent = "export async function POST(req: Request) { const e = await req.json(); if (e.type === 'customer.subscription.deleted') {} return new Response(); }\n";
    expect(runOn(webhookUnverified, 'app/api/billing/route.ts', byEvent).map((h) => h.key)).toEqual(['/api/billing#unverified']);
  });

  it('accepts Twilio validateRequest, svix new Webhook(secret).verify inline, and a verifying helper by name', () => {
    const twilio = "import twilio from 'twilio';\nexport async function POST(req: Request) {\n  const ok = twilio.validateRequest(process.env.TWILIO_AUTH_TOKEN!, req.headers.get('x-twilio-signature')!, req.url, {});\n  return new Response(String(ok));\n}\n";
    expect(runOn(webhookUnverified, 'app/api/webhooks/twilio/route.ts', twilio)).toEqual([]);
    expect(runOn(webhookUnverified, 'app/api/webhooks/twilio/route.ts', twilio.replace('twilio.validateRequest', 'Boolean'))).toHaveLength(1);
    const svix = "import { Webhook } from 'svix';\nexport async function POST(req: Request) {\n  const evt = new Webhook(process.env.WEBHOOK_SECRET!).verify(await req.text(), Object.fromEntries(req.headers));\n  return Response.json(evt);\n}\n";
    expect(runOn(webhookUnverified, 'app/api/webhooks/svix/route.ts', svix)).toEqual([]);
    const helper = "import { verifyStripeSignature } from '@/lib/webhooks';\nexport async function POST(req: Request) {\n  const event = await verifyStripeSignature(req);\n  return Response.json(event);\n}\n";
    expect(runOn(webhookUnverified, 'app/api/webhooks/stripe/route.ts', helper)).toEqual([]);
  });
});
