import { checksummedToken, hasCrc32Checksum } from '../checksum.js';
import { bare, type Rule } from '../rule.js';

/** npm access tokens: `npm_` + 30 random base62 + a 6-character CRC32 checksum, like GitHub's. */

export const npmRules: Rule[] = [
  {
    id: 'npm-token',
    provider: 'npm',
    title: 'npm access token',
    severity: 'critical',
    // 36 = 30 random base62 + 6 checksum characters.
    pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/,
    keywords: ['npm_'],
    validate: ({ secret }) => hasCrc32Checksum(secret.slice('npm_'.length)),
    fix: 'revoke it on npmjs.com (Access Tokens) or with `npm token revoke`, and give CI the new one as a secret (NPM_TOKEN) referenced from .npmrc as ${NPM_TOKEN}',
    samples: {
      valid: () => {
        const npmrc = checksummedToken('npm_');
        return [bare(checksummedToken('npm_')), { text: `//registry.npmjs.org/:_authToken=${npmrc}`, secret: npmrc }];
      },
      invalid: [
        'npm_...',
        '//registry.npmjs.org/:_authToken=${NPM_TOKEN}',
        'npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'process.env.npm_package_version',
        'npm_config_registry_url_for_the_private_mirror',
      ],
    },
  },
];
