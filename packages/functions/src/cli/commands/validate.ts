import { createReadStream } from "node:fs";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { type CsvValidation, validateCsv } from "@churn/core/csv";
import type { Command, CommandIo } from "../command.ts";

const LISTED_ISSUE_COUNT = 10;

const usage = `Usage: churn validate <csv> [--json] [--min-rows <n>] [--max-bad-share <share>]

Reads a churn CSV file and says whether the pipeline would accept it.
Exit code 0 when the file is valid, 1 when it is rejected, 2 on a usage error.

  --json                 print the full result (verdict, summary, first issues) as JSON
  --min-rows <n>         fewest usable rows accepted (default 50)
  --max-bad-share <x>    largest share of bad rows accepted, 0 to 1 (default 0.1)`;

export const validateCommand: Command = {
  name: "validate",
  summary: "Check a churn CSV file the way the pipeline does, and print the verdict.",
  usage,
  async run(args, io) {
    const parsed = parseValidateArgs(args);
    if (typeof parsed === "string") {
      io.stderr(`churn validate: ${parsed}\n\n${usage}`);
      return 2;
    }

    const path = resolve(io.cwd, parsed.path);
    const label = basename(path);
    const result = await validateCsv(createReadStream(path), {
      ...parsed.options,
      fileLabel: label,
    });

    if (parsed.isJson) io.stdout(JSON.stringify(toJson(label, result), null, 2));
    else printForPeople(io, label, result);
    return result.verdict.isValid ? 0 : 1;
  },
};

interface ValidateArgs {
  path: string;
  isJson: boolean;
  options: { minRowCount?: number; maxBadRowShare?: number };
}

/** The parsed arguments, or a one-line reason they are wrong. */
function parseValidateArgs(args: readonly string[]): ValidateArgs | string {
  let values: { json?: boolean; "min-rows"?: string; "max-bad-share"?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        json: { type: "boolean" },
        "min-rows": { type: "string" },
        "max-bad-share": { type: "string" },
      },
    }));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }

  const [path, ...extra] = positionals;
  if (path === undefined) return "name the CSV file to validate.";
  if (extra.length > 0) return `expected one file, got ${positionals.length}.`;
  const options: ValidateArgs["options"] = {};
  if (values["min-rows"] !== undefined) {
    const minRowCount = Number(values["min-rows"]);
    if (!Number.isInteger(minRowCount) || minRowCount < 0) {
      return "--min-rows takes a whole number of rows, 0 or more.";
    }
    options.minRowCount = minRowCount;
  }
  if (values["max-bad-share"] !== undefined) {
    const maxBadRowShare = Number(values["max-bad-share"]);
    if (!(maxBadRowShare >= 0 && maxBadRowShare <= 1)) {
      return "--max-bad-share takes a share between 0 and 1, e.g. 0.1.";
    }
    options.maxBadRowShare = maxBadRowShare;
  }
  return { path, isJson: values.json === true, options };
}

function toJson(file: string, result: CsvValidation) {
  return {
    file,
    verdict: result.verdict,
    summary: result.summary,
    issueCount: result.issueCount,
    issues: result.issues,
  };
}

function printForPeople(io: CommandIo, file: string, result: CsvValidation): void {
  const { verdict, summary } = result;
  const counts = `${summary.rowCount} rows, ${summary.keptRowCount} usable, ${summary.badRowCount} bad`;
  if (verdict.isValid) {
    const target = summary.hasTarget ? "with churn" : "without churn (quality will be estimated)";
    io.stdout(`${file}: valid, ${counts}, ${target}.`);
  } else {
    io.stdout(`${file}: rejected (${verdict.code}). ${verdict.message}`);
  }
  if (summary.columns.unknown.length > 0) {
    io.stdout(`Columns the schema does not know (kept): ${summary.columns.unknown.join(", ")}`);
  }
  if (result.issueCount === 0) return;

  const listed = result.issues.slice(0, LISTED_ISSUE_COUNT);
  io.stdout(`${result.issueCount} row issues; the first ${listed.length}:`);
  for (const issue of listed) {
    io.stdout(
      `  row ${issue.rowNumber}, ${issue.column}: ${issue.kind} (${JSON.stringify(issue.value)})`,
    );
  }
}
