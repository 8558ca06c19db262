/** Where a registry keeps its objects in the bucket: everything under `models/`. */
export const MODELS_PREFIX = "models/";
export const VERSIONS_PREFIX = "models/versions/";
export const ALIASES_PREFIX = "models/aliases/";

/** The object keys of one model version. */
export interface ModelVersionKeys {
  /** The XGBoost JSON model. */
  readonly model: string;
  /** `model.tar.gz` holding exactly one file, `xgboost-model`, for SageMaker. */
  readonly archive: string;
  readonly metadata: string;
  /** Holdout rows with labels, probabilities and predictions, as CSV. */
  readonly reference: string;
  readonly referenceStatistics: string;
}

export function modelVersionKeys(version: string): ModelVersionKeys {
  const folder = `${VERSIONS_PREFIX}${version}/`;
  return {
    model: `${folder}model.json`,
    archive: `${folder}model.tar.gz`,
    metadata: `${folder}metadata.json`,
    reference: `${folder}reference.csv`,
    referenceStatistics: `${folder}reference-statistics.json`,
  };
}

export function aliasKey(alias: string): string {
  return `${ALIASES_PREFIX}${alias}.json`;
}

/** The version number in a key under `models/versions/`, or undefined for other keys. */
export function versionNumberOfKey(key: string): number | undefined {
  const match = /^models\/versions\/v([1-9][0-9]*)\//.exec(key);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
