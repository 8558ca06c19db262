/**
 * The complementary error function and the standard normal CDF. erfc uses the positive-term
 * series erf(x) = (2/√π)·e^(−x²)·Σ 2ⁿx^(2n+1)/(1·3·…·(2n+1)) below 2.5 (Abramowitz & Stegun
 * 7.1.6) and the Laplace continued fraction above (A&S 7.1.14), evaluated with Lentz's method.
 */
import { continuedFraction } from "./continued-fraction.ts";

const SQRT_PI = Math.sqrt(Math.PI);
const SQRT_HALF = Math.SQRT1_2;
const SERIES_LIMIT = 2.5;
const EPSILON = 2 ** -53;

function erfSeries(x: number): number {
  const xSquared = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 500; n++) {
    term *= (2 * xSquared) / (2 * n + 1);
    sum += term;
    if (term < sum * EPSILON) break;
  }
  return (2 / SQRT_PI) * Math.exp(-xSquared) * sum;
}

/** erfc(x) = e^(−x²)/√π / (x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) for x ≥ 2.5. */
function erfcContinuedFraction(x: number): number {
  const fraction = continuedFraction(
    x,
    (k) => k / 2,
    () => x,
  );
  return Math.exp(-x * x) / (SQRT_PI * fraction);
}

/** erf(x), odd, accurate to a few ulps. */
export function erf(x: number): number {
  if (x < 0) return -erf(-x);
  if (x < SERIES_LIMIT) return erfSeries(x);
  return 1 - erfcContinuedFraction(x);
}

/** erfc(x) = 1 − erf(x), relative-accurate in the right tail. */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < SERIES_LIMIT) return 1 - erfSeries(x);
  return erfcContinuedFraction(x);
}

/**
 * Φ(x) arranged as the Cephes `ndtr` that scipy calls: 0.5 + 0.5·erf(x/√2) near 0, and
 * 1 − 0.5·erfc(|x|/√2) beyond, so that `1 − Φ` rounds as scipy's does.
 */
export function normalCdf(x: number): number {
  const scaled = x * SQRT_HALF;
  const magnitude = Math.abs(scaled);
  if (magnitude < SQRT_HALF) return 0.5 + 0.5 * erf(scaled);
  const tail = 0.5 * erfc(magnitude);
  return scaled > 0 ? 1 - tail : tail;
}
