import { describe, expect, it } from "vitest";
import { readModelScores } from "./model-view.ts";

describe("readModelScores", () => {
  it("reads the registry's evaluations and keeps only numeric scores", () => {
    const scores = readModelScores({
      train: { metrics: { f1: 0.9, rocAuc: 0.97, confusionMatrix: {} }, calibration: [] },
      holdout: { f1: 0.8 },
    });

    expect(scores).toEqual({ train: { f1: 0.9, rocAuc: 0.97 }, holdout: { f1: 0.8 } });
  });

  it.each([["broken"], [null], [{ train: 3 }]])("returns empty scores for %j", (metrics) => {
    expect(readModelScores(metrics)).toEqual({ train: {}, holdout: {} });
  });
});
