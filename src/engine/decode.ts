/** Bytes to text: skip binary content, honour BOMs (UTF-8, UTF-16 LE/BE), keep offsets meaningful. */

export type Sniffed = { binary: true } | { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; bom: number };

const SNIFF_BYTES = 8000;

/** How `content` is to be decoded, from its first bytes (a NUL among them: binary). */
export function sniff(content: Buffer): Sniffed {
  if (content.length >= 2) {
    const b0 = content[0];
    const b1 = content[1];
    if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', bom: 2 };
    if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', bom: 2 };
  }
  const sniffEnd = Math.min(content.length, SNIFF_BYTES);
  if (content.subarray(0, sniffEnd).includes(0)) return { binary: true };
  const hasUtf8Bom = content.length >= 3 && content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf;
  return { encoding: 'utf-8', bom: hasUtf8Bom ? 3 : 0 };
}

export function decodeAs(content: Buffer, { encoding, bom }: Exclude<Sniffed, { binary: true }>): string {
  if (encoding === 'utf-8') return content.toString('utf8', bom);
  return new TextDecoder(encoding).decode(content.subarray(bom));
}
