/**
 * XGBoost's float32 logistic transform (src/common/math.h): 1 / (expf(min(−m, 88.7)) + 1 + 1e-16).
 *
 * `Math.exp` rounded to float32 stands in for glibc's `expf`; the two differ by one ulp on a few
 * inputs in ten thousand, which moves a gradient by about 1e-8 and never a split in practice.
 */
export function sigmoid32(margin: number): number {
  const exponent = Math.fround(Math.min(-margin, 88.7));
  const denominator = Math.fround(Math.fround(Math.fround(Math.exp(exponent)) + 1) + 1e-16);
  return Math.fround(1 / denominator);
}
