import { describe, expect, it } from 'vitest';
import { builtinRules } from '../src/rules/index.js';
import { ALNUM, BASE64URL, HEX, LOWER, UPPER, randomString } from '../src/rules/fake.js';
import { anthropicApiKey } from '../src/rules/providers/anthropic.js';
import { clerkBody, clerkPublishableKey } from '../src/rules/providers/clerk.js';
import { openaiProjectKey } from '../src/rules/providers/openai.js';
import { resendKey } from '../src/rules/providers/resend.js';
import { stripeBody } from '../src/rules/providers/stripe.js';
import { scanText } from './helpers/scan-text.js';

/** Rule ids found in `text` (scanned as `path`), in order. */
const ids = (text: string, path?: string) => scanText(text, path).map((f) => f.ruleId);
const hex = () => randomString(HEX, 32);
const letters = (n: number) => randomString(UPPER + LOWER, n);
const ANCHOR = 'T3BlbkFJ';

describe('OpenAI', () => {
  it('reports every key form once, with its label as the visible prefix', () => {
    const admin = `sk-admin-${randomString(BASE64URL, 58)}${ANCHOR}${randomString(BASE64URL, 58)}`;
    const [finding] = scanText(`OPENAI_ADMIN_KEY=${admin}\n`);
    expect(finding?.ruleId).toBe('openai-admin-key');
    expect(finding?.secret.startsWith('sk-admin-…')).toBe(true);
    expect(scanText(`const k = '${openaiProjectKey()}';\n`)[0]?.secret.startsWith('sk-proj-…')).toBe(true);
    // Keys named after a project before the anchor (older service keys) are still OpenAI's.
    expect(ids(`k = "sk-acme-${randomString(ALNUM, 20)}${ANCHOR}${randomString(ALNUM, 20)}"\n`)).toEqual(['openai-api-key']);
  });

  it('ignores near misses: no anchor, short halves, glued to a word, overlong halves', () => {
    const body = () => randomString(BASE64URL, 74);
    for (const text of [
      `sk-proj-${body()}${body()}`,
      `sk-proj-${randomString(ALNUM, 10)}${ANCHOR}${randomString(ALNUM, 10)}`,
      `task-sk-proj-${body()}${ANCHOR}${body()}`,
      `xsk-proj-${body()}${ANCHOR}${body()}`,
      `sk-proj-${body()}${ANCHOR}${randomString(BASE64URL, 140)}`,
      `sk-proj-a8kF2...`,
    ]) {
      expect(ids(`const key = "${text}";\n`), text.slice(0, 30)).toEqual([]);
    }
  });

  it('a truncated example in docs (key followed by an ellipsis) is not a leak', () => {
    expect(ids(`Your key looks like ${openaiProjectKey()}...\n`, 'README.md')).toEqual([]);
  });
});

describe('Anthropic and OpenAI never claim each other', () => {
  it('an Anthropic key is Anthropic only, even with the OpenAI anchor in its body', () => {
    const withAnchor = `sk-ant-api03-${randomString(BASE64URL, 40)}${ANCHOR}${randomString(BASE64URL, 45)}AA`;
    for (const key of [anthropicApiKey(), withAnchor]) {
      expect(ids(`ANTHROPIC_API_KEY=${key}\n`, '.env')).toEqual(['anthropic-api-key']);
    }
    const admin = `sk-ant-admin01-${randomString(BASE64URL, 93)}AA`;
    expect(ids(`ANTHROPIC_ADMIN_KEY=${admin}\n`, '.env')).toEqual(['anthropic-admin-key']);
  });

  it('an OpenAI key is OpenAI only', () => {
    expect(ids(`OPENAI_API_KEY=${openaiProjectKey()}\n`, '.env')).toEqual(['openai-api-key']);
  });

  it('ignores Anthropic near misses: no closing AA, short body, glued to a word', () => {
    const body = randomString(BASE64URL, 93);
    for (const text of [`sk-ant-api03-${body}`, `sk-ant-api03-${body}Ab`, `sk-ant-api03-${randomString(BASE64URL, 40)}AA`, `xsk-ant-api03-${body}AA`]) {
      expect(ids(`const key = "${text}";\n`), text.slice(0, 30)).toEqual([]);
    }
  });
});

