/** Bytes to text: skip binary content, honour BOMs (UTF-8, UTF-16 LE/BE), keep offsets meaningful. */

export type Decoded = { text: string } | { binary: true };

const SNIFF_BYTES = 8000;

export function decode(content: Buffer): Decoded {
  if (content.length >= 2) {
    const b0 = content[0];
    const b1 = content[1];
    if (b0 === 0xff && b1 === 0xfe) return { text: new TextDecoder('utf-16le').decode(content.subarray(2)) };
    if (b0 === 0xfe && b1 === 0xff) return { text: new TextDecoder('utf-16be').decode(content.subarray(2)) };
  }
  const sniffEnd = Math.min(content.length, SNIFF_BYTES);
  if (content.subarray(0, sniffEnd).includes(0)) return { binary: true };
  const hasUtf8Bom = content.length >= 3 && content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf;
  return { text: (hasUtf8Bom ? content.subarray(3) : content).toString('utf8') };
}
