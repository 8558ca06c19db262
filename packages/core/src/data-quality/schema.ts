import * as v from "valibot";

export const ColumnDataQualitySchema = v.object({
  columnName: v.string(),
  kind: v.picklist(["numerical", "categorical"]),
  /** Rows in the current file, and those among them that are NaN or ±∞. */
  rowCount: v.number(),
  missingCount: v.number(),
  /** Share of rows that are NaN or ±∞, in the reference and in the current file. */
  referenceMissingShare: v.number(),
  currentMissingShare: v.number(),
  /** True when the current missing share exceeds the reference's by more than the setting. */
  hasMissingIncrease: v.boolean(),
  /** The reference's finite range; null when the reference column has no finite value. */
  referenceMin: v.nullable(v.number()),
  referenceMax: v.nullable(v.number()),
  /** Current rows with a finite value below referenceMin or above referenceMax. */
  outOfRangeCount: v.number(),
  outOfRangeShare: v.number(),
  /** Categorical columns: current values never seen in the reference (first 20) and their rows. */
  unseenCategories: v.array(v.number()),
  unseenCategoryRowCount: v.number(),
});
export type ColumnDataQuality = v.InferOutput<typeof ColumnDataQualitySchema>;

export const DataQualityReportSchema = v.object({
  columns: v.array(ColumnDataQualitySchema),
  maxMissingShareIncrease: v.number(),
  /** Columns with a missing-share increase, out-of-range values or unseen categories. */
  flaggedColumns: v.array(v.string()),
});
export type DataQualityReport = v.InferOutput<typeof DataQualityReportSchema>;