describe('Resend', () => {
  it('needs the full shape and a left boundary', () => {
    const key = resendKey();
    expect(ids(`const resend = new Resend('${key}');\n`)).toEqual(['resend-api-key']);
    for (const text of [`a${key}`, `are_${key.slice(3)}`, `${key.slice(0, 12)}${randomString(ALNUM, 10)}`, `${key}_suffix`]) {
      expect(ids(`const v = "${text}";\n`), text).toEqual([]);
    }
  });

  it('reports a digit-free body only with Resend context (a camelCase name after re_word_ is code)', () => {
    const digitFree = `re_render_${letters(28)}`;
    expect(ids(`const handler = ${digitFree};\n`)).toEqual([]);
    expect(ids(`import { Resend } from 'resend';\nconst resend = new Resend('${digitFree}');\n`)).toEqual(['resend-api-key']);
  });

  it('ignores the documentation placeholders', () => {
    for (const text of ['re_xxxxxxxxx', 're_123456789', 're_your_resend_api_key', 're_123abc...']) {
      expect(ids(`import { Resend } from 'resend';\nRESEND_API_KEY=${text}\n`, '.env'), text).toEqual([]);
    }
  });
});

describe('Twilio', () => {
  it('reports an API key SID only with a Twilio name nearby on its line, never inside a word', () => {
    const sid = `SK${hex()}`;
    expect(ids(`TWILIO_API_KEY_SID=${sid}\n`, '.env')).toEqual(['twilio-api-key']);
    expect(ids(`const sid = '${sid}'; // the Twilio key\n`)).toEqual(['twilio-api-key']);
    expect(ids(`const sid = '${sid}';\n`)).toEqual([]);
    // Twilio elsewhere in the file is not enough for a bare SID.
    expect(ids(`import twilio from 'twilio';\nconst sid = '${sid}';\n`)).toEqual([]);
    expect(ids(`TWILIO_TASK${hex()}\n`)).toEqual([]);
    expect(ids(`twilio ${sid}x\n`)).toEqual([]);
    expect(ids(`twilio ${' '.repeat(100)}${sid}\n`)).toEqual([]);
  });

  it('never reports the Account SID alone', () => {
    const account = `AC${hex()}`;
    expect(ids(`TWILIO_ACCOUNT_SID=${account}\n`, '.env')).toEqual([]);
    expect(ids(`import twilio from 'twilio';\nconst client = twilio('${account}', process.env.TWILIO_AUTH_TOKEN);\n`)).toEqual([]);
  });

  it('reports an auth token behind an auth-token name or its Account SID, in a file about Twilio', () => {
    const token = hex();
    const cases: [string, string][] = [
      [`TWILIO_AUTH_TOKEN=${token}\n`, '.env'],
      [`NEXT_PUBLIC_TWILIO_AUTH_TOKEN="${token}"\n`, '.env'],
      [`twilio:\n  authToken: ${token}\n`, 'config.yaml'],
      [`{ "twilio": { "auth_token": "${token}" } }\n`, 'config.json'],
      [`from twilio.rest import Client\nclient = Client("AC${hex()}", "${token}")\n`, 'send.py'],
      [`authToken := os.Getenv("TWILIO_AUTH_TOKEN") // twilio\ntoken := "${token}"\nauthToken := "${token}"\n`, 'main.go'],
    ];
    for (const [text, path] of cases) {
      const findings = scanText(text, path).filter((f) => f.ruleId === 'twilio-auth-token');
      expect(findings, text).toHaveLength(1);
      expect(findings[0]!.secret).not.toContain(token);
    }
  });

  it('ignores hex next to a generic auth-token name when nothing says Twilio, and longer hex', () => {
    expect(ids(`AUTH_TOKEN=${hex()}\n`, '.env')).toEqual([]);
    expect(ids(`const authToken = '${hex()}';\n`)).toEqual([]);
    expect(ids(`TWILIO_AUTH_TOKEN=${randomString(HEX, 64)}\n`, '.env')).toEqual([]);
    expect(ids(`TWILIO_AUTH_TOKEN=${hex().toUpperCase()}\n`, '.env')).toEqual([]);
    expect(ids(`import twilio from 'twilio';\nconst token = '${hex()}';\n`)).toEqual([]);
  });

  it('reports an API key secret behind TWILIO_API_SECRET or its SID; a bare apiSecret needs a digit', () => {
    const secret = randomString(ALNUM, 32);
    expect(ids(`TWILIO_API_SECRET=${secret}\n`, '.env')).toEqual(['twilio-api-key-secret']);
    expect(ids(`API_SECRET=${secret}\n`, '.env')).toEqual([]);
    const sid = `SK${hex()}`;
    expect(ids(`import twilio from 'twilio';\nconst client = twilio('${sid}', '${letters(32)}', { accountSid });\n`)).toEqual([
      'twilio-api-key',
      'twilio-api-key-secret',
    ]);
    expect(ids(`import twilio from 'twilio';\nconst apiSecret = '${letters(32)}';\n`)).toEqual([]);
    expect(ids(`TWILIO_API_SECRET=${randomString(ALNUM, 40)}\n`, '.env')).toEqual([]);
  });
});

