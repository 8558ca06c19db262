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
  /**
   * What validation counted before it set rows aside: missing cells per column over all of the
   * file's `fileRowCount` data rows. A column counted here takes its missing share from these
   * counts; any other column counts the NaN and ±∞ values of `current`.
   */
  readonly missingCellCounts?: Readonly<Record<string, number>>;
  readonly fileRowCount?: number;
}

/**
 * Per column: missing share (NaN and ±∞, or the cells validation counted as missing) against
 * the reference's, values outside the reference's range, and, for categorical columns, values
 * the reference never held. These are the checks drift leaves out, since drift tests drop
 * missing values. Throws nothing.
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
    const counted = input.missingCellCounts?.[name];
    const fileCount =
      counted === undefined || input.fileRowCount === undefined
        ? undefined
        : { missingCount: counted, rowCount: input.fileRowCount };
    columns.push(checkColumn(name, stored, raw, maxIncrease, input.reference.rowCount, fileCount));
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
  fileCount: { missingCount: number; rowCount: number } | undefined,
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
  const finiteCount = raw.length - missing;
  // Kept rows hold no missing cell of a counted column, so the file's count covers them all.
  const rowCount = fileCount?.rowCount ?? raw.length;
  const missingCount = fileCount?.missingCount ?? missing;
  const currentMissingShare = rowCount === 0 ? 0 : missingCount / rowCount;
  return {
    columnName: name,
    kind: stored.kind,
    rowCount,
    missingCount,
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
