import { createReadStream } from "node:fs";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { columnSpec, PREDICTION_NAME } from "@churn/core";
import { type ChurnTable, validateCsv } from "@churn/core/csv";
import {
  type ColumnDrift,
  computeReferenceStatistics,
  type DriftReport,
  detectDrift,
} from "@churn/core/drift";
import type { Command, CommandIo } from "../command.ts";

const usage = `Usage: churn drift --reference <csv> --current <csv> [--json] [--drift-share <x>]

Tests every default column (the 11 features, churn and churn_prediction when both files have
them) for drift of the current file against the reference, with Evidently's default tests.
Exit code 0 when both files were read, 1 when one is rejected, 2 on a usage error.

  --reference <csv>    the reference file, e.g. a model version's holdout rows
  --current <csv>      the file under test
  --json               print the run report's drift section as JSON
  --drift-share <x>    dataset drift when drifted/tested columns >= x (default 0.5)`;

export const driftCommand: Command = {
  name: "drift",
  summary: "Compare a current CSV file with a reference file column by column and print the drift.",
  usage,
  async run(args, io) {
    const parsed = parseDriftArgs(args);
    if (typeof parsed === "string") {
      io.stderr(`churn drift: ${parsed}\n\n${usage}`);
      return 2;
    }

    const reference = await readTable(io, parsed.reference);
    const current = await readTable(io, parsed.current);
    if (reference === undefined || current === undefined) return 1;

    const report = detectDrift({
      reference: computeReferenceStatistics(knownColumns(reference)),
      current: knownColumns(current),
      ...(parsed.driftShare === undefined
        ? {}
        : { options: { driftShareThreshold: parsed.driftShare } }),
    });
    if (parsed.isJson) io.stdout(JSON.stringify(report, null, 2));
    else printForPeople(io, report);
    return 0;
  },
};

interface DriftArgs {
  reference: string;
  current: string;
  isJson: boolean;
  driftShare?: number;
}

/** The parsed arguments, or a one-line reason they are wrong. */
function parseDriftArgs(args: readonly string[]): DriftArgs | string {
  let values: { reference?: string; current?: string; json?: boolean; "drift-share"?: string };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        reference: { type: "string" },
        current: { type: "string" },
        json: { type: "boolean" },
        "drift-share": { type: "string" },
      },
    }));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (values.reference === undefined) return "name the reference file with --reference.";
  if (values.current === undefined) return "name the current file with --current.";
  const result: DriftArgs = {
    reference: values.reference,
    current: values.current,
    isJson: values.json === true,
  };
  if (values["drift-share"] !== undefined) {
    const driftShare = Number(values["drift-share"]);
    if (!(driftShare >= 0 && driftShare <= 1)) {
      return "--drift-share takes a share between 0 and 1, e.g. 0.5.";
    }
    result.driftShare = driftShare;
  }
  return result;
}

/** Reads a file as the pipeline does; prints the reason and returns undefined when rejected. */
async function readTable(io: CommandIo, file: string): Promise<ChurnTable | undefined> {
  const path = resolve(io.cwd, file);
  const label = basename(path);
  // A reference may be small (the original holdout has 210 rows), so no row minimum applies.
  const result = await validateCsv(createReadStream(path), { fileLabel: label, minRowCount: 1 });
  if (result.verdict.isValid) return result.table;
  io.stderr(`churn drift: ${label} rejected (${result.verdict.code}). ${result.verdict.message}`);
  return undefined;
}

/** The numeric columns the schema knows, plus the prediction column when a file has one. */
function knownColumns(table: ChurnTable): Record<string, Float64Array> {
  const columns: Record<string, Float64Array> = {};
  for (const name of table.columnNames) {
    const values = table.column(name);
    if (values !== undefined && (columnSpec(name) !== undefined || name === PREDICTION_NAME)) {
      columns[name] = values;
    }
  }
  return columns;
}

function printForPeople(io: CommandIo, report: DriftReport): void {
  const header = ["column", "kind", "test", "score", "threshold", "drift", "effect size", "rows"];
  const rows = report.columns.map(describeColumn);
  const widths = header.map((title, k) =>
    Math.max(title.length, ...rows.map((row) => (row[k] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, k) => cell.padEnd(widths[k] ?? 0))
      .join("  ")
      .trimEnd();
  io.stdout(line(header));
  io.stdout(line(widths.map((width) => "-".repeat(width))));
  for (const row of rows) io.stdout(line(row));

  const share = report.driftedShare.toFixed(3);
  const verdict = report.isDatasetDrift ? "dataset drift detected" : "no dataset drift";
  io.stdout(
    `\nDrift in ${report.driftedColumnCount} of ${report.testedColumnCount} columns ` +
      `(share ${share}, threshold ${report.driftShareThreshold}, share >= threshold): ${verdict}.`,
  );
  if (report.missingColumns.length > 0) {
    io.stdout(`Not in both files, not tested: ${report.missingColumns.join(", ")}.`);
  }
  if (report.isLowConfidence) {
    io.stdout("Some columns have few rows; their results are flagged low-confidence (*).");
  }
}

function describeColumn(column: ColumnDrift): string[] {
  const score = column.score === null ? "not tested" : formatNumber(column.score);
  const effect =
    column.effectSize === null
      ? ""
      : `${column.effectSize.name} ${formatNumber(column.effectSize.value)}`;
  const rows = `${column.referenceCount}/${column.currentCount}${column.isLowConfidence ? " *" : ""}`;
  return [
    column.columnName,
    column.kind,
    column.testDisplayName,
    score,
    `${comparisonSymbol(column.comparison)} ${column.threshold}`,
    column.isDrifted ? "DRIFT" : "-",
    effect,
    rows,
  ];
}

function comparisonSymbol(comparison: ColumnDrift["comparison"]): string {
  if (comparison === "score <= threshold") return "<=";
  if (comparison === "score < threshold") return "<";
  return ">=";
}

/** Six significant digits, as Evidently rounds its drift table. */
function formatNumber(value: number): string {
  return Number(value.toPrecision(6)).toString();
}