describe('Clerk and Stripe share sk_live_/sk_test_: exactly one reports a key', () => {
  const SECRET_RULES = ['stripe-live-secret-key', 'stripe-test-secret-key', 'clerk-live-secret-key', 'clerk-test-secret-key'];
  const owner = (text: string, path?: string) => ids(text, path).filter((id) => SECRET_RULES.includes(id));

  it.each(['live', 'test'] as const)('%s keys', (mode) => {
    const stripe = `stripe-${mode}-secret-key`;
    const clerk = `clerk-${mode}-secret-key`;
    const p = `sk_${mode}_`;
    const cases: [string, string, string?][] = [
      [`const key = '${p}${stripeBody()}';\n`, stripe],
      [`STRIPE_SECRET_KEY=${p}${randomString(ALNUM, 24)}\n`, stripe, '.env'],
      // A Clerk-length body that starts like a modern Stripe body is Stripe's.
      [`const key = '${p}51${randomString(ALNUM, 41)}';\n`, stripe],
      [`const key = '${p}${clerkBody()}';\n`, clerk],
      [`CLERK_SECRET_KEY=${p}${clerkBody()}\n`, clerk, '.env'],
      [`CLERK_SECRET_KEY=${p}${stripeBody()}\n`, clerk, '.env'],
      [`const key = '${p}${stripeBody()}'; // clerk backend\n`, clerk],
      [`import { clerkClient } from '@clerk/nextjs/server';\nconst key = '${p}${stripeBody()}';\n`, clerk],
    ];
    for (const [text, expected, path] of cases) expect(owner(text, path), text).toEqual([expected]);
    // Random bodies of every length either rule accepts: never both, never neither.
    for (let length = 24; length <= 120; length += 3) {
      expect(owner(`k = "${p}${randomString(ALNUM, length)}"\n`), `length ${length}`).toHaveLength(1);
    }
  });

  it('redacts a Clerk key to its prefix and last four characters', () => {
    const key = `sk_live_${clerkBody()}`;
    expect(scanText(`CLERK_SECRET_KEY=${key}\n`, '.env')[0]?.secret).toBe(`sk_live_…${key.slice(-4)}`);
  });

  it('publishable keys of either provider are never reported', () => {
    const text = `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${clerkPublishableKey('live')}\nNEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_live_${stripeBody()}\n`;
    expect(scanText(text, '.env')).toEqual([]);
  });

  it('the Clerk publishable rule recognises base64 of `host$` and nothing else', () => {
    const rule = builtinRules.find((r) => r.id === 'clerk-publishable-key')!;
    const ctx = (secret: string) => ({ secret, match: secret, line: secret, text: secret, path: '.env', fileIncludes: (s: string) => secret.includes(s) });
    expect(rule.validate!(ctx(clerkPublishableKey('test')))).toBe(true);
    expect(rule.validate!(ctx(`pk_live_${stripeBody()}`))).toBe(false);
  });
});

