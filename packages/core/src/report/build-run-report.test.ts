import { describe, expect, it } from "vitest";
import { readFixtureCsv } from "../../test/drift-fixtures.ts";
import { computeReferenceStatistics } from "../drift/index.ts";
import { isChurnError } from "../errors/index.ts";
import { fitConfidenceCalibration } from "../estimate/index.ts";
import { PREDICTION_NAME } from "../schema/index.ts";
import { buildRunReport, type RunReportInput } from "./build-run-report.ts";
import { parseRunReport } from "./parse-run-report.ts";
import type { ValidationSummary } from "./schema.ts";

const validation: ValidationSummary = {
  isValid: true,
  rowCount: 450,
  validRowCount: 450,
  invalidRowCount: 0,
  hasTarget: true,
  columns: { found: ["call_failure"], missing: [], unknown: [] },
  issues: [],
  issueCount: 0,
};

function tickingClock(): () => number {
  let now = 0;
  return () => {
    now += 5;
    return now;
  };
}

function baseInput(): RunReportInput {
  const referenceColumns = readFixtureCsv("drift-small-reference.csv");
  const columns = readFixtureCsv("drift-small-current.csv");
  const labels = columns.churn ?? new Float64Array();
  const probabilities = Float64Array.from(labels, (label, row) =>
    Math.min(1, Math.max(0, 0.3 * label + ((row * 37) % 100) / 140)),
  );
  delete columns[PREDICTION_NAME];
  return {
    runId: "run-1",
    fileName: "customer_churn_2.csv",
    createdAt: new Date("2026-01-02T03:04:05Z"),
    modelVersion: "v3",
    modelAlias: "staging",
    validation,
    reference: computeReferenceStatistics(referenceColumns),
    calibration: fitConfidenceCalibration({ labels, probabilities }),
    columns,
    labels,
    probabilities,
    steps: [{ name: "Validate file", durationMs: 12 }],
    clock: tickingClock(),
  };
}

describe("buildRunReport", () => {
  it("returns a report that survives JSON and parses back equal", () => {
    const report = buildRunReport(baseInput());

    const parsed = parseRunReport(JSON.stringify(report));

    expect(parsed).toEqual(report);
    expect(parsed.schemaVersion).toBe(1);
  });

  it("tests the prediction column derived from the probabilities with the 13 default columns", () => {
    const report = buildRunReport(baseInput());

    expect(report.drift?.columns.map((column) => column.columnName)).toContain(PREDICTION_NAME);
    expect(report.drift?.testedColumnCount).toBe(13);
    expect(report.alerts.isDriftAlert).toBe(report.drift?.isDatasetDrift);
  });

  it("raises the score alert when a realised score is below its threshold", () => {
    const input = {
      ...baseInput(),
      scoreThresholds: { f1: 0.99, precision: 0, recall: 0, accuracy: 0 },
    };

    const report = buildRunReport(input);

    expect(report.scoresBelowThreshold.map((entry) => entry.score)).toEqual(["f1"]);
    expect(report.alerts.isScoreAlert).toBe(true);
  });

  it("returns an estimate but no realised quality when the file has no labels", () => {
    const report = buildRunReport({ ...baseInput(), labels: null });

    expect(report.quality).toBeNull();
    expect(report.estimate?.rowCount).toBe(450);
    expect(report.alerts.isScoreAlert).toBe(false);
  });

  it("records each statistics step with the injected clock after the pipeline's steps", () => {
    const report = buildRunReport(baseInput());

    expect(report.steps).toEqual([
      { name: "Validate file", durationMs: 12 },
      { name: "Detect drift", durationMs: 5 },
      { name: "Score quality", durationMs: 5 },
      { name: "Estimate quality", durationMs: 5 },
      { name: "Check data quality", durationMs: 5 },
    ]);
  });

  it("counts the missing cells of rows that validation set aside in the data quality", () => {
    const input = baseInput();
    const withSetAside = {
      ...validation,
      rowCount: 500,
      invalidRowCount: 50,
      missingCellCounts: { call_failure: 40 },
    };

    const report = buildRunReport({ ...input, validation: withSetAside });

    const callFailure = report.dataQuality.find((column) => column.columnName === "call_failure");
    expect(callFailure).toMatchObject({
      rowCount: 500,
      missingCount: 40,
      currentMissingShare: 0.08,
    });
    expect(callFailure?.hasMissingIncrease).toBe(true);
  });

  it("skips drift for a rejected file", () => {
    const rejected = {
      ...validation,
      isValid: false,
      code: "csv.too_few_rows",
      message: "Too few.",
    };

    const report = buildRunReport({ ...baseInput(), validation: rejected, labels: null });

    expect(report.drift).toBeNull();
    expect(report.alerts.isDriftAlert).toBe(false);
  });
});

describe("parseRunReport", () => {
  it.each([
    ["text that is not JSON", "{"],
    ["another schema version", { schemaVersion: 2 }],
  ])("throws report.invalid for %s", (_case, input) => {
    const act = () => parseRunReport(input);

    expect(act).toThrow();
    try {
      act();
    } catch (error) {
      expect(isChurnError(error, "report.invalid")).toBe(true);
    }
  });
});
