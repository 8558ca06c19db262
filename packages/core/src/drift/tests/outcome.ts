/** What a drift test returns before its threshold is applied. */
export interface TestOutcome {
  /** The drift score: a p-value for hypothesis tests, a distance for the others. */
  readonly score: number;
  /**
   * A size of the difference that does not shrink with sample size, shown beside p-values; null
   * when it is not finite (an unseen category makes the chi-square statistic infinite).
   */
  readonly effectSize: { readonly name: EffectSizeName; readonly value: number } | null;
}

export type EffectSizeName =
  | "ks_statistic"
  | "cohens_w"
  | "cohens_h"
  | "wasserstein_normed"
  | "jensen_shannon_distance"
  | "psi"
  | "hellinger_distance";
