/*
 * Single-precision expf and logf as glibc (2.28 and later) computes them on Linux, which is what
 * XGBoost's sigmoid and its base_score conversion call. Both follow the table-and-polynomial
 * algorithms of Arm's optimized-routines (MIT licence), evaluated in double and rounded once to
 * float32; the tables and coefficients are those routines' exact binary64 values, written here
 * as 64-bit patterns because a decimal approximation changes results (docs/model-format.md,
 * "The float32 rules").
 * Math.exp and Math.log rounded to float32 disagree with glibc by one ulp on a few inputs in
 * ten thousand, which is why they are not used.
 */

const words = new Uint32Array(2);
const double = new Float64Array(words.buffer);
const single = new Float32Array(1);
const singleBits = new Uint32Array(single.buffer);
// Typed arrays use the platform's byte order; this module assumes little-endian hardware, as
// every platform Node.js supports is.
const LOW = 0;
const HIGH = 1;

function fromBits(high: number, low: number): number {
  words[HIGH] = high;
  words[LOW] = low;
  return double[0] ?? Number.NaN;
}

/** 2^(i/32) for i in 0..31, with i·2^47 subtracted from each bit pattern (exp2f_data.c). */
const EXP2_TABLE_HIGH = new Uint32Array(32);
const EXP2_TABLE_LOW = new Uint32Array(32);
[
  0x3ff0000000000000n,
  0x3fefd9b0d3158574n,
  0x3fefb5586cf9890fn,
  0x3fef9301d0125b51n,
  0x3fef72b83c7d517bn,
  0x3fef54873168b9aan,
  0x3fef387a6e756238n,
  0x3fef1e9df51fdee1n,
  0x3fef06fe0a31b715n,
  0x3feef1a7373aa9cbn,
  0x3feedea64c123422n,
  0x3feece086061892dn,
  0x3feebfdad5362a27n,
  0x3feeb42b569d4f82n,
  0x3feeab07dd485429n,
  0x3feea47eb03a5585n,
  0x3feea09e667f3bcdn,
  0x3fee9f75e8ec5f74n,
  0x3feea11473eb0187n,
  0x3feea589994cce13n,
  0x3feeace5422aa0dbn,
  0x3feeb737b0cdc5e5n,
  0x3feec49182a3f090n,
  0x3feed503b23e255dn,
  0x3feee89f995ad3adn,
  0x3feeff76f2fb5e47n,
  0x3fef199bdd85529cn,
  0x3fef3720dcef9069n,
  0x3fef5818dcfba487n,
  0x3fef7c97337b9b5fn,
  0x3fefa4afa2a490dan,
  0x3fefd0765b6e4540n,
].forEach((bits, index) => {
  EXP2_TABLE_HIGH[index] = Number(bits >> 32n);
  EXP2_TABLE_LOW[index] = Number(bits & 0xffffffffn);
});

const SHIFT = 6755399441055744; // 0x1.8p52: adding it rounds a double to an integer.
const INV_LN2_32 = fromBits(0x3ff71547, 0x652b82fe) * 32;
const EXP_C0 = fromBits(0x3fac6af8, 0x4b912394) / 32 / 32 / 32;
const EXP_C1 = fromBits(0x3fcebfce, 0x50fac4f3) / 32 / 32;
const EXP_C2 = fromBits(0x3fe62e42, 0xff0c52d6) / 32;
const EXP_OVERFLOW = 88.72283172607422; // 0x1.62e42ep6f, the largest x with a finite expf(x).
const EXP_UNDERFLOW = -103.97208404541016; // -0x1.9fe368p6f, below which expf(x) rounds to 0.

/** expf(x) for a float32 `x`, bit-identical to glibc's; the result is a float32 value. */
export function expf(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x > EXP_OVERFLOW) return Number.POSITIVE_INFINITY;
  if (x < EXP_UNDERFLOW) return 0;

  // x·32/ln2 = k + r with k an integer and |r| ≤ 1/2, so e^x = 2^(k/32) · 2^(r/32).
  const z = INV_LN2_32 * x;
  const k = z + SHIFT - SHIFT;
  const r = z - k;
  const index = k & 31;
  // Adding k·2^47 to the table's bit pattern restores 2^(index/32) and scales it by 2^(k>>5).
  const scale = fromBits((EXP2_TABLE_HIGH[index] ?? 0) + k * 32768, EXP2_TABLE_LOW[index] ?? 0);
  const cubic = EXP_C0 * r + EXP_C1;
  const linear = EXP_C2 * r + 1;
  return Math.fround((cubic * (r * r) + linear) * scale);
}

