import { readFileSync } from "node:fs";
import type { XgbModel } from "../src/model/index.ts";

/**
 * The committed reference written by scripts/reference/xgboost_models.py (`fixture`): a model
 * trained by XGBoost 1.7.4 on 400 generated rows with 15 % missing values, and XGBoost's own
 * margins, probabilities and SHAP contributions for its first 64 rows.
 */
export interface SmallModelFixture {
  readonly tools: Readonly<Record<string, string>>;
  readonly model: XgbModel;
  readonly featureNames: readonly string[];
  readonly features: readonly (readonly (number | null)[])[];
  readonly margins: readonly number[];
  readonly probabilities: readonly number[];
  readonly contributions: readonly (readonly number[])[];
}

const path = new URL("./fixtures/xgboost/small-model.json", import.meta.url);

/** Reads the fixture afresh, so a test may change its copy freely. */
export function readSmallModelFixture(): SmallModelFixture {
  return JSON.parse(readFileSync(path, "utf8")) as SmallModelFixture;
}

/** The fixture's rows as the evaluator takes them: row-major float32, NaN for missing. */
export function fixtureFeatures(fixture: SmallModelFixture): Float32Array {
  return Float32Array.from(fixture.features.flat(), (value) => value ?? Number.NaN);
}
