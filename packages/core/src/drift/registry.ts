/**
 * Every drift test the platform offers, with Evidently 0.7's name, display name, default
 * threshold and decision rule. The rules differ on purpose (≤ for K-S, < for chi-square and Z,
 * ≥ for distances) because Evidently's do, and alerts sit right on those boundaries.
 */
import type { ColumnKind } from "../schema/index.ts";
import type { ColumnSample } from "./sample.ts";
import { chiSquareTest } from "./tests/chi-square.ts";
import { hellingerTest } from "./tests/hellinger.ts";
import { jensenShannonTest } from "./tests/jensen-shannon.ts";
import { ksTest } from "./tests/ks.ts";
import type { TestOutcome } from "./tests/outcome.ts";
import { psiTest } from "./tests/psi.ts";
import { wassersteinTest } from "./tests/wasserstein.ts";
import { zTest } from "./tests/z-test.ts";

export const DRIFT_TEST_NAMES = [
  "ks",
  "chisquare",
  "z",
  "wasserstein",
  "jensenshannon",
  "psi",
  "hellinger",
] as const;
export type DriftTestName = (typeof DRIFT_TEST_NAMES)[number];

/** How a score is compared with its threshold to decide drift. */
export type DriftComparison = "score <= threshold" | "score < threshold" | "score >= threshold";

export interface DriftTest {
  readonly name: DriftTestName;
  readonly displayName: string;
  readonly scoreKind: "p_value" | "distance";
  readonly defaultThreshold: number;
  readonly comparison: DriftComparison;
  readonly run: (reference: ColumnSample, current: ColumnSample, kind: ColumnKind) => TestOutcome;
}

export const DRIFT_TESTS: Readonly<Record<DriftTestName, DriftTest>> = {
  ks: {
    name: "ks",
    displayName: "K-S p_value",
    scoreKind: "p_value",
    defaultThreshold: 0.05,
    comparison: "score <= threshold",
    run: ksTest,
  },
  chisquare: {
    name: "chisquare",
    displayName: "chi-square p_value",
    scoreKind: "p_value",
    defaultThreshold: 0.05,
    comparison: "score < threshold",
    run: chiSquareTest,
  },
  z: {
    name: "z",
    displayName: "Z-test p_value",
    scoreKind: "p_value",
    defaultThreshold: 0.05,
    comparison: "score < threshold",
    run: zTest,
  },
  wasserstein: {
    name: "wasserstein",
    displayName: "Wasserstein distance (normed)",
    scoreKind: "distance",
    defaultThreshold: 0.1,
    comparison: "score >= threshold",
    run: wassersteinTest,
  },
  jensenshannon: {
    name: "jensenshannon",
    displayName: "Jensen-Shannon distance",
    scoreKind: "distance",
    defaultThreshold: 0.1,
    comparison: "score >= threshold",
    run: jensenShannonTest,
  },
  psi: {
    name: "psi",
    displayName: "PSI",
    scoreKind: "distance",
    defaultThreshold: 0.1,
    comparison: "score >= threshold",
    run: psiTest,
  },
  hellinger: {
    name: "hellinger",
    displayName: "Hellinger distance",
    scoreKind: "distance",
    defaultThreshold: 0.1,
    comparison: "score >= threshold",
    run: hellingerTest,
  },
};

/** Applies a test's own comparison. */
export function isDriftScore(
  comparison: DriftComparison,
  score: number,
  threshold: number,
): boolean {
  if (comparison === "score <= threshold") return score <= threshold;
  if (comparison === "score < threshold") return score < threshold;
  return score >= threshold;
}

/** Evidently's reference-size boundary: up to this many rows the hypothesis tests are used. */
export const SMALL_REFERENCE_MAX_ROW_COUNT = 1000;

/**
 * Evidently 0.7's `_get_default_stattest`: the kind comes from the schema, `referenceCount` is
 * the reference's finite-value count and `distinctCount` counts the distinct values of the
 * reference and current together.
 */
export function defaultDriftTest(
  kind: ColumnKind,
  referenceCount: number,
  distinctCount: number,
): DriftTestName {
  const isSmallReference = referenceCount <= SMALL_REFERENCE_MAX_ROW_COUNT;
  if (kind === "numerical") {
    if (distinctCount > 5) return isSmallReference ? "ks" : "wasserstein";
    if (distinctCount >= 3) return isSmallReference ? "chisquare" : "jensenshannon";
    return isSmallReference ? "z" : "jensenshannon";
  }
  if (distinctCount > 2) return isSmallReference ? "chisquare" : "jensenshannon";
  return isSmallReference ? "z" : "jensenshannon";
}
