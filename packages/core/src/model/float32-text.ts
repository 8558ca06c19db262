/**
 * The shortest decimal text that reads back as the same float32, always with a `.` or an
 * exponent: XGBoost's JSON reader types a literal without either as an integer and refuses it
 * where a float is expected. At most 9 significant digits, which is also the most XGBoost
 * 1.7–3.0 accept for `base_score`.
 */
export function formatFloat32(value: number): string {
  const target = Math.fround(value);
  if (!Number.isFinite(target)) {
    throw new RangeError(`${value} has no JSON form; XGBoost models hold finite numbers only`);
  }
  let text = String(target);
  for (let digits = 1; digits <= 9; digits += 1) {
    const candidate = String(Number(target.toPrecision(digits)));
    if (Math.fround(Number(candidate)) === target) {
      text = candidate;
      break;
    }
  }
  return /[.eE]/.test(text) ? text : `${text}.0`;
}
