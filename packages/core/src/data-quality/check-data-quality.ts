import type { ReferenceStatistics } from "../drift/index.ts";
import type { ColumnDataQuality, DataQualityReport } from "./schema.ts";

/** A missing share this much above the reference's is flagged; 0.05 = five percentage points. */
export const DEFAULT_MAX_MISSING_SHARE_INCREASE = 0.05;
const MAX_LISTED_CATEGORIES = 20;

export interface DataQualityInput {
  readonly reference: ReferenceStatistics;
  readonly current: Readonly<Record<string, ArrayLike<number>>>;
  /** Columns to check; default every column present in both. */
  readonly columns?: readonly string[];
  readonly maxMissingShareIncrease?: number;
}

/**
 * Per column: missing share (NaN and ±∞) against the reference's, values outside the
 * reference's range, and, for categorical columns, values the reference never held. These are
 * the checks drift leaves out, since drift tests drop missing values. Throws nothing.
 */
export function checkDataQuality(input: DataQualityInput): DataQualityReport {
  const maxIncrease = input.maxMissingShareIncrease ?? DEFAULT_MAX_MISSING_SHARE_INCREASE;
  const names =
    input.columns ??
    Object.keys(input.reference.columns).filter((name) => input.current[name] !== undefined);
  const columns: ColumnDataQuality[] = [];
  for (const name of names) {
    const stored = input.reference.columns[name];
    const raw = input.current[name];
    if (stored === undefined || raw === undefined) continue;
    columns.push(checkColumn(name, stored, raw, maxIncrease, input.reference.rowCount));
  }
  const flaggedColumns = columns
    .filter((c) => c.hasMissingIncrease || c.outOfRangeCount > 0 || c.unseenCategoryRowCount > 0)
    .map((c) => c.columnName);
  return { columns, maxMissingShareIncrease: maxIncrease, flaggedColumns };
}

function checkColumn(
  name: string,
  stored: ReferenceStatistics["columns"][string],
  raw: ArrayLike<number>,
  maxIncrease: number,
  referenceRowCount: number,
): ColumnDataQuality {
  const known = new Set(stored.values);
  const referenceMin = stored.values.length === 0 ? null : (stored.values[0] as number);
  const referenceMax = stored.values.length === 0 ? null : (stored.values.at(-1) as number);
  const isCategorical = stored.kind === "categorical";

  let missing = 0;
  let outOfRange = 0;
  let unseenRows = 0;
  const unseen = new Set<number>();
  for (let row = 0; row < raw.length; row++) {
    const value = raw[row] as number;
    if (!Number.isFinite(value)) {
      missing++;
      continue;
    }
    if (referenceMin !== null && referenceMax !== null) {
      if (value < referenceMin || value > referenceMax) outOfRange++;
    }
    if (isCategorical && !known.has(value)) {
      unseenRows++;
      unseen.add(value);
    }
  }

  const referenceMissingShare =
    referenceRowCount === 0 ? 0 : (stored.missingCount + stored.infiniteCount) / referenceRowCount;
  const currentMissingShare = raw.length === 0 ? 0 : missing / raw.length;
  const finiteCount = raw.length - missing;
  return {
    columnName: name,
    kind: stored.kind,
    rowCount: raw.length,
    missingCount: missing,
    referenceMissingShare,
    currentMissingShare,
    hasMissingIncrease: currentMissingShare - referenceMissingShare > maxIncrease,
    referenceMin,
    referenceMax,
    outOfRangeCount: outOfRange,
    outOfRangeShare: finiteCount === 0 ? 0 : outOfRange / finiteCount,
    unseenCategories: [...unseen].sort((a, b) => a - b).slice(0, MAX_LISTED_CATEGORIES),
    unseenCategoryRowCount: unseenRows,
  };
}
