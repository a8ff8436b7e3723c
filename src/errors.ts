/**
 * An error the user can act on: printed as one line, exit code 2, never a stack trace.
 * Messages must never contain a secret.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
