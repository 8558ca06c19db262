import { describe, expect, it } from "vitest";
import { readPipelineSettings } from "./environment.ts";

describe("readPipelineSettings", () => {
  it("returns the seed platform's defaults when nothing is set", () => {
    expect(readPipelineSettings({})).toEqual({
      modelAlias: "staging",
      driftShareThreshold: 0.5,
      scoreThreshold: 0.7,
      minRowCount: 50,
      siteUrl: null,
    });
  });

  it("reads every variable", () => {
    const settings = readPipelineSettings({
      MODEL_ALIAS: "production",
      DRIFT_SHARE_THRESHOLD: "0.3",
      SCORE_THRESHOLD: "0.8",
      MIN_ROW_COUNT: "10",
      SITE_URL: "https://churn.example.com",
    });

    expect(settings).toEqual({
      modelAlias: "production",
      driftShareThreshold: 0.3,
      scoreThreshold: 0.8,
      minRowCount: 10,
      siteUrl: "https://churn.example.com",
    });
  });

  it("treats an empty variable as unset", () => {
    expect(readPipelineSettings({ SITE_URL: "" }).siteUrl).toBeNull();
  });

  it.each([
    ["DRIFT_SHARE_THRESHOLD", "1.5"],
    ["SCORE_THRESHOLD", "high"],
    ["MIN_ROW_COUNT", "2.5"],
    ["SITE_URL", "not a url"],
    ["MODEL_ALIAS", "Staging!"],
  ])("throws when %s is %s", (name, value) => {
    expect(() => readPipelineSettings({ [name]: value })).toThrow();
  });
});
