import { randomBytes } from 'node:crypto';

/** Builders of fake keys of realistic shape, for tests and the demo: never committed, always fresh. */

export const DIGITS = '0123456789';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const ALNUM = DIGITS + UPPER + LOWER;
export const HEX = '0123456789abcdef';
export const BASE64URL = ALNUM + '-_';
export const BASE64 = ALNUM + '+/';

/** `length` characters drawn uniformly from `charset`. */
export function randomString(charset: string, length: number): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; i < length; i++) {
    out += charset[bytes.readUInt16LE(i * 2) % charset.length];
  }
  return out;
}

export function base64url(value: string): string {
  return Buffer.from(value).toString('base64url');
}

/** An unsigned JWT-shaped token carrying `payload` (the signature part is random). */
export function fakeJwt(payload: Record<string, unknown>): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  return `${header}.${base64url(JSON.stringify(payload))}.${randomString(BASE64URL, 43)}`;
}
