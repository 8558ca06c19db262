import { describe, expect, it } from "vitest";
import {
  type AlertFacts,
  buildDriftAlert,
  buildScoreAlert,
  formatNumber,
  runPageUrl,
} from "./alerts.ts";

const facts: AlertFacts = {
  runId: "customer_churn_2-0123456789abcdef",
  fileName: "customer_churn_2.csv",
  modelVersion: "v3",
  modelAlias: "staging",
  driftShare: 8 / 12,
  driftShareThreshold: 0.5,
  columnCount: 12,
  driftedColumns: [
    { column: "call_failure", test: "K-S p-value", score: 1.56e-28, threshold: 0.05 },
    { column: "age_group", test: "chi-square p-value", score: 6.14e-8, threshold: 0.05 },
  ],
  lowScores: [{ metric: "F1 score", value: 0.5432, threshold: 0.7, referenceValue: 0.8125 }],
  siteUrl: "http://localhost:3000/",
};

describe("buildDriftAlert", () => {
  it("names the file, the model version, each drifted column and the run page", () => {
    const alert = buildDriftAlert(facts);

    expect(alert.subject).toBe("Customer Data Drift Alert: 2 Column(s) Drifted");
    expect(alert.body).toContain("File: customer_churn_2.csv");
    expect(alert.body).toContain("Model version: v3 (alias staging)");
    expect(alert.body).toContain("- call_failure: K-S p-value 1.56e-28 (threshold 0.05)");
    expect(alert.body).toContain("- age_group: chi-square p-value 6.14e-8 (threshold 0.05)");
    expect(alert.body).toContain("http://localhost:3000/runs/customer_churn_2-0123456789abcdef");
  });

  it("keeps the subject under SNS's 100 characters and starting with a letter", () => {
    const alert = buildDriftAlert(facts);

    expect(alert.subject.length).toBeLessThan(100);
    expect(alert.subject).toMatch(/^[A-Za-z]/);
  });

  it("says where to look when no site address is configured", () => {
    const alert = buildDriftAlert({ ...facts, siteUrl: null });

    expect(alert.body).toContain("review the report of run customer_churn_2-0123456789abcdef");
  });
});

describe("buildScoreAlert", () => {
  it("gives each low score with its threshold and reference value", () => {
    const alert = buildScoreAlert(facts);

    expect(alert.subject).toBe("Customer Prediction Scores Alert: 1 Score(s) Below Threshold");
    expect(alert.body).toContain("- F1 score: 0.543 (threshold 0.7, reference 0.813)");
  });

  it("leaves the reference out when it is unknown", () => {
    const alert = buildScoreAlert({
      ...facts,
      lowScores: [{ metric: "Recall", value: 0.61, threshold: 0.7, referenceValue: null }],
    });

    expect(alert.body).toContain("- Recall: 0.61 (threshold 0.7)\n");
  });
});

describe("formatNumber", () => {
  it.each([
    [0, "0"],
    [0.5, "0.5"],
    [0.61538, "0.615"],
    [0.0155, "0.0155"],
    [0.000666, "6.66e-4"],
    [1.56e-28, "1.56e-28"],
    [12.3456, "12.3"],
  ])("writes %d as %s", (value, expected) => {
    expect(formatNumber(value)).toBe(expected);
  });
});

describe("runPageUrl", () => {
  it("encodes the run id under /runs/", () => {
    expect(runPageUrl("https://churn.example.com", "a b")).toBe(
      "https://churn.example.com/runs/a%20b",
    );
  });
});
