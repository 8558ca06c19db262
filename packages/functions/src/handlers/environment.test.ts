import { isChurnError } from "@churn/core";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { LambdaEnvSchema, readPipelineSettings, requireDatabaseUrl } from "./environment.ts";

describe("readPipelineSettings", () => {
  it("returns the seed platform's defaults when nothing is set", () => {
    expect(readPipelineSettings({})).toEqual({
      modelAlias: "staging",
      driftShareThreshold: 0.5,
      scoreThreshold: 0.7,
      scoreThresholds: { f1: 0.7, precision: 0.7, recall: 0.7, accuracy: 0.7 },
      minRowCount: 50,
      maxBadRowShare: 0.1,
      siteUrl: null,
    });
  });

  it("reads every variable", () => {
    const settings = readPipelineSettings({
      MODEL_ALIAS: "production",
      DRIFT_SHARE_THRESHOLD: "0.3",
      SCORE_THRESHOLD: "0.8",
      F1_THRESHOLD: "0.61",
      PRECISION_THRESHOLD: "0.62",
      RECALL_THRESHOLD: "0.63",
      ACCURACY_THRESHOLD: "0.64",
      MIN_ROW_COUNT: "10",
      MAX_BAD_ROW_SHARE: "0.25",
      SITE_URL: "https://churn.example.com",
    });

    expect(settings).toEqual({
      modelAlias: "production",
      driftShareThreshold: 0.3,
      scoreThreshold: 0.8,
      scoreThresholds: { f1: 0.61, precision: 0.62, recall: 0.63, accuracy: 0.64 },
      minRowCount: 10,
      maxBadRowShare: 0.25,
      siteUrl: "https://churn.example.com",
    });
  });

  it.each([
    [{}, { f1: 0.7, precision: 0.7, recall: 0.7, accuracy: 0.7 }],
    [{ SCORE_THRESHOLD: "0.6" }, { f1: 0.6, precision: 0.6, recall: 0.6, accuracy: 0.6 }],
    [{ F1_THRESHOLD: "0.5" }, { f1: 0.5, precision: 0.7, recall: 0.7, accuracy: 0.7 }],
    [
      { SCORE_THRESHOLD: "0.6", RECALL_THRESHOLD: "0.9" },
      { f1: 0.6, precision: 0.6, recall: 0.9, accuracy: 0.6 },
    ],
    [
      { SCORE_THRESHOLD: "0.6", PRECISION_THRESHOLD: "0", ACCURACY_THRESHOLD: "1" },
      { f1: 0.6, precision: 0, recall: 0.6, accuracy: 1 },
    ],
    [
      { SCORE_THRESHOLD: "0.6", F1_THRESHOLD: "" },
      { f1: 0.6, precision: 0.6, recall: 0.6, accuracy: 0.6 },
    ],
  ])("returns the score thresholds of %j as %j", (env, expected) => {
    expect(readPipelineSettings(env).scoreThresholds).toEqual(expected);
  });

  it.each([
    ["0", 0],
    ["1", 1],
    [" 0.05 ", 0.05],
    ["", 0.1],
  ])("returns a bad-row share of %j as %d", (value, expected) => {
    expect(readPipelineSettings({ MAX_BAD_ROW_SHARE: value }).maxBadRowShare).toBe(expected);
  });

  it("treats an empty variable as unset", () => {
    expect(readPipelineSettings({ SITE_URL: "" }).siteUrl).toBeNull();
  });

  it.each([
    ["DRIFT_SHARE_THRESHOLD", "1.5", "at most 1"],
    ["SCORE_THRESHOLD", "high", "a decimal number"],
    ["F1_THRESHOLD", "-0.1", "at least 0"],
    ["PRECISION_THRESHOLD", "0x1", "a decimal number"],
    ["RECALL_THRESHOLD", "70%", "a decimal number"],
    ["ACCURACY_THRESHOLD", "Infinity", "a decimal number"],
    ["MIN_ROW_COUNT", "2.5", "a whole number"],
    ["MAX_BAD_ROW_SHARE", "1.01", "at most 1"],
    ["MAX_BAD_ROW_SHARE", " ", "a decimal number"],
    ["SITE_URL", "not a url", "a URL"],
    ["MODEL_ALIAS", "Staging!", "lower case letters, digits and dashes"],
  ])("throws settings.invalid naming %s when it is %j", (name, value, expected) => {
    let thrown: unknown;

    try {
      readPipelineSettings({ SCORE_THRESHOLD: "0.7", [name]: value });
    } catch (error) {
      thrown = error;
    }

    expect(isChurnError(thrown, "settings.invalid")).toBe(true);
    expect((thrown as Error).message).toBe(
      `${name} is ${JSON.stringify(value)}, but it must be ${expected}; ` +
        "fix it or leave it unset for the default.",
    );
  });
});

describe("LambdaEnvSchema", () => {
  it("accepts an environment without DATABASE_URL, as the steps that never open it have", () => {
    const env = v.parse(LambdaEnvSchema, { CHURN_BUCKET: "bucket" });

    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("rejects a DATABASE_URL that is not a PostgreSQL URL", () => {
    const act = () => v.parse(LambdaEnvSchema, { CHURN_BUCKET: "b", DATABASE_URL: "mysql://x" });

    expect(act).toThrow();
  });
});

describe("requireDatabaseUrl", () => {
  it("returns the URL when DATABASE_URL is set", () => {
    const url = requireDatabaseUrl({ DATABASE_URL: "postgres://db/churn" }, "claim-file");

    expect(url).toBe("postgres://db/churn");
  });

  it("throws settings.no_database_url naming the variable and the function when it is unset", () => {
    let thrown: unknown;

    try {
      requireDatabaseUrl({}, "save-report");
    } catch (error) {
      thrown = error;
    }

    expect(isChurnError(thrown, "settings.no_database_url")).toBe(true);
    expect((thrown as Error).message).toBe(
      "DATABASE_URL is not set for save-report, which records runs in the database; " +
        "give this function the database's URL.",
    );
  });
});
