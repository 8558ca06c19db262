import { describe, expect, it } from "vitest";
import { isInputKey, runIdFor, runKeys } from "./run-keys.ts";

describe("runIdFor", () => {
  it("returns the same id when the same drop is notified twice", () => {
    const drop = { key: "data/input/customer_churn_2.csv", version: "abc", sequencer: "0A1B" };

    expect(runIdFor(drop)).toBe(runIdFor({ ...drop }));
  });

  it.each([
    ["another version", { version: "abd" }],
    ["another event sequencer", { sequencer: "0A1C" }],
    ["another key", { key: "data/input/customer_churn_3.csv" }],
  ])("returns another id for %s", (_, change) => {
    const drop = { key: "data/input/customer_churn_2.csv", version: "abc", sequencer: "0A1B" };

    expect(runIdFor({ ...drop, ...change })).not.toBe(runIdFor(drop));
  });

  it.each([
    ["data/input/customer_churn_2.csv", /^customer_churn_2-[0-9a-f]{16}$/],
    ["data/input/my file (1).CSV", /^my_file_1-[0-9a-f]{16}$/],
    ["data/input/%%%.csv", /^[0-9a-f]{16}$/],
    [`data/input/${"x".repeat(200)}.csv`, /^x{63}-[0-9a-f]{16}$/],
  ])("writes a valid execution name for %s", (key, pattern) => {
    const runId = runIdFor({ key, version: "etag" });

    expect(runId).toMatch(pattern);
    expect(runId.length).toBeLessThanOrEqual(80);
  });
});

describe("isInputKey", () => {
  it.each([
    ["data/input/a.csv", true],
    ["data/input/sub/a.csv", false],
    ["data/input/my file (1).CSV", true],
    ["data/input/", false],
    ["data/input/folder/", false],
    ["data/processing/a.csv", false],
    ["models/v1/model.json", false],
  ])("says %s is an input key: %s", (key, expected) => {
    expect(isInputKey(key)).toBe(expected);
  });
});

describe("runKeys", () => {
  it("puts every output of a run under its run id", () => {
    const keys = runKeys("r1", "customer_churn_2.csv");

    expect(keys).toEqual({
      processing: "data/processing/r1/customer_churn_2.csv",
      processed: "data/processed/r1/customer_churn_2.csv",
      errored: "data/errored/r1/customer_churn_2.csv",
      scoredWorking: "data/processing/r1/customer_churn_2.scored.csv",
      scored: "data/processed/r1/customer_churn_2.scored.csv",
      rejectedRowsWorking: "data/processing/r1/customer_churn_2.rejected-rows.csv",
      rejectedRows: "data/processed/r1/customer_churn_2.rejected-rows.csv",
      validationWorking: "data/processing/r1/validation.json",
      probabilitiesWorking: "data/processing/r1/probabilities.f32",
      reportWorking: "data/processing/r1/report.json",
      report: "reports/r1.json",
      log: "data/logs/r1.log",
    });
  });

  it("throws pipeline.bad_file_name for a path", () => {
    expect(() => runKeys("r1", "a/b.csv")).toThrow(
      expect.objectContaining({ code: "pipeline.bad_file_name" }),
    );
  });
});
