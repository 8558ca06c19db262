/** Machine epsilon of float64 and of float32, the clip scikit-learn 1.2 picks from the dtype. */
const FLOAT64_EPSILON = 2 ** -52;
const FLOAT32_EPSILON = 2 ** -23;

/**
 * Mean binary cross-entropy as scikit-learn 1.2.1's `log_loss(eps="auto")` computes it: each
 * probability is clipped to [eps, 1 − eps] with eps the machine epsilon of the input's dtype,
 * the pair (1 − p, p) is renormalised to sum 1, and the mean is taken. Arithmetic here is float64
 * for both input types, so a Float32Array input can differ from scikit-learn's float32
 * arithmetic in the seventh significant digit; float64 inputs agree to rounding.
 */
export function logLoss(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  const eps = probabilities instanceof Float32Array ? FLOAT32_EPSILON : FLOAT64_EPSILON;
  // Neumaier summation keeps the mean of a million terms accurate to a few ulps.
  let sum = 0;
  let compensation = 0;
  for (let row = 0; row < labels.length; row++) {
    const clipped = Math.min(Math.max(probabilities[row] as number, eps), 1 - eps);
    const complement = 1 - clipped;
    const total = complement + clipped;
    const chosen = labels[row] === 1 ? clipped / total : complement / total;
    const term = -Math.log(chosen);
    const next = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - next + term : term - next + sum;
    sum = next;
  }
  return (sum + compensation) / labels.length;
}
