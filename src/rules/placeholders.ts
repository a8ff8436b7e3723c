/**
 * Documentation placeholders and template values are not leaks: flagging `sk_test_...` or
 * `your_api_key_here` is the false alarm users hate most. These checks run on every candidate.
 */

const MARKERS = ['...', '…', '***', '<', '>', '${', '{{', '%s', '$('];

const WORDS = [
  'your_', 'your-', 'yourkey', 'yourapikey', 'yoursecret', '_here', '-here', 'example', 'placeholder',
  'replace_me', 'replaceme', 'changeme', 'change_me', 'insert_', 'redacted', 'dummy', 'xxxxx', 'fake_',
  'test_key', 'api_key',
];

/** True when `body` (the secret minus its known prefix) reads as a placeholder, not a key. */
export function isPlaceholder(body: string): boolean {
  if (body.length === 0) return true;
  for (const marker of MARKERS) if (body.includes(marker)) return true;
  const lower = body.toLowerCase();
  for (const word of WORDS) if (isPlaceholderWord(lower, word)) return true;
  return isLowVariety(body) || isSequence(lower);
}

/**
 * A template word marks a placeholder. A long word (`example`, `placeholder`) anywhere does: chance
 * puts one in a random key about once in a billion. A short one (`dummy`, `xxxxx`) only when the
 * body reads as words (no digit) or starts or ends with it: a random 99-character key holds
 * `dummy` somewhere about once in 300,000 keys, and reporting those is the point.
 */
function isPlaceholderWord(lower: string, word: string): boolean {
  if (!lower.includes(word)) return false;
  if (word.length >= 7 || /[^a-z0-9]/.test(word)) return true;
  return !/[0-9]/.test(lower) || lower.startsWith(word) || lower.endsWith(word);
}

/** One character repeated over most of the body, or very few distinct characters. */
function isLowVariety(body: string): boolean {
  const counts = new Map<string, number>();
  let most = 0;
  for (const ch of body) {
    const n = (counts.get(ch) ?? 0) + 1;
    counts.set(ch, n);
    if (n > most) most = n;
  }
  if (most / body.length >= 0.6) return true;
  return body.length >= 16 && counts.size <= 4;
}

const SEQUENCES = ['0123456789', '1234567890', 'abcdefghijklmnop', 'qwertyuiop'];

function isSequence(lower: string): boolean {
  return SEQUENCES.some((sequence) => lower.includes(sequence));
}
