/**
 * A seeded pseudo-random source. Every random choice of training (row sampling, column sampling,
 * splits, folds, tuning) draws from one of these, so a seed reproduces a model exactly.
 */
export interface RandomSource {
  /** A float in [0, 1). */
  nextFloat(): number;
}

/**
 * xoshiro128** seeded through splitmix32: small, fast, and with a period (2^128 − 1) far beyond
 * what training draws. The seed is any integer; equal seeds give equal streams on every platform.
 */
export function createRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  const splitmix = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = splitmix();
  let s1 = splitmix();
  let s2 = splitmix();
  let s3 = splitmix();

  const nextUint32 = (): number => {
    const result = Math.imul(rotateLeft(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotateLeft(s3 >>> 0, 11);
    s0 >>>= 0;
    s1 >>>= 0;
    s2 >>>= 0;
    return result;
  };

  return { nextFloat: () => nextUint32() / 4294967296 };
}

/** An integer in [0, bound). */
export function randomInt(random: RandomSource, bound: number): number {
  return Math.floor(random.nextFloat() * bound);
}

/** Shuffles `items` in place (Fisher–Yates) and returns it. */
export function shuffleInPlace<T extends { length: number; [index: number]: unknown }>(
  random: RandomSource,
  items: T,
): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    const held = items[i];
    items[i] = items[j];
    items[j] = held;
  }
  return items;
}

/** A new seed drawn from `random`, for handing an independent stream to a sub-task. */
export function deriveSeed(random: RandomSource): number {
  return Math.floor(random.nextFloat() * 4294967296) >>> 0;
}

function rotateLeft(value: number, bits: number): number {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0;
}
