import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkKeywords } from '../src/checks/check.js';
import { fileChecks, PUBLIC_ENV_PREFIXES } from '../src/checks/index.js';
import { KeywordSearch } from '../src/engine/keyword-search.js';
import { compileRules, prefilter } from '../src/engine/ruleset.js';
import { builtinRules } from '../src/rules/index.js';

/**
 * KeywordSearch against the obvious answer (Buffer#indexOf per keyword). On failure fast-check's
 * error names the seed and the path of the shrunk counterexample; replay with FC_SEED=<seed> (and FC_PATH=<path>).
 */

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const path = process.env.FC_PATH;
const params = (numRuns: number): fc.Parameters<unknown> => ({ numRuns, ...(seed !== undefined ? { seed } : {}), ...(path ? { path } : {}) });
const runs = (factor: number) => Math.max(1, Math.round(Number(process.env.FC_RUNS ?? 1000) * factor));

const B = (text: string) => Buffer.from(text, 'utf8');
const naive = (keywords: readonly string[], bytes: Uint8Array) => {
  const haystack = Buffer.from(bytes);
  return keywords.flatMap((keyword, id) => (haystack.indexOf(B(keyword)) >= 0 ? [id] : []));
};
const found = (search: KeywordSearch, text: string | Uint8Array) => search.find(typeof text === 'string' ? B(text) : text).map((id) => search.keywords[id]);

// The same engine setup as a scan: every rule's keywords, the file checks' and the public env prefixes.
const ruleSet = compileRules(builtinRules, { fileChecks, publicPrefixes: PUBLIC_ENV_PREFIXES });
const realKeywords = ruleSet.search.keywords;

/** Bytes made of the keywords, their prefixes (near misses) and suffixes, their letters and random bytes. */
const bytesAround = (keywords: readonly string[], maxParts: number) => {
  const kw = fc.constantFrom(...keywords).map(B);
  const cut = kw.chain((k) => fc.tuple(fc.constant(k), fc.integer({ min: 1, max: k.length - 1 })));
  const letters = [...new Set(keywords.join(''))];
  return fc
    .array(
      fc.oneof(kw, cut.map(([k, n]) => k.subarray(0, n)), cut.map(([k, n]) => k.subarray(n)), fc.constantFrom(...letters).map(B), fc.integer({ min: 0, max: 255 }).map((b) => Uint8Array.of(b))),
      { maxLength: maxParts },
    )
    .map((parts) => new Uint8Array(Buffer.concat(parts)));
};

describe('KeywordSearch.find equals the naive search', () => {
  const ALPHABET = ['a', 'b', 'c', '_', '\0'];
  const word = fc.array(fc.constantFrom(...ALPHABET), { minLength: 3, maxLength: 8 }).map((chars) => chars.join(''));
  /** Random words, pieces of them (prefixes, suffixes, middles: keywords inside keywords), and overlapping classics. */
  const keywordSets = fc
    .tuple(fc.array(word, { minLength: 1, maxLength: 6 }), fc.array(fc.tuple(fc.nat(), fc.nat(7), fc.integer({ min: 3, max: 8 })), { maxLength: 5 }), fc.boolean())
    .map(([base, cuts, classics]) => [
      ...base,
      ...cuts.map(([i, start, length]) => base[i % base.length]!.slice(start, start + length)).filter((k) => k.length >= 3),
      ...(classics ? ['abcab', 'cab', 'bca', 'abc'] : []),
    ]);

  it('on small alphabets, where hits, near misses and overlaps are frequent', () => {
    const stats = { hit: 0, miss: 0, threeByteAtEnd: 0 };
    fc.assert(
      fc.property(keywordSets.chain((keywords) => fc.tuple(fc.constant(keywords), bytesAround(keywords, 25))), ([keywords, bytes]) => {
        const search = new KeywordSearch(keywords);
        expect(search.keywords).toEqual([...new Set(keywords)]);
        const expected = naive(search.keywords, bytes);
        expect(search.find(bytes)).toEqual(expected);
        stats.hit += expected.length;
        stats.miss += search.keywords.length - expected.length;
        if (search.keywords.some((k) => k.length === 3 && B(k).equals(Buffer.from(bytes.subarray(-3))))) stats.threeByteAtEnd++;
      }),
      params(runs(1)),
    );
    // The generator really produces both outcomes, and 3-byte keywords in the last three bytes.
    if (!path) expect(Math.min(stats.hit, stats.miss, stats.threeByteAtEnd * 10)).toBeGreaterThan(runs(0.5));
  });

  it('with hundreds of random keywords (crowded table, shared buckets, many 3-byte keywords)', () => {
    const printable = fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c));
    const keyword = fc.array(printable, { minLength: 3, maxLength: 6 }).map((chars) => chars.join(''));
    const sets = fc.uniqueArray(keyword, { minLength: 200, maxLength: 1500 });
    fc.assert(
      fc.property(sets.chain((keywords) => fc.tuple(fc.constant(keywords), bytesAround(keywords, 200))), ([keywords, bytes]) => {
        const search = new KeywordSearch(keywords);
        expect(search.find(bytes)).toEqual(naive(search.keywords, bytes));
      }),
      params(runs(0.03)),
    );
  });

  it('with the real rule and check keywords', () => {
    fc.assert(
      fc.property(bytesAround(realKeywords, 30), (bytes) => {
        expect(ruleSet.search.find(bytes)).toEqual(naive(realKeywords, bytes));
      }),
      params(runs(1)),
    );
  });
});

