/**
 * b₀ + a₁/(b₁ + a₂/(b₂ + …)) by the modified Lentz method (Numerical Recipes, 3rd ed., §5.2),
 * stopping when a step changes the value by less than one part in 2⁵³.
 */

const EPSILON = 2 ** -53;
const TINY = 1e-300;
const MAX_TERMS = 10_000;

export function continuedFraction(
  leading: number,
  numerator: (k: number) => number,
  denominator: (k: number) => number,
): number {
  let value = leading === 0 ? TINY : leading;
  let c = value;
  let d = 0;
  for (let k = 1; k < MAX_TERMS; k++) {
    const a = numerator(k);
    const b = denominator(k);
    d = b + a * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + a / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = c * d;
    value *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return value;
}
