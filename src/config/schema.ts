import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { SEVERITIES } from '../types.js';

/**
 * The config file's shape (secretguard.config.json, .secretguardrc.json, or package.json "secretguard").
 * zod's tree-shakable build: the full one cost about 35 ms of start-up in every project with a config.
 */

z.config(en());

const severity = z.enum(SEVERITIES as [string, ...string[]]);
const id = z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id'));
const text = z.string().check(z.minLength(1));

const customRule = z.strictObject({
  id,
  regex: text,
  /** Only `i` is allowed: the engine adds what it needs. */
  flags: z.optional(z.string().check(z.regex(/^i?$/, "only the flag 'i' is allowed"))),
  keywords: z.array(z.string().check(z.minLength(3, 'keywords need at least 3 characters'))).check(z.minLength(1)),
  severity,
  title: z.optional(text),
  description: text,
  fix: text,
  provider: z.optional(text),
});

export const configSchema = z.strictObject({
  $schema: z.optional(z.string()),
  /** Turn a built-in rule (or check) off, or change its severity. */
  rules: z.optional(z.record(z.string(), z.union([z.literal(false), z.literal('off'), severity]))),
  customRules: z.optional(z.array(customRule)),
  allow: z.optional(
    z.strictObject({
      paths: z.optional(z.array(text)),
      regexes: z.optional(z.array(text)),
      stopwords: z.optional(z.array(z.string().check(z.minLength(3, 'stopwords need at least 3 characters')))),
    }),
  ),
  publicPrefixes: z.optional(z.array(z.string().check(z.regex(/^[A-Z][A-Z0-9_]*_$/, 'expected an env prefix like MY_PUBLIC_')))),
  maxFileSize: z.optional(z.int().check(z.positive())),
  failOn: z.optional(severity),
});

export type Config = z.infer<typeof configSchema>;