describe('KeywordSearch edge cases', () => {
  const search = new KeywordSearch(['abc', 'wxyz', 'bc\0', 'clé_', 'é_', '日本']);

  it('finds a keyword at offset 0, and as the whole input', () => {
    expect(found(search, 'abcqqqq')).toEqual(['abc']);
    expect(found(search, 'wxyzqqqq')).toEqual(['wxyz']);
    expect(found(search, 'abc')).toEqual(['abc']);
    expect(found(search, 'wxyz')).toEqual(['wxyz']);
  });

  it('finds a keyword ending exactly at the last byte (3-byte and 4-byte)', () => {
    expect(found(search, 'qqqqabc')).toEqual(['abc']);
    expect(found(search, 'qabc')).toEqual(['abc']);
    expect(found(search, 'qqqqwxyz')).toEqual(['wxyz']);
    expect(found(search, 'qwxyz')).toEqual(['wxyz']);
  });

  it('the end of the input is not a real 0 byte', () => {
    expect(found(search, 'qabc')).not.toContain('bc\0');
    expect(found(search, 'qabc\0')).toEqual(['abc', 'bc\0']);
  });

  it('finds nothing in inputs too short for any keyword, or for the one that is there in part', () => {
    expect(found(search, '')).toEqual([]);
    expect(found(search, 'ab')).toEqual([]);
    expect(found(search, 'wxy')).toEqual([]);
    expect(found(search, 'xyz')).toEqual([]);
    expect(found(new KeywordSearch(['abcd']), 'abc')).toEqual([]);
  });

  it('reads only the bytes of a view, not the rest of its buffer', () => {
    const whole = B('abcwxyz--qqqq--abcwxyz');
    expect(found(search, whole.subarray(9, 13))).toEqual([]);
    expect(found(search, whole.subarray(1, 7))).toEqual(['wxyz']);
    expect(found(search, whole.subarray(15))).toEqual(['abc', 'wxyz']);
  });

  it('matches UTF-8 keywords in UTF-8 bytes (and not in Latin-1 ones); 3 bytes is 3 bytes, not 3 characters', () => {
    expect(found(search, 'une clé_secrète')).toEqual(['clé_', 'é_']);
    expect(found(search, Buffer.from('une clé_secrète', 'latin1'))).toEqual([]);
    expect(found(search, '東京と日本')).toEqual(['日本']);
    expect(found(new KeywordSearch(['日']), 'x日')).toEqual(['日']);
  });

  it('keeps one copy of a duplicate keyword, first occurrence order', () => {
    const dup = new KeywordSearch(['abc', 'xyz', 'abc', 'xyz']);
    expect(dup.keywords).toEqual(['abc', 'xyz']);
    expect(dup.find(B('xyz abc'))).toEqual([0, 1]);
  });

  it('rejects keywords shorter than 3 bytes', () => {
    for (const short of ['', 'a', 'ab', 'é']) expect(() => new KeywordSearch(['abc', short])).toThrow(/at least 3 bytes/);
  });
});

