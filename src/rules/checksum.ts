import * as zlib from 'node:zlib';
import { ALNUM, randomString } from './fake.js';

/**
 * GitHub's 40-character tokens (`ghp_` … `ghr_`) and npm's `npm_` tokens end in a checksum: the
 * last 6 characters are the CRC32 of the 30 random characters after the prefix, written in base62
 * (digits, then A-Z, then a-z) and left-padded with `0`. A random 36-character string passes with
 * a chance of 1 in 2^32, so a valid checksum all but proves a real token.
 */

export const BASE62 = ALNUM; // 0-9 A-Z a-z: the order GitHub's encoding uses
const CHECKSUM_LENGTH = 6; // 62^6 > 2^32: six characters hold any CRC32

/** CRC32 of the bytes of `data` (latin1: every token character is ASCII). */
export function crc32(data: string): number {
  // zlib.crc32 arrived in Node 20.15; the table below covers the earlier 20.x releases.
  const native = (zlib as { crc32?: (data: Buffer) => number }).crc32;
  if (typeof native === 'function') return native(Buffer.from(data, 'latin1')) >>> 0;
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = (crc >>> 8) ^ crcTable()[(crc ^ data.charCodeAt(i)) & 0xff]!;
  return (crc ^ 0xffffffff) >>> 0;
}

let table: number[] | undefined;
function crcTable(): number[] {
  if (table) return table;
  table = [];
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table.push(c >>> 0);
  }
  return table;
}

/** `n` in base62, left-padded with `0` to `width` characters. */
export function toBase62(n: number, width: number): string {
  let out = '';
  for (let rest = n; rest > 0; rest = Math.floor(rest / 62)) out = BASE62[rest % 62] + out;
  return out.padStart(width, '0');
}

/** The 6-character base62 CRC32 checksum of `random`. */
export function crc32Base62(random: string): string {
  return toBase62(crc32(random), CHECKSUM_LENGTH);
}

/** True when `body` (a token minus its prefix) ends with the base62 CRC32 of the rest. */
export function hasCrc32Checksum(body: string): boolean {
  if (body.length <= CHECKSUM_LENGTH) return false;
  const random = body.slice(0, -CHECKSUM_LENGTH);
  return crc32Base62(random) === body.slice(-CHECKSUM_LENGTH);
}

/** A fake token of GitHub's and npm's shape: `prefix` + 30 random base62 + their checksum. */
export function checksummedToken(prefix: string): string {
  const random = randomString(BASE62, 30);
  return prefix + random + crc32Base62(random);
}
