/**
 * A seeded source of randomness, injected wherever the generator draws, so the same seed always
 * writes the same files on every machine.
 */
export interface Random {
  /** A uniform draw in [0, 1). */
  uniform(): number;
  /** A standard normal draw. */
  normal(): number;
  /** A uniform integer in [0, count). */
  integer(count: number): number;
}

/**
 * xoshiro128** (Blackman and Vigna, 2018) seeded through splitmix32, so nearby seeds give
 * unrelated streams. 32-bit integer arithmetic only, hence exact and portable in JavaScript.
 */
export function createRandom(seed: number): Random {
  let splitState = seed >>> 0;
  const splitmix32 = () => {
    splitState = (splitState + 0x9e3779b9) >>> 0;
    let z = splitState;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const nextUint32 = xoshiro128StarStar(
    Uint32Array.of(splitmix32(), splitmix32(), splitmix32(), splitmix32()),
  );

  const uniform = () => nextUint32() / 2 ** 32;
  // Box–Muller, keeping the second draw of each pair for the next call.
  let spare: number | undefined;
  const normal = () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };

  return { uniform, normal, integer: (count) => Math.floor(uniform() * count) };
}

/** The xoshiro128** step over a four-word state (updated in place), giving 32-bit outputs. */
export function xoshiro128StarStar(state: Uint32Array): () => number {
  return () => {
    const [s0 = 0, s1 = 0, s2 = 0, s3 = 0] = state;
    const result = Math.imul(rotateLeft(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const shifted = (s1 << 9) >>> 0;
    const t2 = (s2 ^ s0) >>> 0;
    const t3 = (s3 ^ s1) >>> 0;
    state[1] = s1 ^ t2;
    state[0] = s0 ^ t3;
    state[2] = t2 ^ shifted;
    state[3] = rotateLeft(t3, 11);
    return result;
  };
}

function rotateLeft(value: number, bits: number): number {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0;
}

/** A seed for a named part of a run, so each file of a set draws its own stream. */
export function deriveSeed(seed: number, part: string): number {
  let hash = seed >>> 0;
  for (const char of part) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return hash;
}