describe('KeywordSearch runs in linear time on hostile input', () => {
  const SIZE = 5 * 1024 * 1024;
  const line = (units: readonly Uint8Array[]) => {
    const unit = Buffer.concat(units);
    const bytes = new Uint8Array(SIZE);
    for (let i = 0; i < SIZE; i += unit.length) bytes.set(unit.subarray(0, SIZE - i), i);
    return bytes;
  };
  const sum = (bytes: Uint8Array) => {
    let total = 0;
    for (let i = 0; i < bytes.length; i++) total = (total + bytes[i]!) | 0;
    return total;
  };
  const bestOf = (f: () => unknown) => {
    let best = Infinity;
    for (let k = 0; k < 5; k++) {
      const start = performance.now();
      f();
      best = Math.min(best, performance.now() - start);
    }
    return best;
  };
  const assertFast = (search: KeywordSearch, bytes: Uint8Array) => {
    expect(search.find(bytes)).toEqual(naive(search.keywords, bytes)); // also warms both up
    sum(bytes);
    const reference = bestOf(() => sum(bytes));
    const elapsed = bestOf(() => search.find(bytes));
    expect(elapsed, `find ${elapsed.toFixed(1)} ms vs reference loop ${reference.toFixed(1)} ms`).toBeLessThan(Math.max(30 * reference, 20));
    expect(elapsed).toBeLessThan(3000);
  };
  /** `prefix` followed by each of the 256 byte values. */
  const everyByteAfter = (prefix: string) => Array.from({ length: 256 }, (_, b) => Buffer.concat([B(prefix), Uint8Array.of(b)]));

  it('synthetic keywords: a table hit at (nearly) every byte, none completing', () => {
    const search = new KeywordSearch(['aaaab', 'sk_live_', 'abcab', 'cab', 're_']);
    assertFast(search, line([B('a'.repeat(4096)), B('sk_l'.repeat(512)), B('abcaabca'.repeat(256)), ...everyByteAfter('sk_'), ...everyByteAfter('re_')]));
  });

  it('the real keywords: each one but its last byte, first four bytes repeated, 3-byte ones before every byte', () => {
    const long = realKeywords.filter((k) => B(k).length >= 4);
    const short = realKeywords.filter((k) => B(k).length === 3);
    expect(short.length).toBeGreaterThan(0);
    const units = [...long.map((k) => B(k).subarray(0, -1)), ...long.map((k) => Buffer.concat(Array<Uint8Array>(8).fill(B(k).subarray(0, 4)))), ...short.flatMap(everyByteAfter)];
    assertFast(ruleSet.search, line(units));
  });
});

describe('prefilter with the compiled built-in rules', () => {
  /** What prefilter should say, from the text itself: the rules and file checks whose keywords it contains. */
  const oracle = (text: string) => ({
    rules: ruleSet.rules.filter((entry) => entry.rule.keywords.some((k) => text.includes(k))).map((entry) => entry.rule.id),
    checks: fileChecks.filter((check) => checkKeywords(check, ruleSet.checkContext).some((k) => text.includes(k))).map((check) => check.id).sort(),
  });
  const actual = (content: string | Uint8Array) => {
    const result = prefilter(ruleSet, content);
    return { rules: result.rules.map((entry) => entry.rule.id), checks: [...result.checks].map((check) => check.id).sort() };
  };

  it('a keyword right next to emoji, CJK and other non-Latin-1 characters still activates its rules', () => {
    for (const keyword of realKeywords) {
      const rules = ruleSet.rules.filter((entry) => entry.rule.keywords.includes(keyword)).map((entry) => entry.rule.id);
      for (const text of [`😀${keyword}日本`, `中${keyword}`, `${keyword}😀`, `Ωŧ\u2028${keyword}\u{10ffff}`]) {
        const result = actual(text);
        expect(result.rules, text).toEqual(expect.arrayContaining(rules));
        expect(result).toEqual(oracle(text));
      }
    }
  });

  it('characters whose low byte spells a keyword do not (the text is searched as UTF-8, not Latin-1)', () => {
    for (const keyword of realKeywords) {
      const lookalike = [...keyword].map((c) => String.fromCharCode(0x100 | c.charCodeAt(0))).join('');
      expect(actual(`${lookalike} ${lookalike}`), lookalike).toEqual({ rules: [], checks: [] });
    }
  });

  it('a Buffer and a string of the same text give the same answer, the one the text calls for', () => {
    const pieces = [...realKeywords, ...realKeywords.map((k) => k.slice(0, -1)), ...'abcXYZ09_-./:= \n\t"', '日本', '😀', 'é', 'ŧ'];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(actual(t)).toEqual(oracle(t));
        expect(actual(B(t))).toEqual(actual(t));
      }),
      params(runs(1)),
    );
  });
});
