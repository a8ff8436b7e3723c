import { UsageError } from '../errors.js';

/** Every failure: one line on stderr, any secret in it redacted, exit code 2. Never a stack trace. */
export async function printError(error: unknown): Promise<number> {
  const { redactText } = await import('../engine/redact-text.js');
  process.stderr.write(`secretguard: ${redactText(describeError(error)).replace(/\s*\n\s*/g, '; ')}\n`);
  return 2;
}

function describeError(error: unknown): string {
  if (error instanceof UsageError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `unexpected error: ${message.split('\n')[0]}`;
}
