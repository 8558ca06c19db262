/**
 * The log-gamma function and the regularized upper incomplete gamma Q(a, x), which gives the
 * chi-square survival function. Q follows Numerical Recipes (Press et al., 3rd ed., §6.2): the
 * power series for x < a + 1 and Lentz's continued fraction otherwise, both relative-accurate
 * in the far tail because the prefactor e^−x·x^a/Γ(a) is formed in log space.
 */
import { continuedFraction } from "./continued-fraction.ts";

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
const STIRLING_SHIFT = 15;
const MAX_ITERATIONS = 10_000;
const EPSILON = 2 ** -53;

/**
 * ln Γ(x) for x > 0 by Stirling's series at x ≥ 15 (terms up to B₁₀, truncation below 1e-16
 * there) and the recurrence Γ(x) = Γ(x + k)/(x(x+1)…(x+k−1)) below it.
 */
export function logGamma(x: number): number {
  let shift = 0;
  let product = 1;
  let y = x;
  while (y < STIRLING_SHIFT) {
    product *= y;
    y += 1;
    shift++;
  }
  const inverse = 1 / y;
  const inverseSquared = inverse * inverse;
  const series =
    inverse *
    (1 / 12 +
      inverseSquared *
        (-1 / 360 +
          inverseSquared *
            (1 / 1260 + inverseSquared * (-1 / 1680 + inverseSquared * (1 / 1188)))));
  const value = (y - 0.5) * Math.log(y) - y + HALF_LOG_TWO_PI + series;
  return shift === 0 ? value : value - Math.log(product);
}

/** Regularized upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a), for a > 0 and x ≥ 0. */
export function upperRegularizedGamma(a: number, x: number): number {
  if (Number.isNaN(x) || Number.isNaN(a)) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  const logPrefactor = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) return 1 - lowerSeries(a, x, logPrefactor);
  return upperContinuedFraction(a, x, logPrefactor);
}

/** P(a, x) by the series e^−x·x^a/Γ(a+1) · Σ xⁿ/((a+1)…(a+n)). */
function lowerSeries(a: number, x: number, logPrefactor: number): number {
  let term = 1 / a;
  let sum = term;
  let denominator = a;
  for (let n = 0; n < MAX_ITERATIONS; n++) {
    denominator += 1;
    term *= x / denominator;
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * Math.exp(logPrefactor);
}

/** Q(a, x) by the continued fraction 1/(x+1−a− 1(1−a)/(x+3−a− 2(2−a)/(x+5−a−…))). */
function upperContinuedFraction(a: number, x: number, logPrefactor: number): number {
  const fraction = continuedFraction(
    0,
    (k) => (k === 1 ? 1 : -(k - 1) * (k - 1 - a)),
    (k) => x + 2 * k - 1 - a,
  );
  return Math.exp(logPrefactor) * fraction;
}

/** Survival function of the chi-square distribution with `degreesOfFreedom` at `statistic`. */
export function chiSquareSurvival(statistic: number, degreesOfFreedom: number): number {
  return upperRegularizedGamma(degreesOfFreedom / 2, statistic / 2);
}
