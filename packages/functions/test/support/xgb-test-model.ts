import { FEATURE_NAMES } from "@churn/core";
import { buildXgbModel, ROOT_PARENT, writeXgbModel } from "@churn/core/model";

/**
 * A two-tree model over the churn features: tree one splits on complains < 0.5 (missing goes
 * left), tree two on seconds_of_use < 1000 (missing goes right). Base score 0.5, a zero margin.
 */
export function smallModelJson(): string {
  const stump = (
    feature: number,
    threshold: number,
    left: number,
    right: number,
    isLeft: 0 | 1,
  ) => ({
    left_children: [1, -1, -1],
    right_children: [2, -1, -1],
    parents: [ROOT_PARENT, 0, 0],
    split_indices: [feature, 0, 0],
    split_conditions: [threshold, left, right],
    default_left: [isLeft, 0, 0],
    base_weights: [0, left, right],
    loss_changes: [1, 0, 0],
    sum_hessian: [10, 5, 5],
  });
  return writeXgbModel(
    buildXgbModel({
      trees: [stump(1, 0.5, -0.4, 0.6, 1), stump(4, 1000, 0.25, -0.75, 0)],
      baseScore: 0.5,
      featureNames: [...FEATURE_NAMES],
    }),
  );
}

/** Row-major features for `rowCount` rows, varied enough to reach every leaf, some missing. */
export function sampleFeatures(rowCount: number): Float32Array {
  const featureCount = FEATURE_NAMES.length;
  const features = new Float32Array(rowCount * featureCount);
  for (let row = 0; row < rowCount; row += 1) {
    for (let column = 0; column < featureCount; column += 1) {
      const value = ((row * 7919 + column * 104729) % 10007) / 7.3;
      features[row * featureCount + column] = (row + column) % 13 === 0 ? Number.NaN : value;
    }
    features[row * featureCount + 1] = row % 5 === 0 ? Number.NaN : row % 2;
  }
  return features;
}
