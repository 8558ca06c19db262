/**
 * Survival function of the two-sided one-sample Kolmogorov statistic Dₙ, P(Dₙ ≥ x), with the
 * method choice of Simard & L'Ecuyer (2011, J. Stat. Softw. 39(11)) as scipy 1.10's `kstwo.sf`
 * applies it: Ruben–Gambino closed forms at the ends, 2·Smirnov where the one-sided tails do not
 * overlap, the Durbin matrix (Marsaglia, Tsang & Wang 2003) for small n·x^1.5, and the Pelz–Good
 * asymptotic series otherwise. For n ≤ 140 and 0.754693 < n·x² ≤ 4 the Durbin matrix stands in
 * for Pomeranz's recursion: both are exact, so the values agree to rounding.
 */
import { smirnovSurvival } from "./smirnov.ts";

const PI_SQUARED = Math.PI ** 2;
const PI_FOURTH = Math.PI ** 4;
const PI_SIXTH = Math.PI ** 6;
const SQRT_TWO_PI = Math.sqrt(2 * Math.PI);
const LOG_TWO_PI = Math.log(2 * Math.PI);
const SQRT_THREE = Math.sqrt(3);
const MIN_LOG = -708;
const SCALE_EXPONENT = 128;
const SCALE = 2 ** SCALE_EXPONENT;
const INVERSE_SCALE = 2 ** -SCALE_EXPONENT;

const clip = (p: number): number => Math.min(1, Math.max(0, p));

/** P(Dₙ ≥ x) for integer n ≥ 1. */
export function kolmogorovSurvival(n: number, x: number): number {
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    return clip(1 - rubenGambinoLower(n, t));
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnovSurvival(n, x));

  const nxSquared = t * x;
  if (n <= 140) {
    if (nxSquared <= 4) return clip(1 - durbinMatrixCdf(n, x));
    return clip(2 * smirnovSurvival(n, x));
  }
  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clip(2 * smirnovSurvival(n, x));
  if (n <= 100_000 && n * x ** 1.5 <= 1.4) return clip(1 - durbinMatrixCdf(n, x));
  return clip(1 - pelzGoodCdf(n, x));
}

/** P(Dₙ ≤ x) = n!/nⁿ·(2t − 1)ⁿ for 1/(2n) ≤ x ≤ 1/n (Ruben & Gambino 1982). */
function rubenGambinoLower(n: number, t: number): number {
  if (n <= 140) {
    let product = 1;
    for (let i = 1; i <= n; i++) product *= i * (1 / n) * (2 * t - 1);
    return product;
  }
  return Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
}

/** ln(n!/nⁿ) by Stirling's series with n·ln n removed analytically. */
function logFactorialOverPower(n: number): number {
  const inverse = 1 / n;
  const u = inverse / n;
  // Bernoulli-number coefficients B₂ⱼ/(2j(2j−1)), j = 8…1, evaluated by Horner's rule in 1/n².
  const coefficients = [
    -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417,
    -0.0005952380952380953, 0.0007936507936507937, -0.002777777777777778, 0.08333333333333333,
  ];
  let polynomial = 0;
  for (const coefficient of coefficients) polynomial = polynomial * u + coefficient;
  return Math.log(n) / 2 - n + LOG_TWO_PI / 2 + inverse * polynomial;
}

/**
 * P(Dₙ ≤ d) by Durbin's matrix: with d = (k − h)/n, the k-th diagonal entry of Hⁿ·n!/nⁿ, where H
 * is the (2k−1)-square matrix of Marsaglia, Tsang & Wang (2003). Powers are rescaled by 2^128
 * with the exponent kept apart, so nothing overflows.
 */
