import { checksummedToken, hasCrc32Checksum } from '../checksum.js';
import { ALNUM, randomString } from '../fake.js';
import { bare, type Rule } from '../rule.js';

/**
 * GitHub tokens: `ghp_` (classic personal), `gho_` (OAuth), `ghu_` (app user-to-server), `ghs_`
 * (app installation), `ghr_` (refresh), each 30 random base62 + a CRC32 checksum (see checksum.ts);
 * and fine-grained personal tokens, `github_pat_` + 22 + `_` + 59.
 */

const LEFT = '(?<![A-Za-z0-9_])';
const RIGHT = '(?![A-Za-z0-9_])';

/** A fine-grained token: `github_pat_` + 22 base62 (they start `11`) + `_` + 59 base62. */
export function githubFineGrainedToken(): string {
  return `github_pat_11${randomString(ALNUM, 20)}_${randomString(ALNUM, 59)}`;
}

const REVOKE = 'revoke it in GitHub (Settings → Developer settings → Personal access tokens, or the app that issued it)';
const INSTEAD = 'in CI use the built-in GITHUB_TOKEN or a repository secret read from process.env, never a token in the code';

export const githubRules: Rule[] = [
  {
    id: 'github-token',
    provider: 'GitHub',
    title: 'GitHub token',
    severity: 'critical',
    // 36 = 30 random base62 + 6 checksum characters.
    pattern: new RegExp(`${LEFT}gh[pousr]_[A-Za-z0-9]{36}${RIGHT}`),
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    validate: ({ secret }) => hasCrc32Checksum(secret.slice('ghp_'.length)),
    fix: `${REVOKE}; ${INSTEAD}`,
    samples: {
      valid: () => {
        const clone = checksummedToken('ghs_');
        return [
          bare(checksummedToken('ghp_')),
          bare(checksummedToken('gho_')),
          bare(checksummedToken('ghu_')),
          bare(checksummedToken('ghr_')),
          { text: `git clone https://x-access-token:${clone}@github.com/acme/app.git`, secret: clone },
        ];
      },
      invalid: [
        'ghp_...',
        'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'ghp_your_personal_access_token_here',
        'ghp_1234',
        'ghp_000000000000000000000000000000000000',
        'GITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }}',
      ],
    },
  },
  {
    id: 'github-fine-grained-token',
    provider: 'GitHub',
    title: 'GitHub fine-grained personal access token',
    severity: 'critical',
    // 82 = 22 (id part) + `_` + 59 (secret part); the `_` is checked by validate.
    pattern: new RegExp(`${LEFT}github_pat_[A-Za-z0-9_]{82}${RIGHT}`),
    keywords: ['github_pat_'],
    validate: ({ secret }) => secret['github_pat_'.length + 22] === '_',
    fix: `${REVOKE}; ${INSTEAD}`,
    samples: {
      valid: () => [bare(githubFineGrainedToken())],
      invalid: ['github_pat_...', 'github_pat_11XXXXXXXXXXXXXXXXXXXX_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'github_pat_your_token_here'],
    },
  },
];
