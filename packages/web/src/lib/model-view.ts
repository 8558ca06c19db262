import * as v from "valibot";

/**
 * The train and holdout scores in a model version's stored metrics JSON, which holds the
 * registry's evaluations (`{ metrics: {...}, calibration }`) or, from older records, flat
 * records of scores. Each side is read on its own and is empty when it does not parse.
 */
export interface ModelScores {
  /** Metric name → value on the training rows and on the holdout rows. */
  readonly train: Readonly<Record<string, number>>;
  readonly holdout: Readonly<Record<string, number>>;
}

/** One column's counts over shared bins for the customers who stayed and those who churned. */
export interface ProfileColumn {
  readonly columnName: string;
  readonly bins: readonly { label: string; first: number; second: number }[];
}

const ScoreRecord = v.record(v.string(), v.unknown());
const Evaluation = v.union([v.object({ metrics: ScoreRecord }), ScoreRecord]);
const MetricsShape = v.looseObject({
  train: v.optional(v.unknown()),
  holdout: v.optional(v.unknown()),
});

/** Reads the train and holdout scores from a model version's stored metrics JSON. */
export function readModelScores(metrics: unknown): ModelScores {
  const parsed = v.safeParse(MetricsShape, metrics);
  const parts = parsed.success ? parsed.output : {};
  return { train: scoresOf(parts.train), holdout: scoresOf(parts.holdout) };
}

function scoresOf(value: unknown): Record<string, number> {
  const parsed = v.safeParse(Evaluation, value);
  if (!parsed.success) return {};
  const record: Record<string, unknown> =
    "metrics" in parsed.output && typeof parsed.output.metrics === "object"
      ? (parsed.output.metrics as Record<string, unknown>)
      : parsed.output;
  return Object.fromEntries(
    Object.entries(record).filter(
      (entry): entry is [string, number] => typeof entry[1] === "number",
    ),
  );
}
