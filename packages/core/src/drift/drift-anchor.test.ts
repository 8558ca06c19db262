/**
 * An independent check of drift on the original data, against numbers written down outside this
 * repository's generators: the holdout of customer_churn_0.csv (the original platform's 210-row
 * reference) against customer_churn_2.csv.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readFixtureJson, readNumericCsv } from "../../test/drift-fixtures.ts";
import { canonicalColumnName } from "../schema/index.ts";
import { detectDrift } from "./detect-drift.ts";
import { computeReferenceStatistics } from "./reference-statistics.ts";

// The original data set is not committed. Under CI (the variable CI set) it must be present.
const realDataUrl = new URL("../../../../../shared/data/", import.meta.url);
const hasRealData = existsSync(new URL("customer_churn_2.csv", realDataUrl));
const isRealDataRequired = (process.env.CI ?? "") !== "";

/**
 * The p-values of customer_churn_2.csv against the holdout (8 of 12 columns drifted), computed
 * independently of this code with scipy 1.10.1 and numpy 1.24.2 in a re-implementation of
 * Evidently 0.7's default tests, and written down to three significant digits.
 */
const INDEPENDENT_P_VALUES = [
  ["call_failure", "ks", "1.56e-28", true],
  ["subscription_length", "ks", "2.4e-08", true],
  ["charge_amount", "ks", "4.08e-10", true],
  ["seconds_of_use", "ks", "0.0155", true],
  ["frequency_of_use", "ks", "0.00954", true],
  ["frequency_of_sms", "ks", "3.26e-08", true],
  ["age_group", "chisquare", "6.14e-08", true],
  ["customer_value", "ks", "0.0470", true],
  ["complains", "z", "0.782", false],
  ["status", "z", "0.771", false],
  ["distinct_called_numbers", "ks", "0.147", false],
  ["churn", "z", "0.0616", false],
] as const;

/**
 * The p-values the original platform's own Evidently run showed for the same pair, in its
 * report screenshot. That run gave customer_value 0.046, which
 * agrees with the asymptotic K-S p-value (0.04585) rather than the exact one that scipy 1.10.1
 * and this code give (0.04698), so that column is left out here; both flag it.
 */
const EVIDENTLY_SCREENSHOT = [
  ["churn", "0.0616"],
  ["complains", "0.782"],
  ["status", "0.771"],
  ["seconds_of_use", "0.015"],
  ["frequency_of_use", "0.0095"],
  ["distinct_called_numbers", "0.147"],
] as const;

/** Half a unit in the last printed digit of `text`: how far a value printed so may lie. */
function printedTolerance(text: string): number {
  const mantissa = text.toLowerCase().split("e")[0] ?? "";
  const digits = mantissa.replace(/^[-+]?0*\.?0*/, "").replace(".", "");
  const magnitude = Math.floor(Math.log10(Math.abs(Number(text))));
  return 0.5 * 10 ** (magnitude - digits.length + 1);
}

function readRealFile(name: string): Record<string, Float64Array> {
  const columns = readNumericCsv(readFileSync(new URL(name, realDataUrl), "utf8"));
  return Object.fromEntries(
    Object.entries(columns).map(([header, values]) => [canonicalColumnName(header), values]),
  );
}

function holdoutReport() {
  // The holdout's row numbers only; none of the generated scores in that file are read.
  const { holdoutRows } = readFixtureJson<{ holdoutRows: number[] }>("drift-real-golden.json");
  const training = readRealFile("customer_churn_0.csv");
  const holdout = Object.fromEntries(
    Object.entries(training).map(([name, values]) => [
      name,
      Float64Array.from(holdoutRows, (row) => values[row] as number),
    ]),
  );
  return detectDrift({
    reference: computeReferenceStatistics(holdout),
    current: readRealFile("customer_churn_2.csv"),
    options: { columns: INDEPENDENT_P_VALUES.map(([name]) => name) },
  });
}

describe("printedTolerance", () => {
  it.each([
    ["1.56e-28", 0.005e-28],
    ["2.4e-08", 0.05e-8],
    ["0.0470", 0.00005],
    ["0.015", 0.0005],
  ])("returns half the last digit of %s", (text, expected) => {
    expect(printedTolerance(text) / expected).toBeCloseTo(1, 12);
  });
});

describe.skipIf(!hasRealData)("detectDrift on the holdout against customer_churn_2.csv", () => {
  it.each(INDEPENDENT_P_VALUES)(
    "gives %s the independently computed %s p-value %s (drifted: %s)",
    (name, test, printed, isDrifted) => {
      const column = holdoutReport().columns.find((result) => result.columnName === name);

      expect(column?.test).toBe(test);
      expect(column?.isDrifted).toBe(isDrifted);
      expect(Math.abs((column?.score ?? Number.NaN) - Number(printed))).toBeLessThanOrEqual(
        printedTolerance(printed),
      );
    },
  );

  it.each(EVIDENTLY_SCREENSHOT)(
    "gives %s the p-value %s of the original platform's Evidently report",
    (name, printed) => {
      const column = holdoutReport().columns.find((result) => result.columnName === name);

      expect(Math.abs((column?.score ?? Number.NaN) - Number(printed))).toBeLessThanOrEqual(
        printedTolerance(printed),
      );
    },
  );

  it("flags 8 of 12 columns and the data set, as the original platform's alert did", () => {
    const report = holdoutReport();

    expect(report.driftedColumnCount).toBe(8);
    expect(report.testedColumnCount).toBe(12);
    expect(report.isDatasetDrift).toBe(true);
  });
});

describe("the original data set", () => {
  it.runIf(isRealDataRequired)("is present, as CI requires", () => {
    expect(hasRealData, `the original files are not in ${realDataUrl.pathname}`).toBe(true);
  });
});
