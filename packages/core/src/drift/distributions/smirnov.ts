/**
 * The one-sided Smirnov survival function P(D⁺ₙ ≥ x), by the Birnbaum–Tingey sum
 *   x · Σ_{v=0}^{⌊n(1−x)⌋} C(n, v) (1 − x − v/n)^(n−v) (x + v/n)^(v−1)
 * (Birnbaum & Tingey 1951; van Mulbregt 2018, arXiv:1802.06966). Every term is positive, so the
 * sum has no cancellation. Each term is formed in log space with the binomial written through
 * Loader's Stirling-error correction, which keeps the large n·log n parts from cancelling and
 * the terms accurate to ~1e-13 even for n near a million.
 */
import { logGamma } from "./gamma.ts";

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
/** Beyond this n scipy 1.10 switches to the approximation e^(−(6nx+1)²/(18n)); so does this. */
const MAX_COMPUTED_N = 1_000_000;
/** Cephes MINLOG: below it e^x underflows. */
const EPSILON = 2 ** -52;
const MIN_LOG = -708.3964185322641;

/** δ(k) = ln k! − ((k + ½) ln k − k + ½ ln 2π), Stirling's error. */
function stirlingError(k: number): number {
  if (k < 15) {
    return logGamma(k + 1) - ((k + 0.5) * Math.log(k) - k + HALF_LOG_TWO_PI);
  }
  const inverse = 1 / k;
  const inverseSquared = inverse * inverse;
  return (
    inverse *
    (1 / 12 +
      inverseSquared * (-1 / 360 + inverseSquared * (1 / 1260 + inverseSquared * (-1 / 1680))))
  );
}

/**
 * ⌊n·x⌋ computed from the exact product (Dekker's two-product), so the summation limit is right
 * even when n·x rounds onto an integer.
 */
function floorOfProduct(n: number, x: number): { floor: number; hasRemainder: boolean } {
  const product = n * x;
  const error = twoProductError(n, x, product);
  let floor = Math.floor(product);
  let remainder = product - floor + error;
  if (remainder < 0) {
    floor -= 1;
    remainder += 1;
  } else if (remainder >= 1) {
    floor += 1;
    remainder -= 1;
  }
  return { floor, hasRemainder: remainder !== 0 };
}

function split(a: number): [number, number] {
  const c = 134217729 * a; // 2^27 + 1
  const high = c - (c - a);
  return [high, a - high];
}

function twoProductError(a: number, b: number, product: number): number {
  const [aHigh, aLow] = split(a);
  const [bHigh, bLow] = split(b);
  return aLow * bLow - (product - aHigh * bHigh - aLow * bHigh - aHigh * bLow);
}

/** P(D⁺ₙ ≥ x) for integer n ≥ 1 and 0 ≤ x ≤ 1. */
export function smirnovSurvival(n: number, x: number): number {
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  if (n === 1) return x;
  const { floor: nxFloor, hasRemainder } = floorOfProduct(n, x);
  if (nxFloor === 0 || (nxFloor === 1 && !hasRemainder)) {
    return 1 - x * (1 + x) ** (n - 1);
  }
  if (-2 * n * x * x < MIN_LOG) return 0;
  if (nxFloor >= n - 1) return (1 - x) ** n;
  if (n > MAX_COMPUTED_N) {
    const logP = -((6 * n * x + 1) ** 2) / 18 / n;
    return logP < -Math.LN2 ? Math.exp(logP) : 1 + Math.expm1(logP);
  }

  // The last index is ⌊n(1 − x)⌋, less the boundary term when n·x is an integer: n − ⌊nx⌋ − 1.
  const lastIndex = n - nxFloor - 1;
  // Terms are summed relative to the largest so far; the sum stops once the remaining terms,
  // each smaller than the current one, cannot change it in the last bit (Cephes' criterion).
  let maxLog = n * Math.log1p(-x) - Math.log(x);
  let sum = 1;
  let previousLog = maxLog;
  for (let v = 1; v <= lastIndex; v++) {
    const logTerm = logBirnbaumTingeyTerm(n, x, v);
    if (logTerm > maxLog) {
      sum = sum * Math.exp(maxLog - logTerm) + 1;
      maxLog = logTerm;
    } else {
      const term = Math.exp(logTerm - maxLog);
      sum += term;
      const isFalling = logTerm < previousLog;
      if (isFalling && 4 * (lastIndex - v) * term < EPSILON * sum) break;
    }
    previousLog = logTerm;
  }
  return Math.min(1, Math.max(0, Math.exp(maxLog + Math.log(x * sum))));
}

/**
 * ln[C(n, v)(1 − x − v/n)^(n−v)(x + v/n)^(v−1)] for 1 ≤ v < n, rearranged as
 *   v·ln(1 + nx/v) − ln(x + v/n) + (n − v)·ln(1 − nx/(n − v)) + ½ ln(n/(2π v (n−v))) + δ terms,
 * where every piece is of order n·x rather than n·ln n.
 */
function logBirnbaumTingeyTerm(n: number, x: number, v: number): number {
  const rest = n - v;
  const nx = n * x;
  return (
    v * Math.log1p(nx / v) -
    Math.log(x + v / n) +
    rest * Math.log1p(-nx / rest) +
    0.5 * Math.log(n / (2 * Math.PI * v * rest)) +
    stirlingError(n) -
    stirlingError(v) -
    stirlingError(rest)
  );
}
