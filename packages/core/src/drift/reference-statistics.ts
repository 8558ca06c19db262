/**
 * Reference statistics: everything the drift tests need from a reference set, computed once per
 * model version and stored beside it as JSON. Tests always run on this form, so stored and
 * freshly computed statistics give identical results.
 */
import * as v from "valibot";
import { ChurnError } from "../errors/index.ts";
import { type ColumnKind, columnSpec, PREDICTION_NAME } from "../schema/index.ts";
import { type ColumnSample, sampleFromCounts, summariseColumn } from "./sample.ts";

export const REFERENCE_STATISTICS_VERSION = 1;

const ColumnStatisticsSchema = v.object({
  kind: v.picklist(["numerical", "categorical"]),
  /** Distinct finite values, ascending; exact doubles survive JSON. */
  values: v.array(v.number()),
  counts: v.array(v.pipe(v.number(), v.integer(), v.minValue(1))),
  missingCount: v.number(),
  infiniteCount: v.number(),
});

export const ReferenceStatisticsSchema = v.object({
  schemaVersion: v.literal(REFERENCE_STATISTICS_VERSION),
  rowCount: v.number(),
  columns: v.record(v.string(), ColumnStatisticsSchema),
});
export type ReferenceStatistics = v.InferOutput<typeof ReferenceStatisticsSchema>;

/** The kind of a column: the schema's, categorical for the prediction column. */
export function columnKind(name: string, kinds: Readonly<Record<string, ColumnKind>> = {}) {
  const kind = kinds[name] ?? columnSpec(name)?.kind;
  if (kind !== undefined) return kind;
  if (name === PREDICTION_NAME) return "categorical";
  throw new ChurnError(
    "drift.unknown_column_kind",
    `Column ${name} is not in the schema and has no kind; pass its kind explicitly.`,
    { context: { column: name } },
  );
}

/**
 * Summarises each reference column for the drift tests. Kinds come from `kinds`, then from the
 * schema. Throws `drift.unknown_column_kind` for a column with neither, and
 * `drift.invalid_reference` when columns differ in length.
 */
export function computeReferenceStatistics(
  columns: Readonly<Record<string, ArrayLike<number>>>,
  kinds: Readonly<Record<string, ColumnKind>> = {},
): ReferenceStatistics {
  const names = Object.keys(columns);
  const rowCount = names.length === 0 ? 0 : (columns[names[0] as string]?.length ?? 0);
  const result: ReferenceStatistics["columns"] = {};
  for (const name of names) {
    const raw = columns[name] as ArrayLike<number>;
    if (raw.length !== rowCount) {
      throw new ChurnError(
        "drift.invalid_reference",
        `Reference column ${name} has ${raw.length} rows where others have ${rowCount}; pass whole columns.`,
        { context: { column: name, rowCount: raw.length, expectedRowCount: rowCount } },
      );
    }
    const summary = summariseColumn(raw);
    result[name] = {
      kind: columnKind(name, kinds),
      values: Array.from(summary.sample.values),
      counts: Array.from(summary.sample.counts),
      missingCount: summary.missingCount,
      infiniteCount: summary.infiniteCount,
    };
  }
  return { schemaVersion: REFERENCE_STATISTICS_VERSION, rowCount, columns: result };
}

/** Parses stored reference statistics; throws `drift.invalid_reference_statistics`. */
export function parseReferenceStatistics(json: unknown): ReferenceStatistics {
  const parsed = v.safeParse(ReferenceStatisticsSchema, json);
  if (parsed.success) return parsed.output;
  const issue = parsed.issues[0];
  throw new ChurnError(
    "drift.invalid_reference_statistics",
    `Reference statistics do not match schema version ${REFERENCE_STATISTICS_VERSION} at ${v.getDotPath(issue) ?? "the top"}: ${issue.message}; recompute them for the model version.`,
    { context: { path: v.getDotPath(issue) } },
  );
}

/** The sample of one stored reference column. */
export function referenceSample(statistics: ReferenceStatistics["columns"][string]): ColumnSample {
  return sampleFromCounts(statistics.values, statistics.counts);
}
