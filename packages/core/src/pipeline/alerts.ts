import type { AlertMessage } from "../ports/index.ts";

/** One column the drift test flagged, as an alert names it. */
export interface DriftedColumnFact {
  readonly column: string;
  /** The test's name as people read it, e.g. "K-S p-value" or "Wasserstein distance". */
  readonly test: string;
  readonly score: number;
  readonly threshold: number;
}

/** One quality score that fell under its threshold. */
export interface LowScoreFact {
  /** The metric's name as people read it, e.g. "F1 score". */
  readonly metric: string;
  readonly value: number;
  readonly threshold: number;
  /** The same metric on the model version's reference set, when known. */
  readonly referenceValue: number | null;
}

/** What the alerts of one run say; built from the run report by `buildReport`. */
export interface AlertFacts {
  readonly runId: string;
  readonly fileName: string;
  readonly modelVersion: string;
  readonly modelAlias: string;
  readonly driftShare: number;
  readonly driftShareThreshold: number;
  readonly columnCount: number;
  readonly driftedColumns: readonly DriftedColumnFact[];
  readonly lowScores: readonly LowScoreFact[];
  /** The report site's base URL, or null when none is configured. */
  readonly siteUrl: string | null;
}

/**
 * The drift alert of a run. The subject starts with a letter because SNS rejects subjects that
 * start with a symbol such as the original platform's siren emoji, and stays under 100 characters.
 */
export function buildDriftAlert(facts: AlertFacts): AlertMessage {
  const count = facts.driftedColumns.length;
  const lines = [
    "Most columns drifted from the reference data in the latest run " +
      `(${count} of ${facts.columnCount}, share ${formatNumber(facts.driftShare)} ≥ threshold ` +
      `${formatNumber(facts.driftShareThreshold)}).`,
    "",
    ...runLines(facts),
    "",
    `${count} Column(s) Drifted:`,
    ...facts.driftedColumns.map(
      (fact) =>
        `- ${fact.column}: ${fact.test} ${formatNumber(fact.score)} ` +
        `(threshold ${formatNumber(fact.threshold)})`,
    ),
    "",
    reviewLine(facts),
  ];
  return {
    subject: `Customer Data Drift Alert: ${count} Column(s) Drifted`,
    body: lines.join("\n"),
  };
}

/** The score alert of a run: every quality score under its threshold, beside the reference's. */
export function buildScoreAlert(facts: AlertFacts): AlertMessage {
  const count = facts.lowScores.length;
  const lines = [
    "Predictions scored below threshold in the latest run.",
    "",
    ...runLines(facts),
    "",
    `${count} Score(s) Below Threshold:`,
    ...facts.lowScores.map((fact) => {
      const reference =
        fact.referenceValue === null ? "" : `, reference ${formatNumber(fact.referenceValue)}`;
      return (
        `- ${fact.metric}: ${formatNumber(fact.value)} ` +
        `(threshold ${formatNumber(fact.threshold)}${reference})`
      );
    }),
    "",
    "Consider retraining the model on recent data.",
    reviewLine(facts),
  ];
  return {
    subject: `Customer Prediction Scores Alert: ${count} Score(s) Below Threshold`,
    body: lines.join("\n"),
  };
}

/** The link to a run's page on the report site. */
export function runPageUrl(siteUrl: string, runId: string): string {
  return `${siteUrl.replace(/\/+$/, "")}/runs/${encodeURIComponent(runId)}`;
}

/**
 * Three significant digits, and scientific notation below 0.001, so that p-values such as
 * 1.56e-28 stay readable next to scores such as 0.543.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && Math.abs(value) < 0.001) return value.toExponential(2);
  return String(Number(value.toPrecision(3)));
}

function runLines(facts: AlertFacts): string[] {
  return [
    `File: ${facts.fileName}`,
    `Model version: ${facts.modelVersion} (alias ${facts.modelAlias})`,
    `Run: ${facts.runId}`,
  ];
}

function reviewLine(facts: AlertFacts): string {
  if (facts.siteUrl === null) {
    return `Please review the report of run ${facts.runId} and take the necessary actions.`;
  }
  return (
    `Please review the report at ${runPageUrl(facts.siteUrl, facts.runId)} ` +
    "and take the necessary actions."
  );
}
