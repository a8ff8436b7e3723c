import { ALNUM, DIGITS, LOWER, UPPER, randomString } from '../fake.js';
import { bare, type MatchContext, type Rule } from '../rule.js';

/**
 * Resend API keys: `re_` + 8 + `_` + 24 base62 characters (seen; not a published spec). `re_` alone
 * is everywhere in code (`re_render`, `are_you_sure`, Python `re_compile`), so the whole shape and a
 * left boundary are required, and a body with no digit (a camelCase name after `re_word_`) needs
 * Resend context in the file.
 */

// 8 and 24 seen; 6-10 and 20-32 tolerate small changes.
const PATTERN = /(?<![A-Za-z0-9_])re_[A-Za-z0-9]{6,10}_[A-Za-z0-9]{20,32}(?![A-Za-z0-9_])/;

function validate({ secret, fileIncludes }: MatchContext): boolean {
  return /[0-9]/.test(secret) || ['resend', 'Resend', 'RESEND'].some((word) => fileIncludes(word));
}

/** A Resend key with at least one digit, so that it is found with or without context. */
export function resendKey(): string {
  return `re_${randomString(ALNUM, 7)}${randomString(DIGITS, 1)}_${randomString(ALNUM, 24)}`;
}

export const resendRules: Rule[] = [
  {
    id: 'resend-api-key',
    provider: 'Resend',
    title: 'Resend API key',
    severity: 'high',
    pattern: PATTERN,
    keywords: ['re_'],
    validate,
    fix: 'move it to .env.local and read process.env.RESEND_API_KEY on the server; delete the key at resend.com/api-keys and create a new one: it is in Git history now',
    samples: {
      valid: () => {
        // No digit: found thanks to the Resend name on the line.
        const noDigit = `re_${randomString(UPPER + LOWER, 8)}_${randomString(UPPER + LOWER, 24)}`;
        return [bare(resendKey()), { text: `RESEND_API_KEY=${noDigit}`, secret: noDigit }];
      },
      invalid: [
        're_xxxxxxxxx',
        're_123456789',
        're_your_resend_api_key',
        're_123abc...',
        're_xxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxx',
        're_12345678_abcdefghijklmnopqrstuvwx',
        'are_you_sure_you_want_to_delete_this',
        're_compile_flags_for_the_parser',
        'RESEND_API_KEY=re_...',
      ],
    },
  },
];
