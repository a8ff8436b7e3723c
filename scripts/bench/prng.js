// A small seeded PRNG (sfc32), so that the generated corpus is the same on every machine and run.

/** 32-bit hash of a string (FNV-1a), used to derive seeds from names. */
export function hash32(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A generator of floats in [0, 1) plus the helpers the corpus needs, seeded by any string. */
export function createRandom(seed) {
  let a = hash32(`a:${seed}`);
  let b = hash32(`b:${seed}`);
  let c = hash32(`c:${seed}`);
  let d = hash32(`d:${seed}`) | 1;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return (r >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();

  const random = {
    next,
    /** Integer in [0, n). */
    int: (n) => Math.floor(next() * n),
    /** Integer in [lo, hi]. */
    range: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    /** Standard normal (Box–Muller). */
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    /** Log-normal with the given mean and shape (sigma of the underlying normal). */
    logNormal: (mean, sigma) => Math.exp(Math.log(mean) - (sigma * sigma) / 2 + sigma * random.normal()),
    /** `length` characters from `charset`. */
    string: (charset, length) => {
      let out = '';
      for (let i = 0; i < length; i++) out += charset[Math.floor(next() * charset.length)];
      return out;
    },
    /** A child generator with its own stream, so that adding draws in one place does not shift another. */
    fork: (name) => createRandom(`${seed}/${name}`),
  };
  return random;
}
