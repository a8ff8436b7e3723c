import { ALNUM, BASE64URL, DIGITS, LOWER, UPPER, randomString } from '../fake.js';
import { bare, type Rule } from '../rule.js';

/**
 * Vercel tokens: `vcp_` personal, `vci_` integration, `vca_` app access, `vcr_` app refresh,
 * `vck_` API key. Bodies are 20-60 characters; public samples show `_` and `-` in them too.
 */

/** A Vercel token body with both letter cases and digits, as real ones have. */
export function vercelBody(charset = ALNUM, length = 56): string {
  return randomString(UPPER, 1) + randomString(LOWER, 1) + randomString(DIGITS, 1) + randomString(charset, length - 3);
}

export const vercelRules: Rule[] = [
  {
    id: 'vercel-token',
    provider: 'Vercel',
    title: 'Vercel token',
    severity: 'critical',
    // 20-60 body characters: the documented range (public samples are 56).
    pattern: /(?<![A-Za-z0-9_])vc[piark]_[A-Za-z0-9_-]{20,60}(?![A-Za-z0-9_-])/,
    keywords: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'],
    // Real bodies are random: both cases and a digit. snake_case or camelCase names are not.
    validate: ({ secret }) => /[A-Z]/.test(secret) && /[a-z]/.test(secret.slice(4)) && /[0-9]/.test(secret),
    fix: 'revoke it in Vercel (Account Settings → Tokens, or the integration that issued it) and give CI the new one as a secret (VERCEL_TOKEN) instead of committing it',
    samples: {
      valid: () => [bare(`vcp_${vercelBody()}`), bare(`vck_${vercelBody(BASE64URL)}`), bare(`vci_${vercelBody(ALNUM, 24)}`)],
      invalid: ['vcp_...', 'vcp_your_vercel_token_here', 'vcr_cassette_library_dir_for_tests', 'vcp_xxxxxxxxxxxxxxxxxxxxxxxx', 'VERCEL_TOKEN=${VERCEL_TOKEN}', 'vca_recordedRequestsFolderPath'],
    },
  },
];
