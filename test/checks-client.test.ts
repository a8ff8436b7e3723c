import { describe, expect, it } from 'vitest';
import { clientSecretCall } from '../src/checks/client-secret-call.js';
import { expectSafeHits, hitKeys, hitText, runOn, runOnCase, useCase } from './helpers/check-fixtures.js';
import { sampleSecret } from './helpers/fixture.js';

describe('client-secret-call', () => {
  const found = useCase('client-secret-call');
  const ok = useCase('client-secret-ok');
  const vite = useCase('client-secret-call-vite');

  it("reports a 'use client' component calling api.openai.com with a key, and one constructing the Stripe server SDK", () => {
    const results = runOnCase(clientSecretCall, found);
    expect(hitKeys(results)).toEqual(['app/components/BuyButton.tsx: sdk:Stripe', 'app/components/ChatBox.tsx: host:api.openai.com']);
    const chat = results.find((r) => r.file === 'app/components/ChatBox.tsx')!;
    expect(hitText(chat, chat.hits[0]!)).toBe("'https://api.openai.com/v1/chat/completions'");
    expect(chat.hits[0]!.message).toContain("'use client'");
    expect(chat.hits[0]!.message).toContain('api.openai.com');
    const buy = results.find((r) => r.file === 'app/components/BuyButton.tsx')!;
    expect(hitText(buy, buy.hits[0]!)).toBe('new Stripe');
    expect(buy.hits[0]!.fix).toContain('loadStripe');
    expectSafeHits(results, found.secrets);
    expect(clientSecretCall.fix).toContain('app/api/');
  });

  it('is quiet when the browser calls its own route and the server route holds the key (loadStripe(pk) included)', () => {
    expect(runOnCase(clientSecretCall, ok)).toEqual([]);
    // The server route does call OpenAI with the key: it is simply not browser code.
    expect(ok.read('app/api/moderate/route.ts')).toContain('api.openai.com');
    expect(ok.read('lib/openai.ts')).toContain('new OpenAI');
  });

  it('in a Vite app, reports browser modules under src/ and leaves server code alone', () => {
    const results = runOnCase(clientSecretCall, vite);
    expect(hitKeys(results)).toEqual(['src/components/Summary.tsx: host:api.anthropic.com', 'src/lib/openai.ts: sdk:OpenAI']);
    expect(results.find((r) => r.file === 'src/lib/openai.ts')!.hits[0]!.message).toContain('dangerouslyAllowBrowser');
    expect(results.find((r) => r.file === 'src/components/Summary.tsx')!.hits[0]!.message).toContain('src/');
    // server/index.ts (Express) and src/services/email.ts (reads a server-only process.env) construct SDK clients too
    expect(vite.read('server/index.ts')).toContain('new OpenAI');
    expect(vite.read('src/services/email.ts')).toContain('new Resend');
  });

  it("needs 'use client' in the prologue: after an import it is just a string", () => {
    const body = "import OpenAI from 'openai';\n'use client';\nexport const client = new OpenAI({ apiKey: 'x' });\n";
    expect(runOn(clientSecretCall, 'components/Chat.tsx', body)).toEqual([]);
    expect(runOn(clientSecretCall, 'components/Chat.tsx', `'use client';\n${body.replace("'use client';\n", '')}`).map((h) => h.key)).toEqual(['sdk:OpenAI']);
  });

  it('knows the server SDKs: Resend, twilio(), Anthropic, createClerkClient, Supabase with the service-role key', () => {
    const cases: [string, string][] = [
      ["import { Resend } from 'resend';\nconst r = new Resend(process.env.NEXT_PUBLIC_RESEND_KEY);", 'sdk:Resend'],
      ["import twilio from 'twilio';\nconst client = twilio(sid, token);", 'sdk:Twilio'],
      ["import Anthropic from '@anthropic-ai/sdk';\nconst a = new Anthropic({ apiKey });", 'sdk:Anthropic'],
      ["import { createClerkClient } from '@clerk/backend';\nconst clerk = createClerkClient({ secretKey });", 'sdk:Clerk'],
      ["import { createClient } from '@supabase/supabase-js';\nconst admin = createClient(url, process.env.NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY!);", 'sdk:Supabase'],
      ["const OpenAI = require('openai');\nconst o = new OpenAI();", 'sdk:OpenAI'],
    ];
    for (const [code, key] of cases) expect(runOn(clientSecretCall, 'app/x/Widget.tsx', `'use client';\n${code}\n`).map((h) => h.key), key).toEqual([key]);
  });

  it('lets the browser APIs be: loadStripe(pk), new Stripe(pk), the Supabase anon client, and API hosts without a key', () => {
    const pk = sampleSecret('stripe-publishable-key');
    const fine = [
      "import { loadStripe } from '@stripe/stripe-js';\nconst s = loadStripe(process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY!);",
      `import Stripe from 'stripe';\nconst s = new Stripe('${pk}');`,
      "import { createClient } from '@supabase/supabase-js';\nconst db = createClient(url, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);",
      "const status = await fetch('https://status.openai.com/api/v2/status.json');\nconst docs = 'see api.openai.com.example.org';",
      "import { Resend } from './resend-ui';\nconst r = new Resend();",
      // a secret API host, but no key is sent
      "const models = await fetch('https://api.openai.com/v1/models').then((r) => r.json());",
    ];
    for (const code of fine) expect(runOn(clientSecretCall, 'app/x/Widget.tsx', `'use client';\n${code}\n`), code).toEqual([]);
  });

  it("does not judge server code: 'use server', route handlers, Next.js src/app, Express, *.server.*", () => {
    const call = "import OpenAI from 'openai';\nimport { useState } from 'react';\nexport const o = new OpenAI({ apiKey: import.meta.env.VITE_KEY });\n";
    expect(runOn(clientSecretCall, 'src/components/Chat.tsx', call).map((h) => h.key)).toEqual(['sdk:OpenAI']);
    expect(runOn(clientSecretCall, 'src/components/Chat.tsx', `'use server';\n${call}`)).toEqual([]);
    expect(runOn(clientSecretCall, 'src/app/chat/page.tsx', call)).toEqual([]);
    expect(runOn(clientSecretCall, 'src/pages/api/chat.ts', call)).toEqual([]);
    expect(runOn(clientSecretCall, 'src/server/chat.ts', call)).toEqual([]);
    expect(runOn(clientSecretCall, 'src/routes/chat/+page.server.ts', call)).toEqual([]);
    expect(runOn(clientSecretCall, 'src/lib/chat.ts', `import express from 'express';\n${call}`)).toEqual([]);
    expect(runOn(clientSecretCall, 'src/lib/chat.ts', call.replace('import.meta.env.VITE_KEY', 'process.env.OPENAI_API_KEY').replace("import { useState } from 'react';\n", ''))).toEqual([]);
    // JSX alone does not make a browser module when it reads a server-only variable (a Next.js server component under src/).
    const serverComponent = "export default async function Weather() {\n  const r = await fetch('https://api.openai.com/v1/responses', { headers: { Authorization: `Bearer ${process.env.OPENAI_API_KEY}` } });\n  return <p>{(await r.json()).output_text}</p>;\n}\n";
    expect(runOn(clientSecretCall, 'src/components/Weather.tsx', serverComponent)).toEqual([]);
    expect(runOn(clientSecretCall, 'src/components/Weather.tsx', serverComponent.replace('process.env.OPENAI_API_KEY', 'import.meta.env.VITE_OPENAI_KEY')).map((h) => h.key)).toEqual(['host:api.openai.com']);
    // Vite's import.meta.env alone marks a browser module under src/
    const viteOnly = runOn(clientSecretCall, 'src/lib/ai.ts', "import OpenAI from 'openai';\nexport const o = new OpenAI({ apiKey: import.meta.env.VITE_OPENAI_KEY });\n");
    expect(viteOnly.map((h) => h.message)).toEqual([expect.stringContaining('uses import.meta.env')]);
    // import.meta.url is Node ESM, not Vite
    expect(runOn(clientSecretCall, 'src/cli.ts', "import OpenAI from 'openai';\nconst here = new URL('.', import.meta.url);\nconst o = new OpenAI({ apiKey: 'x' });\n")).toEqual([]);
    // Outside src/ only the directive (or dangerouslyAllowBrowser) says browser.
    expect(runOn(clientSecretCall, 'components/Chat.tsx', call)).toEqual([]);
  });
});
