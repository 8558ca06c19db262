import { ColumnDataQualitySchema } from "@churn/core/data-quality";
import { ColumnDriftSchema } from "@churn/core/drift";
import { ClassificationMetricsSchema } from "@churn/core/quality";
import { StepTimingSchema, ValidationSummarySchema } from "@churn/core/report";
import * as v from "valibot";

/**
 * The parts of a run's stored report JSON that the run page draws. A processed run stores the
 * whole report; a rejected or failed run stores only what it got to (often just the validation).
 * So each part is parsed on its own with the report's own schema, and is left out when absent
 * or malformed: the page shows everything it can read and never breaks on the rest.
 */
export interface RunReportView {
  readonly quality?: v.InferOutput<typeof ClassificationMetricsSchema>;
  /** Column name → the drift section's view of it (test name, distribution, reasons). */
  readonly driftColumns: ReadonlyMap<string, v.InferOutput<typeof ColumnDriftSchema>>;
  readonly dataQuality: readonly v.InferOutput<typeof ColumnDataQualitySchema>[];
  readonly validation?: v.InferOutput<typeof ValidationSummarySchema>;
  readonly steps: readonly v.InferOutput<typeof StepTimingSchema>[];
}

const ReportShape = v.looseObject({
  quality: v.optional(v.unknown()),
  drift: v.optional(v.unknown()),
  dataQuality: v.optional(v.unknown()),
  validation: v.optional(v.unknown()),
  steps: v.optional(v.unknown()),
});

const DriftColumns = v.object({ columns: v.array(ColumnDriftSchema) });

/** Reads what the site can draw from a stored report; anything unreadable is left out. */
export function readRunReport(report: unknown): RunReportView {
  const shape = v.safeParse(ReportShape, report);
  const parts = shape.success ? shape.output : {};
  const quality = parsePart(ClassificationMetricsSchema, parts.quality);
  const validation = parsePart(ValidationSummarySchema, parts.validation);
  const drift = parsePart(DriftColumns, parts.drift);

  return {
    ...(quality === undefined ? {} : { quality }),
    ...(validation === undefined ? {} : { validation }),
    driftColumns: new Map((drift?.columns ?? []).map((column) => [column.columnName, column])),
    dataQuality: parsePart(v.array(ColumnDataQualitySchema), parts.dataQuality) ?? [],
    steps: parsePart(v.array(StepTimingSchema), parts.steps) ?? [],
  };
}

function parsePart<T extends v.GenericSchema>(
  schema: T,
  value: unknown,
): v.InferOutput<T> | undefined {
  const result = v.safeParse(schema, value);
  return result.success ? result.output : undefined;
}
