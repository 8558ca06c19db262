import * as v from "valibot";

/**
 * The parts of a model version's stored metrics JSON that the models page draws. The store
 * keeps that JSON as the registry's metadata holds it, so each part is read on its own and is
 * left out when absent or malformed, and the page shows what there is.
 */
export interface ModelView {
  /** Metric name → value on the training rows and on the holdout rows. */
  readonly train: Readonly<Record<string, number>>;
  readonly holdout: Readonly<Record<string, number>>;
  /** Mean |SHAP| per feature, largest first. */
  readonly shapImportance: readonly { feature: string; value: number }[];
  readonly trainingProfile: readonly ProfileColumn[];
}

export interface ProfileColumn {
  readonly columnName: string;
  readonly bins: readonly { label: string; first: number; second: number }[];
}

const ScoreRecord = v.record(v.string(), v.unknown());

/** A registry evaluation (`{ metrics: {...} }`) or a flat record of scores. */
const Evaluation = v.union([v.object({ metrics: ScoreRecord }), ScoreRecord]);

const ShapList = v.array(v.object({ feature: v.string(), meanAbsShap: v.number() }));
const ShapRecord = v.record(v.string(), v.number());

/** Per column: counts over shared bins for the customers who stayed and those who churned. */
const Profile = v.array(
  v.object({
    columnName: v.string(),
    labels: v.array(v.string()),
    stayed: v.array(v.number()),
    churned: v.array(v.number()),
  }),
);

const MetricsShape = v.looseObject({
  train: v.optional(v.unknown()),
  holdout: v.optional(v.unknown()),
  shapImportance: v.optional(v.unknown()),
  trainingProfile: v.optional(v.unknown()),
});

/** Reads what the models page can draw from a model version's stored metrics JSON. */
export function readModelMetrics(metrics: unknown): ModelView {
  const parsed = v.safeParse(MetricsShape, metrics);
  const parts = parsed.success ? parsed.output : {};

  return {
    train: scoresOf(parts.train),
    holdout: scoresOf(parts.holdout),
    shapImportance: shapOf(parts.shapImportance),
    trainingProfile: profileOf(parts.trainingProfile),
  };
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

function shapOf(value: unknown): { feature: string; value: number }[] {
  const list = v.safeParse(ShapList, value);
  if (list.success) {
    return list.output
      .map((row) => ({ feature: row.feature, value: row.meanAbsShap }))
      .sort((a, b) => b.value - a.value);
  }
  const record = v.safeParse(ShapRecord, value);
  if (!record.success) return [];
  return Object.entries(record.output)
    .map(([feature, share]) => ({ feature, value: share }))
    .sort((a, b) => b.value - a.value);
}

function profileOf(value: unknown): ProfileColumn[] {
  const parsed = v.safeParse(Profile, value);
  if (!parsed.success) return [];
  return parsed.output.map((column) => ({
    columnName: column.columnName,
    bins: column.labels.map((label, index) => ({
      label,
      first: column.stayed[index] ?? 0,
      second: column.churned[index] ?? 0,
    })),
  }));
}