describe('every quantifier is bounded', () => {
  const MINE = /^(openai|anthropic|resend|twilio|clerk)-/;
  const mine = builtinRules.filter((r) => MINE.test(r.id));

  it.each(mine.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
    // Strip escapes and character classes; what remains must hold no `*`, `+` or open-ended `{n,}`.
    const bare = rule.pattern.source.replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
    expect(bare).not.toMatch(/[*+]|\{\d+,\}/);
    for (const [, max] of rule.pattern.source.matchAll(/\{\d+,(\d+)\}/g)) expect(Number(max)).toBeLessThanOrEqual(250);
  });
});

describe('linear time on hostile input', () => {
  const MB = 1 << 20;
  const fill = (unit: string, start = '') => start + unit.repeat(Math.ceil((MB - start.length) / unit.length));
  const BOUND_MS = 1500;

  // For each rule, besides its keywords: more starts an attacker would repeat, and key characters to follow them.
  const HOSTILE: Record<string, { starts: string[]; chars: string[] }> = {
    'openai-api-key': { starts: ['sk-', 'sk-proj-', 'sk-svcacct-'], chars: ['aZ9_-', `${'a'.repeat(30)}${ANCHOR}`] },
    'openai-admin-key': { starts: ['sk-admin-'], chars: ['aZ9_-', `${'a'.repeat(30)}${ANCHOR}`] },
    'anthropic-api-key': { starts: ['sk-ant-api03-'], chars: ['aZ9_-', 'A'] },
    'anthropic-admin-key': { starts: ['sk-ant-admin01-'], chars: ['aZ9_-', 'A'] },
    'resend-api-key': { starts: ['re_a1b2c3d4_'], chars: ['aZ9', 'a_'] },
    'twilio-api-key': { starts: ['twilio SK', 'SK'], chars: ['a1', ' twilio SK', 'SKtwilio'] },
    'twilio-auth-token': { starts: ['TWILIO_AUTH_TOKEN=', 'authToken: "', 'twilio AC'], chars: ['a1', 'AUTH_TOKEN= ', `AC${'a'.repeat(32)}:`] },
    'twilio-api-key-secret': { starts: ['TWILIO_API_SECRET=', 'twilio SK'], chars: ['aZ9', 'apiSecret: ', `SK${'a'.repeat(32)},`] },
    'clerk-live-secret-key': { starts: ['CLERK sk_live_'], chars: ['aZ9', 'clerk'] },
    'clerk-test-secret-key': { starts: ['@clerk/ sk_test_'], chars: ['aZ9', 'clerk'] },
    'clerk-publishable-key': { starts: [], chars: ['aZ9+/', '='] },
  };
  const mine = builtinRules.filter((r) => /^(openai|anthropic|resend|twilio|clerk)-/.test(r.id));

  it('covers every rule of these providers', () => {
    expect(Object.keys(HOSTILE).sort()).toEqual(mine.map((r) => r.id).sort());
  });

  it.each(mine.map((r) => [r.id, r] as const))('%s', (id, rule) => {
    const { starts, chars } = HOSTILE[id]!;
    const lines: string[] = [];
    for (const start of [...rule.keywords, ...starts]) {
      lines.push(fill(start));
      for (const unit of chars) lines.push(fill(unit, start));
    }
    for (const line of lines) {
      const t0 = performance.now();
      scanText(line);
      const ms = performance.now() - t0;
      expect(ms, `${JSON.stringify(line.slice(0, 24))}… took ${Math.round(ms)} ms`).toBeLessThan(BOUND_MS);
    }
  });
});
