import type { ColumnKind } from "../schema/index.ts";
import { FEATURE_NAMES, PREDICTION_NAME, TARGET_NAME } from "../schema/index.ts";
import { plotDistribution } from "./binning.ts";
import { type ReferenceStatistics, referenceSample } from "./reference-statistics.ts";
import { DRIFT_TESTS, type DriftTestName, defaultDriftTest, isDriftScore } from "./registry.ts";
import { countUnion, summariseColumn } from "./sample.ts";
import type { ColumnDrift, DriftOptions, DriftReport, TestChoice } from "./schema.ts";

/** The original platform's tested columns: the 11 features, the target and the prediction. */
export const DEFAULT_DRIFT_COLUMNS: readonly string[] = [
  ...FEATURE_NAMES,
  TARGET_NAME,
  PREDICTION_NAME,
];
export const DEFAULT_DRIFT_SHARE_THRESHOLD = 0.5;
export const DEFAULT_MIN_CONFIDENT_ROW_COUNT = 100;

export interface DriftInput {
  readonly reference: ReferenceStatistics;
  /** Current columns by canonical name; NaN for missing. */
  readonly current: Readonly<Record<string, ArrayLike<number>>>;
  readonly options?: DriftOptions;
}

/**
 * Per-column drift with Evidently 0.7's default tests and rules (or the tests chosen in the
 * options), and dataset drift as `drifted/tested ≥ driftShareThreshold`. Columns absent on
 * either side are listed, not tested; a column with no finite value on one side is reported
 * as not tested instead of failing the run. Throws nothing for bad data.
 */
export function detectDrift(input: DriftInput): DriftReport {
  const options = input.options ?? {};
  const requested = options.columns ?? DEFAULT_DRIFT_COLUMNS;
  const minConfident = options.minConfidentRowCount ?? DEFAULT_MIN_CONFIDENT_ROW_COUNT;

  const columns: ColumnDrift[] = [];
  const missingColumns: string[] = [];
  for (const name of requested) {
    const stored = input.reference.columns[name];
    const raw = input.current[name];
    if (stored === undefined || raw === undefined) {
      missingColumns.push(name);
      continue;
    }
    columns.push(testColumn(name, stored, raw, options, minConfident));
  }
  return summariseDataset(columns, missingColumns, options);
}

function testColumn(
  name: string,
  stored: ReferenceStatistics["columns"][string],
  raw: ArrayLike<number>,
  options: DriftOptions,
  minConfident: number,
): ColumnDrift {
  const reference = referenceSample(stored);
  const current = summariseColumn(raw);
  const kind = stored.kind;
  const distinctCount = countUnion(reference, current.sample);
  const choice = chooseTest(name, kind, options);
  const testName = choice.test ?? defaultDriftTest(kind, reference.count, distinctCount);
  const test = DRIFT_TESTS[testName];
  const threshold = choice.threshold ?? test.defaultThreshold;
  const isTestable = reference.count > 0 && current.sample.count > 0;
  const outcome = isTestable ? test.run(reference, current.sample, kind) : undefined;
  // A test can run and still have no score (chi-square over one value gives NaN, as scipy does);
  // JSON has no NaN, so the score is null, and like Evidently the column counts as tested.
  const score = outcome === undefined || Number.isNaN(outcome.score) ? null : outcome.score;

  return {
    columnName: name,
    kind,
    test: testName,
    testDisplayName: test.displayName,
    scoreKind: test.scoreKind,
    score,
    threshold,
    comparison: test.comparison,
    isDrifted: score !== null && isDriftScore(test.comparison, score, threshold),
    effectSize: outcome?.effectSize ?? null,
    referenceCount: reference.count,
    currentCount: current.sample.count,
    referenceMissingCount: stored.missingCount,
    referenceInfiniteCount: stored.infiniteCount,
    currentMissingCount: current.missingCount,
    currentInfiniteCount: current.infiniteCount,
    isLowConfidence: Math.min(reference.count, current.sample.count) < minConfident,
    notTestedReason: notTestedReason(reference.count, current.sample.count, score, testName),
    distribution: isTestable ? plotDistribution(reference, current.sample, kind) : null,
  };
}

/** Why a column has no score, or null when it has one. */
function notTestedReason(
  referenceCount: number,
  currentCount: number,
  score: number | null,
  testName: DriftTestName,
): string | null {
  if (referenceCount === 0) return "no finite value in the reference column";
  if (currentCount === 0) return "no finite value in the current column";
  if (score !== null) return null;
  return testName === "chisquare"
    ? "one value in both samples leaves chi-square no degrees of freedom, so no p-value"
    : `${testName} gives no score on these samples`;
}

/** Resolves test and threshold separately: per column, per kind, all columns, then defaults. */
function chooseTest(
  name: string,
  kind: ColumnKind,
  options: DriftOptions,
): { test?: DriftTestName; threshold?: number } {
  const levels: (TestChoice | undefined)[] = [
    options.columnTests?.[name],
    kind === "numerical" ? options.numericalTest : options.categoricalTest,
    options.test,
  ];
  const test = levels.find((level) => level?.test !== undefined)?.test;
  const threshold = levels.find((level) => level?.threshold !== undefined)?.threshold;
  return {
    ...(test === undefined ? {} : { test }),
    ...(threshold === undefined ? {} : { threshold }),
  };
}

function summariseDataset(
  columns: ColumnDrift[],
  missingColumns: string[],
  options: DriftOptions,
): DriftReport {
  // Evidently counts every column its test ran on, a NaN p-value included.
  const tested = columns.filter((column) => column.referenceCount > 0 && column.currentCount > 0);
  const drifted = tested.filter((column) => column.isDrifted);
  const driftShareThreshold = options.driftShareThreshold ?? DEFAULT_DRIFT_SHARE_THRESHOLD;
  const driftedShare = tested.length === 0 ? 0 : drifted.length / tested.length;
  return {
    columns,
    missingColumns,
    testedColumnCount: tested.length,
    driftedColumnCount: drifted.length,
    driftedColumns: drifted.map((column) => column.columnName),
    driftedShare,
    driftShareThreshold,
    isDatasetDrift: tested.length > 0 && driftedShare >= driftShareThreshold,
    isLowConfidence: columns.some((column) => column.isLowConfidence),
  };
}