/** 1/c and log(c) for the 16 subintervals of [0x1.66p-1, 0x1.66p0) (logf_data.c). */
const LOG_TABLE = [
  [0x3ff661ec, 0x79f8f3be, 0xbfd57bf7, 0x808caade],
  [0x3ff571ed, 0x4aaf883d, 0xbfd2bef0, 0xa7c06ddb],
  [0x3ff49539, 0xf0f010b0, 0xbfd01eae, 0x7f513a67],
  [0x3ff3c995, 0xb0b80385, 0xbfcb31d8, 0xa68224e9],
  [0x3ff30d19, 0x0c8864a5, 0xbfc6574f, 0x0ac07758],
  [0x3ff25e22, 0x7b0b8ea0, 0xbfc1aa2b, 0xc79c8100],
  [0x3ff1bb4a, 0x4a1a343f, 0xbfba4e76, 0xce8c0e5e],
  [0x3ff12358, 0xf08ae5ba, 0xbfb1973c, 0x5a611ccc],
  [0x3ff0953f, 0x419900a7, 0xbfa252f4, 0x38e10c1e],
  [0x3ff00000, 0x00000000, 0x00000000, 0x00000000],
  [0x3fee608c, 0xfd9a47ac, 0x3faaa5aa, 0x5df25984],
  [0x3feca4b3, 0x1f026aa0, 0x3fbc5e53, 0xaa362eb4],
  [0x3feb2036, 0x576afce6, 0x3fc526e5, 0x7720db08],
  [0x3fe9c2d1, 0x63a1aa2d, 0x3fcbc286, 0x0d224770],
  [0x3fe886e6, 0x037841ed, 0x3fd1058b, 0xc8a07ee1],
  [0x3fe767dc, 0xf5534862, 0x3fd40430, 0x57b6ee09],
];
const LOG_INV_C = Float64Array.from(LOG_TABLE, ([h = 0, l = 0]) => fromBits(h, l));
const LOG_C = Float64Array.from(LOG_TABLE, ([, , h = 0, l = 0]) => fromBits(h, l));
const LN2 = fromBits(0x3fe62e42, 0xfefa39ef);
const LOG_A0 = fromBits(0xbfd00ea3, 0x48b88334);
const LOG_A1 = fromBits(0x3fd5575b, 0x0be00b6a);
const LOG_A2 = fromBits(0xbfdffffe, 0xf20a4123);
const LOG_OFFSET = 0x3f330000;

/** logf(x) for a positive normal float32 `x`, bit-identical to glibc's; others use Math.log. */
export function logf(x: number): number {
  single[0] = x;
  const bits = singleBits[0] ?? 0;
  if (bits === 0x3f800000) return 0;
  if (bits < 0x00800000 || bits >= 0x7f800000) return Math.fround(Math.log(x));

  // x = 2^k · z with z in [OFFSET, 2·OFFSET); the subinterval of z picks c, near its centre.
  const offset = (bits - LOG_OFFSET) >>> 0;
  const index = (offset >>> 19) & 15;
  const k = (offset | 0) >> 23;
  single[0] = 0;
  singleBits[0] = (bits - (offset & 0xff800000)) >>> 0;
  const z = single[0] ?? 1;
  const r = z * (LOG_INV_C[index] ?? 1) - 1;
  const y0 = (LOG_C[index] ?? 0) + k * LN2;
  const r2 = r * r;
  const y = LOG_A0 * r2 + (LOG_A1 * r + LOG_A2);
  return Math.fround(y * r2 + (y0 + r));
}

/** XGBoost's float32 sigmoid: 1 / (expf(min(-m, 88.7)) + 1 + 1e-16), each step in float32. */
export function sigmoidf(margin: number): number {
  const t = Math.min(-margin, SIGMOID_CLAMP);
  const denominator = Math.fround(Math.fround(expf(t) + 1) + SIGMOID_EPSILON);
  return Math.fround(1 / denominator);
}

const SIGMOID_CLAMP = Math.fround(88.7);
const SIGMOID_EPSILON = Math.fround(1e-16);

/** XGBoost's logistic ProbToMargin: -logf(1/p - 1) in float32, the margin of a base_score. */
export function probabilityToMarginf(probability: number): number {
  const p = Math.fround(probability);
  return -logf(Math.fround(Math.fround(1 / p) - 1));
}
