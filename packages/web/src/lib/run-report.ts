import { ClassificationMetricsSchema } from "@churn/core/quality";
import * as v from "valibot";

/**
 * The parts of a run's stored report JSON that the run page draws. Each part is parsed on its
 * own and is `undefined` when absent or malformed, so a report written by an older or newer
 * pipeline still shows everything the site can read, and never breaks the page.
 */
export interface RunReportView {
  readonly quality?: v.InferOutput<typeof ClassificationMetricsSchema>;
  readonly referenceQuality?: v.InferOutput<typeof ClassificationMetricsSchema>;
  /** Column name → reference and current counts over shared bins. */
  readonly distributions: ReadonlyMap<string, readonly DistributionBinView[]>;
  readonly dataQuality: readonly DataQualityView[];
  readonly validation?: ValidationView;
  readonly steps: readonly StepView[];
}

export interface DistributionBinView {
  readonly label: string;
  readonly first: number;
  readonly second: number;
}

const Bins = v.object({
  labels: v.array(v.string()),
  reference: v.array(v.number()),
  current: v.array(v.number()),
});

const DriftPart = v.object({
  columns: v.array(
    v.looseObject({
      columnName: v.string(),
      distribution: v.optional(Bins),
    }),
  ),
});

const DataQualitySchema = v.object({
  columnName: v.string(),
  missingCount: v.number(),
  rowCount: v.number(),
  outOfDomainCount: v.optional(v.number()),
  distinctCount: v.optional(v.number()),
  min: v.optional(v.nullable(v.number())),
  max: v.optional(v.nullable(v.number())),
  mean: v.optional(v.nullable(v.number())),
  referenceMean: v.optional(v.nullable(v.number())),
});
export type DataQualityView = v.InferOutput<typeof DataQualitySchema>;

const IssueSchema = v.object({
  rowNumber: v.number(),
  column: v.string(),
  value: v.string(),
  kind: v.string(),
});

const ValidationSchema = v.object({
  isValid: v.boolean(),
  message: v.optional(v.string()),
  columns: v.optional(
    v.object({
      found: v.array(v.string()),
      missing: v.array(v.string()),
      unknown: v.array(v.string()),
    }),
  ),
  issues: v.array(IssueSchema),
  issueCount: v.number(),
});
export type ValidationView = v.InferOutput<typeof ValidationSchema>;

const StepSchema = v.object({
  name: v.string(),
  startedAt: v.optional(v.string()),
  durationMs: v.number(),
  outcome: v.optional(v.string()),
});
export type StepView = v.InferOutput<typeof StepSchema>;

const ReportShape = v.looseObject({
  quality: v.optional(v.unknown()),
  referenceQuality: v.optional(v.unknown()),
  drift: v.optional(v.unknown()),
  dataQuality: v.optional(v.unknown()),
  validation: v.optional(v.unknown()),
  steps: v.optional(v.unknown()),
});

/** Reads what the site can draw from a stored report; anything unreadable is left out. */
export function readRunReport(report: unknown): RunReportView {
  const shape = v.safeParse(ReportShape, report);
  const parts = shape.success ? shape.output : {};
  const drift = parsePart(DriftPart, parts.drift);

  return {
    ...optional("quality", parsePart(ClassificationMetricsSchema, parts.quality)),
    ...optional("referenceQuality", parsePart(ClassificationMetricsSchema, parts.referenceQuality)),
    distributions: new Map(
      (drift?.columns ?? []).flatMap((column) =>
        column.distribution === undefined
          ? []
          : [[column.columnName, toBins(column.distribution)] as const],
      ),
    ),
    dataQuality: parsePart(v.array(DataQualitySchema), parts.dataQuality) ?? [],
    ...optional("validation", parsePart(ValidationSchema, parts.validation)),
    steps: parsePart(v.array(StepSchema), parts.steps) ?? [],
  };
}

function toBins(bins: v.InferOutput<typeof Bins>): DistributionBinView[] {
  return bins.labels.map((label, index) => ({
    label,
    first: bins.reference[index] ?? 0,
    second: bins.current[index] ?? 0,
  }));
}

function parsePart<T extends v.GenericSchema>(
  schema: T,
  value: unknown,
): v.InferOutput<T> | undefined {
  const result = v.safeParse(schema, value);
  return result.success ? result.output : undefined;
}

/** `{ [name]: value }` when the value exists, else nothing: optional properties stay absent. */
function optional<K extends string, T>(name: K, value: T | undefined): { [P in K]?: T } {
  return (value === undefined ? {} : { [name]: value }) as { [P in K]?: T };
}
