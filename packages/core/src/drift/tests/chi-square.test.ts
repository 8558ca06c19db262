import { describe, expect, it } from "vitest";
import { detectDrift } from "../detect-drift.ts";
import { computeReferenceStatistics } from "../reference-statistics.ts";
import { summariseColumn } from "../sample.ts";
import { chiSquareTest } from "./chi-square.ts";

const repeat = (value: number, count: number) => Array.from({ length: count }, () => value);

describe("chiSquareTest", () => {
  // scipy 1.10.1: chisquare([50], [50]) returns statistic 0.0 and pvalue nan (0 degrees of
  // freedom); Evidently 0.7's chi-square stattest passes that NaN on as the drift score.
  it("returns a NaN p-value when both samples hold one and the same value", () => {
    const reference = summariseColumn(repeat(2, 80)).sample;
    const current = summariseColumn(repeat(2, 50)).sample;

    const outcome = chiSquareTest(reference, current);

    expect(outcome.score).toBeNaN();
    expect(outcome.effectSize).toEqual({ name: "cohens_w", value: 0 });
  });

  it("returns p = 0 when the current sample's one value is unseen in the reference", () => {
    const reference = summariseColumn(repeat(1, 80)).sample;
    const current = summariseColumn(repeat(2, 50)).sample;

    const outcome = chiSquareTest(reference, current);

    expect(outcome.score).toBe(0);
    expect(outcome.effectSize).toBeNull();
  });
});

describe("detectDrift with chi-square on a single value", () => {
  it("reports no score and no drift, and counts the column as tested, as Evidently does", () => {
    const reference = computeReferenceStatistics({
      status: repeat(1, 80),
      complains: repeat(0, 80),
    });
    const current = { status: repeat(1, 60), complains: [...repeat(0, 30), ...repeat(1, 30)] };

    const report = detectDrift({
      reference,
      current,
      options: { test: { test: "chisquare" }, columns: ["status", "complains"] },
    });

    const status = report.columns.find((column) => column.columnName === "status");
    expect(status).toMatchObject({ test: "chisquare", score: null, isDrifted: false });
    expect(status?.notTestedReason).toContain("no degrees of freedom");
    expect(report.testedColumnCount).toBe(2);
    expect(report.driftedColumns).toEqual(["complains"]);
    expect(report.driftedShare).toBe(0.5);
  });
});
