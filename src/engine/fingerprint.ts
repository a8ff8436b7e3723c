import { createHash } from 'node:crypto';

/** Stable across line shifts, renames and reformatting: the rule and the secret, nothing positional. */
export function fingerprint(ruleId: string, secret: string): string {
  return createHash('sha256').update(ruleId).update('\0').update(secret).digest('hex').slice(0, 32);
}
