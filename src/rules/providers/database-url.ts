import { ALNUM, DIGITS, LOWER, randomString } from '../fake.js';
import type { MatchContext, Rule } from '../rule.js';

/**
 * Connection URLs with an embedded password: `scheme://user:password@host`. The secret is the
 * password alone (the named group), so the report shows the URL with only the password hidden.
 *
 * Not reported:
 * - placeholders: `password`, `pass`, `pwd`, `secret`, `changeme`, `postgres` (the Docker image's
 *   default) and their `my`/`your`/`db` variants, `***`, `<password>`, `{password}`, `${VAR}`,
 *   `$VAR`, `%VAR%`;
 * - documentation hosts (`example.com`, `*.example`, `*.test`, `*.invalid`);
 * - local databases with a trivial password. Local: localhost, 127.x.x.x, ::1, 0.0.0.0,
 *   host.docker.internal, or a one-label host (a Compose or Kubernetes service such as `db`).
 *   Trivial: the user name again, fewer than 8 characters, or lowercase letters or digits only
 *   (`devpassword`, `12345678`). A local URL with a strong password is still reported: such
 *   passwords tend to be reused in production.
 */

// Schemes, with SQLAlchemy-style drivers (`postgresql+asyncpg://`, `mysql+pymysql://`).
const SCHEME = '(?:postgres(?:ql)?(?:\\+[a-z0-9]{1,20})?|mysql(?:\\+[a-z0-9]{1,20})?|mongodb(?:\\+srv)?|rediss?)';
// User (may be empty: `redis://:pw@host`) up to 64, password up to 128: neither holds `:` `/` `@`.
const USER = '[^\\s:/@\'"`]{0,64}';
const PASSWORD = '(?<secret>[^\\s:/@\'"`]{1,128})';
// Host: an IPv6 literal or a name up to 253 characters (may be empty for a Unix socket).
const HOST = '(?:\\[[0-9A-Fa-f:.]{2,45}\\]|[^\\s:/?#@\'"`,;\\\\[\\]]{0,253})';

const PLACEHOLDER = /^(?:(?:my|your|db|the|some|user|app)[-_]?)?(?:pass(?:word|wd)?|pwd|pw|secret|changeme|change[-_]me|postgres)[-_]?\d{0,3}$/i;
const LOCAL_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|::1|host\.docker\.internal|[a-z0-9_-]{1,63})$/i;
const DOC_HOST = /(?:^|\.)(?:example(?:\.(?:com|net|org))?|test|invalid)$/i;

export function isRealPassword({ secret, match }: MatchContext): boolean {
  const start = match.indexOf('://') + 3;
  const user = match.slice(start, match.indexOf(':', start));
  const host = match.slice(match.lastIndexOf('@') + 1).replace(/^\[|\]$/g, '').toLowerCase();
  const bare = secret.replace(/^[<{[(%_]+|[>}\])%_]+$/g, '');
  if (PLACEHOLDER.test(bare) || /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(secret) || /^\*+$/.test(secret)) return false;
  if (DOC_HOST.test(host)) return false;
  const trivial = secret === user || secret.length < 8 || /^(?:[a-z]+|[0-9]+)$/.test(secret);
  return !(trivial && LOCAL_HOST.test(host));
}

const password = () => randomString(ALNUM, 24);

export const databaseUrlRules: Rule[] = [
  {
    id: 'database-url-password',
    provider: 'Database',
    title: 'Database URL with a password',
    severity: 'critical',
    pattern: new RegExp(`(?<![A-Za-z0-9+.-])${SCHEME}://${USER}:${PASSWORD}@${HOST}`),
    keywords: ['postgres://', 'postgresql://', 'postgres+', 'postgresql+', 'mysql://', 'mysql+', 'mongodb://', 'mongodb+srv://', 'redis://', 'rediss://'],
    validate: isRealPassword,
    fix: 'change the database password, and read the connection string from process.env.DATABASE_URL (.env.local, your host\'s environment settings) instead of committing it',
    samples: {
      valid: () => {
        const ref = randomString(LOWER, 20);
        const urls: [string, string][] = [
          ['postgresql://postgres.' + ref + ':', `@aws-0-eu-central-1.pooler.supabase.com:6543/postgres`],
          ['postgres://neondb_owner:', `@ep-${randomString(LOWER, 6)}-${randomString(LOWER, 6)}-${randomString(DIGITS, 6)}.us-east-2.aws.neon.tech/neondb?sslmode=require`],
          ['mysql://admin:', `@shop.${randomString(LOWER + DIGITS, 12)}.eu-west-1.rds.amazonaws.com:3306/shop`],
          ['mongodb+srv://app:', `@cluster0.${randomString(LOWER + DIGITS, 5)}.mongodb.net/?retryWrites=true&w=majority`],
          ['mongodb://app:', '@mongo-1.internal.acme.io:27017,mongo-2.internal.acme.io:27017/app?replicaSet=rs0'],
          ['rediss://default:', `@${randomString(LOWER, 8)}-${randomString(LOWER, 6)}-${randomString(DIGITS, 5)}.upstash.io:6379`],
          ['redis://:', '@10.0.3.17:6379/0'],
          ['postgresql+asyncpg://svc_orders:', '@pg.internal.acme.io:5432/orders'],
          ['postgres://app:', '@localhost:5432/app'],
          ['postgres://app:', '@[::1]:5432/app'],
        ];
        return urls.map(([before, after]) => {
          const secret = password();
          return { text: `DATABASE_URL=${before}${secret}${after}`, secret };
        });
      },
      invalid: [
        'postgres://postgres:postgres@localhost:5432/postgres',
        'postgresql://user:password@localhost:5432/mydb',
        'postgresql://janedoe:mypassword@db.acme.io:5432/mydb',
        'DATABASE_URL="postgresql://johndoe:randompassword@localhost:5432/mydb?schema=public"',
        'mysql://root:pass@127.0.0.1:3306/app',
        'mysql://root:root@db:3306/app',
        'mongodb+srv://<username>:<password>@cluster0.mongodb.net/test',
        'mongodb://admin:admin@localhost:27017',
        'postgres://app:${DB_PASSWORD}@db.acme.io:5432/app',
        'postgres://app:$DB_PASSWORD@db.acme.io:5432/app',
        'postgres://app:%DB_PASSWORD%@db.acme.io:5432/app',
        'postgres://{user}:{password}@{host}:5432/{db}',
        'redis://:changeme@redis:6379',
        'redis://default:***@cache.acme.io:6379',
        'postgres://user:s3cr3tP4ssw0rd1@db.example.com/app',
        'postgres://localhost:5432/app',
        'postgres://app@db.acme.io/app',
        'postgresql://app:devpass@postgres:5432/app',
        'jdbc:postgresql://db.acme.io:5432/app?user=app',
      ],
    },
  },
];
