import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  readFixtureCsv,
  readFixtureJson,
  readNumericCsv,
  relativeError,
} from "../../test/drift-fixtures.ts";
import { canonicalColumnName } from "../schema/index.ts";
import { detectDrift } from "./detect-drift.ts";
import { computeReferenceStatistics, parseReferenceStatistics } from "./reference-statistics.ts";
import type { DriftTestName } from "./registry.ts";
import { summariseColumn } from "./sample.ts";
import { ksTest } from "./tests/ks.ts";

interface GoldenColumn {
  column: string;
  kind: string;
  test: DriftTestName;
  score: number;
  effectSize: number | null;
  threshold: number;
  isDrifted: boolean;
  referenceCount: number;
  currentCount: number;
}

// Produced by scripts/reference/drift_golden.py with scipy 1.10.1 and numpy 1.24.2 (versions in
// the file), following Evidently 0.7's stattest code for the choice of test and each score.
const golden = readFixtureJson<{
  cases: {
    name: string;
    reference: string;
    current: string;
    defaults: GoldenColumn[];
    everyTest: GoldenColumn[];
  }[];
  ks: { name: string; reference: string; current: string; statistic: number; pValue: number }[];
}>("drift-columns-golden.json");

const TOLERANCE = 1e-9;

function expectMatches(
  actual: ReturnType<typeof detectDrift>["columns"],
  expected: GoldenColumn[],
) {
  expect(actual.map((column) => [column.columnName, column.test])).toEqual(
    expected.map((column) => [column.column, column.test]),
  );
  for (const [index, column] of actual.entries()) {
    const want = expected[index] as GoldenColumn;
    const context = `${want.column} ${want.test}: ${column.score} vs ${want.score}`;
    expect(relativeError(column.score ?? Number.NaN, want.score), context).toBeLessThanOrEqual(
      TOLERANCE,
    );
    if (want.effectSize === null) expect(column.effectSize, context).toBeNull();
    else {
      expect(
        relativeError(column.effectSize?.value ?? Number.NaN, want.effectSize),
        context,
      ).toBeLessThanOrEqual(TOLERANCE);
    }
    expect([column.isDrifted, column.referenceCount, column.currentCount], context).toEqual([
      want.isDrifted,
      want.referenceCount,
      want.currentCount,
    ]);
  }
}

describe("detectDrift on generated files", () => {
  it.each(golden.cases.map((c) => [c.name, c] as const))(
    "chooses Evidently's default test and matches scipy's score for every column (%s)",
    (_name, testCase) => {
      const reference = computeReferenceStatistics(readFixtureCsv(testCase.reference));
      const current = readFixtureCsv(testCase.current);

      const report = detectDrift({ reference, current });

      expectMatches(report.columns, testCase.defaults);
    },
  );

  it.each(golden.cases.map((c) => [c.name, c] as const))(
    "matches scipy for every selectable test on every column (%s)",
    (_name, testCase) => {
      const reference = computeReferenceStatistics(readFixtureCsv(testCase.reference));
      const current = readFixtureCsv(testCase.current);
      const tests = [...new Set(testCase.everyTest.map((column) => column.test))];

      const columns = tests.flatMap(
        (test) => detectDrift({ reference, current, options: { test: { test } } }).columns,
      );

      const byKey = (c: { test: string }, name: string) => `${c.test}/${name}`;
      const sortedActual = [...columns].sort((a, b) =>
        byKey(a, a.columnName).localeCompare(byKey(b, b.columnName)),
      );
      const sortedExpected = [...testCase.everyTest].sort((a, b) =>
        byKey(a, a.column).localeCompare(byKey(b, b.column)),
      );
      expectMatches(sortedActual, sortedExpected);
    },
  );

  it("gives the same report from stored JSON statistics as from the raw reference", () => {
    const raw = readFixtureCsv("drift-large-reference.csv");
    const current = readFixtureCsv("drift-large-current.csv");
    const computed = computeReferenceStatistics(raw);
    const stored = parseReferenceStatistics(JSON.parse(JSON.stringify(computed)));

    const fromStored = detectDrift({ reference: stored, current });
    const fromRaw = detectDrift({ reference: computed, current });

    expect(fromStored).toEqual(fromRaw);
  });
});

describe("ksTest on samples up to 10,000 rows and beyond", () => {
  it.each(golden.ks.map((c) => [c.name, c] as const))(
    "returns scipy's ks_2samp statistic and p-value for %s",
    (_name, testCase) => {
      const reference = summariseColumn(readFixtureCsv(testCase.reference).reference ?? []);
      const current = summariseColumn(readFixtureCsv(testCase.current).current ?? []);

      const outcome = ksTest(reference.sample, current.sample);

      expect(outcome.effectSize?.value).toBe(testCase.statistic);
      expect(relativeError(outcome.score, testCase.pValue)).toBeLessThanOrEqual(TOLERANCE);
    },
  );
});

// The original data set is not committed; these checks run where ../shared/data exists.
const realDataUrl = new URL("../../../../../shared/data/", import.meta.url);
const hasRealData = existsSync(realDataUrl);

describe.skipIf(!hasRealData)("detectDrift on the original data set", () => {
  const real = hasRealData
    ? readFixtureJson<{
        columns: string[];
        holdoutRows: number[];
        cases: { reference: string; current: string; results: GoldenColumn[] }[];
      }>("drift-real-golden.json")
    : { columns: [], holdoutRows: [], cases: [] };

  function readRealFile(name: string): Record<string, Float64Array> {
    const columns = readNumericCsv(readFileSync(new URL(name, realDataUrl), "utf8"));
    return Object.fromEntries(
      Object.entries(columns).map(([header, values]) => [canonicalColumnName(header), values]),
    );
  }

  function holdout(): Record<string, Float64Array> {
    const training = readRealFile("customer_churn_0.csv");
    return Object.fromEntries(
      Object.entries(training).map(([name, values]) => [
        name,
        Float64Array.from(real.holdoutRows, (row) => values[row] as number),
      ]),
    );
  }

  it("finds the 8 drifted columns of customer_churn_2.csv against the 210-row holdout", () => {
    const reference = computeReferenceStatistics(holdout());
    const current = readRealFile("customer_churn_2.csv");

    const report = detectDrift({ reference, current, options: { columns: real.columns } });

    expect(report.testedColumnCount).toBe(12);
    expect(report.driftedColumns).toEqual([
      "call_failure",
      "subscription_length",
      "charge_amount",
      "seconds_of_use",
      "frequency_of_use",
      "frequency_of_sms",
      "age_group",
      "customer_value",
    ]);
    expect(report.isDatasetDrift).toBe(true);
  });

  it.each(real.cases.map((c) => [c.current, c.reference, c] as const))(
    "matches scipy on every column of %s against %s",
    (_current, referenceName, testCase) => {
      const referenceColumns =
        referenceName === "holdout" ? holdout() : readRealFile(referenceName);
      const reference = computeReferenceStatistics(referenceColumns);

      const report = detectDrift({
        reference,
        current: readRealFile(testCase.current),
        options: { columns: real.columns },
      });

      expectMatches(report.columns, testCase.results);
    },
  );
});
