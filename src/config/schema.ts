import { z } from 'zod';
import { SEVERITIES } from '../types.js';

/** The config file's shape (secretguard.config.json, .secretguardrc.json, or package.json "secretguard"). */

const severity = z.enum(SEVERITIES as [string, ...string[]]);
const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id');

const customRule = z.strictObject({
  id,
  regex: z.string().min(1),
  /** Only `i` is allowed: the engine adds what it needs. */
  flags: z.string().regex(/^i?$/, "only the flag 'i' is allowed").optional(),
  keywords: z.array(z.string().min(3, 'keywords need at least 3 characters')).min(1),
  severity,
  title: z.string().min(1).optional(),
  description: z.string().min(1),
  fix: z.string().min(1),
  provider: z.string().min(1).optional(),
});

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Turn a built-in rule (or check) off, or change its severity. */
  rules: z.record(z.string(), z.union([z.literal(false), z.literal('off'), severity])).optional(),
  customRules: z.array(customRule).optional(),
  allow: z
    .strictObject({
      paths: z.array(z.string().min(1)).optional(),
      regexes: z.array(z.string().min(1)).optional(),
      stopwords: z.array(z.string().min(3, 'stopwords need at least 3 characters')).optional(),
    })
    .optional(),
  publicPrefixes: z.array(z.string().regex(/^[A-Z][A-Z0-9_]*_$/, 'expected an env prefix like MY_PUBLIC_')).optional(),
  maxFileSize: z.number().int().positive().optional(),
  failOn: severity.optional(),
});

export type Config = z.infer<typeof configSchema>;
