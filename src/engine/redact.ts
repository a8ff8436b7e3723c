/** Redaction, the way Stripe shows keys: the known prefix, an ellipsis, the last four characters. */

/** Below this many characters after the prefix, the tail is hidden too: four of eight is half a password. */
const MIN_BODY_FOR_TAIL = 12;

export function redact(secret: string, prefix: string, showTail = true): string {
  const visiblePrefix = secret.startsWith(prefix) ? prefix : '';
  const body = secret.length - visiblePrefix.length;
  const tail = showTail && body >= MIN_BODY_FOR_TAIL ? secret.slice(-4) : '';
  return `${visiblePrefix}…${tail}`;
}
