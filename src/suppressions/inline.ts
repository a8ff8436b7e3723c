/**
 * Inline suppression: a line carrying one of these markers is not reported. `gitleaks:allow` and
 * `pragma: allowlist secret` (detect-secrets) are honoured so that teams who migrate keep theirs.
 */
export const INLINE_MARKERS = ['secretguard:allow', 'gitleaks:allow', 'pragma: allowlist secret'] as const;

export function hasInlineAllow(lineText: string): boolean {
  return INLINE_MARKERS.some((marker) => lineText.includes(marker));
}
