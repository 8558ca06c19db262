import { describe, expect, it } from "vitest";
import { readModelMetrics } from "./model-view.ts";

describe("readModelMetrics", () => {
  it("reads the registry's evaluations and SHAP list, largest importance first", () => {
    const view = readModelMetrics({
      train: { metrics: { f1: 0.9, rocAuc: 0.97, confusionMatrix: {} }, calibration: [] },
      holdout: { f1: 0.8 },
      shapImportance: [
        { feature: "status", meanAbsShap: 0.2 },
        { feature: "complains", meanAbsShap: 0.9 },
      ],
    });

    expect(view.train).toEqual({ f1: 0.9, rocAuc: 0.97 });
    expect(view.holdout).toEqual({ f1: 0.8 });
    expect(view.shapImportance.map((row) => row.feature)).toEqual(["complains", "status"]);
  });

  it("reads a profile as stayed against churned counts per bin", () => {
    const view = readModelMetrics({
      trainingProfile: [
        { columnName: "complains", labels: ["0", "1"], stayed: [90, 10], churned: [4, 6] },
      ],
    });

    expect(view.trainingProfile).toEqual([
      {
        columnName: "complains",
        bins: [
          { label: "0", first: 90, second: 4 },
          { label: "1", first: 10, second: 6 },
        ],
      },
    ]);
  });

  it("returns empty parts for metrics it cannot read", () => {
    expect(readModelMetrics("broken")).toEqual({
      train: {},
      holdout: {},
      shapImportance: [],
      trainingProfile: [],
    });
  });
});
