/** Data quality of a current file against the reference: missing values, range, categories. */
export {
  checkDataQuality,
  type DataQualityInput,
  DEFAULT_MAX_MISSING_SHARE_INCREASE,
} from "./check-data-quality.ts";
export {
  type ColumnDataQuality,
  ColumnDataQualitySchema,
  type DataQualityReport,
  DataQualityReportSchema,
} from "./schema.ts";
