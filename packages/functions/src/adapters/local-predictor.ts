import { ChurnError, type Predictor } from "@churn/core";
import {
  type CompiledModel,
  compileModel,
  predictProbabilities,
  readXgbModel,
} from "@churn/core/model";

/** Compiled models kept in memory; a run uses one version, so a few cover any realistic use. */
const MAX_CACHED_MODELS = 4;

/**
 * Scores rows in-process with the TypeScript evaluator, whose probabilities equal XGBoost's.
 * `readModelJson` fetches a version's XGBoost JSON (for example `registry.readModelJson`); each
 * version is compiled once. Throws what `readModelJson` and the evaluator throw
 * (`model.invalid`, `model.bad_input`), and `predictor.bad_input` on a feature-count mismatch.
 */
export function createLocalPredictor(options: {
  readModelJson: (modelVersion: string) => Promise<string>;
}): Predictor {
  const cache = new Map<string, Promise<CompiledModel>>();

  function load(modelVersion: string): Promise<CompiledModel> {
    let compiled = cache.get(modelVersion);
    if (compiled === undefined) {
      compiled = options
        .readModelJson(modelVersion)
        .then((json) => compileModel(readXgbModel(json)));
      // A failed load is not cached, so the next run tries again.
      compiled.catch(() => cache.delete(modelVersion));
      cache.set(modelVersion, compiled);
      const oldest = cache.keys().next().value;
      if (cache.size > MAX_CACHED_MODELS && oldest !== undefined) cache.delete(oldest);
    }
    return compiled;
  }

  return {
    async predict({ modelVersion, features, rowCount, featureCount }) {
      const compiled = await load(modelVersion);
      if (compiled.featureCount !== featureCount) {
        throw new ChurnError(
          "predictor.bad_input",
          `Model version ${modelVersion} reads ${compiled.featureCount} features, but rows carry ${featureCount}; prepare features with the version's feature list.`,
          { context: { modelVersion, featureCount, modelFeatureCount: compiled.featureCount } },
        );
      }
      return Float64Array.from(predictProbabilities(compiled, features, rowCount));
    },
  };
}