function durbinMatrixCdf(n: number, d: number): number {
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;

  const first = new Float64Array(m);
  const inverseFactorial = new Float64Array(m);
  let factorial = 1;
  for (let j = 1; j <= m; j++) {
    inverseFactorial[j - 1] = factorial;
    factorial /= j;
    first[j - 1] = (1 - h ** j) * factorial;
  }
  first[m - 1] = (1 + (Math.max(2 * h - 1, 0) ** m - 2 * h ** m)) * factorial;

  let matrix: Float64Array = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let row = i - 1; row < m; row++) {
      matrix[row * m + i] = inverseFactorial[row - i + 1] as number;
    }
  }
  for (let row = 0; row < m; row++) matrix[row * m] = first[row] as number;
  for (let column = 0; column < m; column++) {
    matrix[(m - 1) * m + column] = first[m - 1 - column] as number;
  }

  let power: Float64Array = identity(m);
  let exponent = 0;
  let matrixExponent = 0;
  let remaining = n;
  while (remaining > 0) {
    if (remaining % 2 === 1) {
      power = multiply(power, matrix, m);
      exponent += matrixExponent;
    }
    matrix = multiply(matrix, matrix, m);
    matrixExponent *= 2;
    if (Math.abs(matrix[(k - 1) * m + (k - 1)] as number) > SCALE) {
      for (let i = 0; i < matrix.length; i++) matrix[i] = (matrix[i] as number) * INVERSE_SCALE;
      matrixExponent += SCALE_EXPONENT;
    }
    remaining = Math.floor(remaining / 2);
  }

  let p = power[(k - 1) * m + (k - 1)] as number;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < INVERSE_SCALE) {
      p *= SCALE;
      exponent -= SCALE_EXPONENT;
    }
  }
  return exponent === 0 ? p : p * 2 ** exponent;
}

function identity(m: number): Float64Array {
  const result = new Float64Array(m * m);
  for (let i = 0; i < m; i++) result[i * m + i] = 1;
  return result;
}

function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const result = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < m; l++) {
      const left = a[i * m + l] as number;
      if (left === 0) continue;
      for (let j = 0; j < m; j++) {
        result[i * m + j] = (result[i * m + j] as number) + left * (b[l * m + j] as number);
      }
    }
  }
  return result;
}

/**
 * P(Dₙ ≤ x) by the Pelz–Good (1976) series K₀ + K₁/√n + K₂/n + K₃/n^1.5 in z = x√n, with the
 * theta-function sums over odd integers evaluated by Horner's rule in q = e^(−π²/(8z²)).
 */
function pelzGoodCdf(n: number, x: number): number {
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z3 = z2 * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qLog = -PI_SQUARED / 8 / z2;
  if (qLog < MIN_LOG) return 0;
  const q = Math.exp(qLog);

  const k1a = -z2;
  const k1b = PI_SQUARED / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI_SQUARED) / 4;
  const k2c = (PI_FOURTH * (1 - 2 * z2)) / 16;
  const k3d = (PI_SIXTH * (5 - 30 * z2)) / 64;
  const k3c = (PI_FOURTH * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI_SQUARED * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;

  const sums = [0, 0, 0, 0];
  const maxK = Math.ceil((16 * z) / Math.PI);
  for (let k = maxK; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qPower = q ** (8 * k);
    const terms = [
      1,
      k1a + k1b * m2,
      k2a + k2b * m2 + k2c * m4,
      k3a + k3b * m2 + k3c * m4 + k3d * m6,
    ];
    for (let i = 0; i < 4; i++) sums[i] = (sums[i] as number) * qPower + (terms[i] as number);
  }
  const divisors = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  const k0to3 = sums.map((sum, i) => (sum * q * SQRT_TWO_PI) / (divisors[i] as number));

  const qEven = Math.exp(-PI_SQUARED / 2 / z2);
  const sqrt3z = SQRT_THREE * z;
  let k2Extra = 0;
  let k3Extra = 0;
  for (let k = maxK; k > 0; k--) {
    const k2 = k * k;
    const qPower = qEven ** k2;
    const kPi = Math.PI * k;
    k2Extra += k2 * qPower;
    k3Extra += (sqrt3z + kPi) * (sqrt3z - kPi) * k2 * qPower;
  }
  k0to3[2] = (k0to3[2] as number) + k2Extra * ((PI_SQUARED * SQRT_TWO_PI) / (-36 * z3));
  k0to3[3] = (k0to3[3] as number) + k3Extra * ((PI_SQUARED * SQRT_TWO_PI) / (216 * z6));

  let total = 0;
  for (let i = 0; i < 4; i++) total += (k0to3[i] as number) / n ** (i / 2);
  return total;
}
