import { BASE64, LOWER, UPPER, randomString } from '../fake.js';
import { bare, type Rule } from '../rule.js';

/**
 * AWS credentials: an access key id (`AKIA` long-term, `ASIA` temporary/STS, `ABIA`, `ACCA`) + 16
 * base32 characters, and its 40-character secret access key, which has no prefix: it is recognised
 * only right after a name that says what it is.
 */

const BASE32 = UPPER + '234567';

/** A secret access key: 40 base64 characters, never starting with `=`, with both letter cases. */
export function awsSecretAccessKey(): string {
  return randomString(UPPER, 1) + randomString(BASE64, 38) + randomString(LOWER, 1);
}

// The names the SDKs, the CLI's credentials file and CloudFormation use (case-insensitive).
const SECRET_NAME = '(?:aws[_.-]?secret(?:[_.-]?access)?[_.-]?key|secret[_.-]?access[_.-]?key)';
// Between name and value: quotes, spaces, `=`, `:`, `=>`, `,` or an escaping backslash; 12 at most.
const GAP = '[ \\t"\'`:=>,\\\\]{1,12}';

const ROTATE = 'deactivate and delete this access key in IAM (Users → Security credentials), create a new one, and let the SDK load credentials from the environment or an IAM role instead of the code';

export const awsRules: Rule[] = [
  {
    id: 'aws-access-key-id',
    provider: 'AWS',
    title: 'AWS access key ID',
    severity: 'high',
    // 16 = the base32 characters after the 4-character type prefix (20 in all).
    pattern: /(?<![A-Za-z0-9_])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9_])/,
    keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
    fix: ROTATE,
    samples: {
      valid: () => [bare(`AKIA${randomString(BASE32, 16)}`), bare(`ASIA${randomString(BASE32, 16)}`)],
      invalid: ['AKIAIOSFODNN7EXAMPLE', 'AKIAXXXXXXXXXXXXXXXX', 'AKIA...', 'AKIA1234', 'EURASIANAIRLINESANDCOMPANY'],
    },
  },
  {
    id: 'aws-secret-access-key',
    provider: 'AWS',
    title: 'AWS secret access key',
    severity: 'critical',
    // 40 = 30 random bytes in base64 (no padding); the first character is never `=`.
    pattern: new RegExp(`(?<![A-Za-z0-9])${SECRET_NAME}${GAP}(?<secret>[A-Za-z0-9/+][A-Za-z0-9/+=]{39})(?![A-Za-z0-9/+=])`, 'i'),
    // Case-sensitive prefilter: the spellings of the name in env files, JSON and code.
    keywords: ['secret_access_key', 'SECRET_ACCESS_KEY', 'SecretAccessKey', 'secretAccessKey', 'secret-access-key', 'aws_secret_key', 'AWS_SECRET_KEY', 'awsSecretKey', 'AwsSecretKey'],
    // Real keys mix both letter cases; a 40-letter identifier or a hex digest does not.
    validate: ({ secret }) => /[A-Z]/.test(secret) && /[a-z]/.test(secret),
    fix: ROTATE,
    samples: {
      valid: () => {
        const keys = [awsSecretAccessKey(), awsSecretAccessKey(), awsSecretAccessKey(), awsSecretAccessKey()];
        return [
          { text: `AWS_SECRET_ACCESS_KEY=${keys[0]}`, secret: keys[0]! },
          { text: `aws_secret_access_key = ${keys[1]}`, secret: keys[1]! },
          { text: `{ "AccessKeyId": "AKIA", "SecretAccessKey": "${keys[2]}" }`, secret: keys[2]! },
          { text: `new S3Client({ credentials: { secretAccessKey: '${keys[3]}' } })`, secret: keys[3]! },
        ];
      },
      invalid: [
        'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        'AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}',
        'secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY',
        'AWS_SECRET_ACCESS_KEY=<your-secret-access-key>',
        'aws_secret_access_key = 0123456789abcdef0123456789abcdef01234567',
        'aws_secret_access_key = xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      ],
    },
  },
];
