/** Reading JWTs without trusting them: enough to tell what a token claims to be. */

/** The JSON payload of a three-part JWT, or undefined when it is not one. */
export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The base64url text that any encoding of `literal` contains, for each of its three possible
 * alignments in the encoded bytes: only the characters made of `literal`'s bits alone. A JWT whose
 * payload holds `"role":"service_role"` contains one of the fragments of `"service_role"`, which
 * makes them prefilter keywords.
 */
export function base64urlFragments(literal: string): string[] {
  const bytes = Buffer.from(literal, 'utf8');
  const fragments: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes, Buffer.alloc(2)]).toString('base64url');
    const first = Math.ceil((8 * offset) / 6); // first character whose 6 bits all come from `literal`
    const end = Math.floor((8 * (offset + bytes.length)) / 6); // past the last such character
    fragments.push(encoded.slice(first, end));
  }
  return fragments;
}
