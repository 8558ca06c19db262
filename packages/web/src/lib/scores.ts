/**
 * The four scores the original dashboard watched, by the metric names the pipeline stores, in
 * the order the site shows them.
 */
export const WATCHED_SCORES = [
  { name: "f1", label: "F1" },
  { name: "precision", label: "Precision" },
  { name: "recall", label: "Recall" },
  { name: "accuracy", label: "Accuracy" },
] as const;

export type WatchedScoreName = (typeof WATCHED_SCORES)[number]["name"];

export const WATCHED_SCORE_NAMES: readonly string[] = WATCHED_SCORES.map((score) => score.name);

/** A metric's name as people write it, e.g. "rocAuc" → "ROC AUC". */
export function metricLabel(name: string): string {
  const known: Readonly<Record<string, string>> = {
    f1: "F1",
    precision: "Precision",
    recall: "Recall",
    accuracy: "Accuracy",
    rocAuc: "ROC AUC",
    logLoss: "Log loss",
  };
  return known[name] ?? name;
}
