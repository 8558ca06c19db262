import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { createConsoleLogger } from "../../adapters/loggers.ts";
import { readPipelineSettings } from "../../handlers/environment.ts";
import { dropInputFile } from "../../runner/drop-input-file.ts";
import { ensureModel } from "../../runner/ensure-model.ts";
import { localPaths, openLocalEnvironment } from "../../runner/local-environment.ts";
import type { RunSummary } from "../../runner/local-runner.ts";
import { refuseWhileUp } from "../../runner/up-lock.ts";
import type { Command } from "../command.ts";

const usage = `Usage: churn process <csv>... [--json]

Runs each file through the pipeline on this machine, one after the other, and prints one
summary per run: run id, status (processed, rejected or failed), rows, model version, drift
share, drifted columns, scores, alerts, and where the report and outputs are.
A model is trained and registered first when none is (offline, from generated data).
Local state lives in .churn/ (CHURN_HOME overrides). Exit code 1 when any run failed.

  --json   print one JSON object per run, one per line`;

export const processCommand: Command = {
  name: "process",
  summary: "Run CSV files through the pipeline on this machine and print a summary per run.",
  usage,
  async run(args, io) {
    let values: { json?: boolean };
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({
        args: [...args],
        allowPositionals: true,
        options: { json: { type: "boolean" } },
      }));
    } catch (error) {
      io.stderr(`churn process: ${error instanceof Error ? error.message : error}\n\n${usage}`);
      return 2;
    }
    if (positionals.length === 0) {
      io.stderr(`churn process: name at least one CSV file.\n\n${usage}`);
      return 2;
    }

    const paths = localPaths(io.cwd, io.env);
    await refuseWhileUp(paths);
    const logger = createConsoleLogger({ format: "pretty", level: "warn", write: io.stderr });
    const environment = await openLocalEnvironment({
      paths,
      settings: readPipelineSettings(io.env),
      logger,
    });
    try {
      await ensureModel(environment, { io, logger });
      let isAnyFailed = false;
      for (const file of positionals) {
        const summary = await processFile(environment, resolve(io.cwd, file));
        isAnyFailed ||= summary.status === "failed";
        io.stdout(values.json ? JSON.stringify(summary) : describeRun(summary, paths.bucketDir));
      }
      return isAnyFailed ? 1 : 0;
    } finally {
      await environment.close();
    }
  },
};

/**
 * Drops a file into the local bucket's input folder and runs it to its end. A file of the same
 * name still waiting there is left alone: this one is dropped under a numbered name.
 */
async function processFile(
  environment: Awaited<ReturnType<typeof openLocalEnvironment>>,
  file: string,
): Promise<RunSummary> {
  const { key } = await dropInputFile(environment.store, file);
  return environment.runner.runKey(key);
}

/** A few lines for people; `--json` gives everything. */
export function describeRun(summary: RunSummary, bucketDir: string): string {
  const lines = [
    `${summary.file}: ${summary.status} (run ${summary.runId}, ${summary.durationMs} ms)`,
  ];
  if (summary.reason !== null) lines.push(`  reason: ${summary.reason}`);
  if (summary.rows !== null) {
    lines.push(
      `  rows: ${summary.rows.total} read, ${summary.rows.scored} scored, ` +
        `${summary.rows.rejected} set aside; model version ${summary.modelVersion ?? "none"}`,
    );
  }
  if (summary.driftShare !== null) {
    const columns =
      summary.driftedColumns.length > 0 ? `: ${summary.driftedColumns.join(", ")}` : "";
    lines.push(`  drift share ${summary.driftShare.toFixed(3)}${columns}`);
  }
  const scores = Object.entries(summary.scores)
    .filter((entry): entry is [string, number] => entry[1] !== null)
    .map(([name, value]) => `${name} ${value.toFixed(3)}`);
  if (scores.length > 0) {
    lines.push(`  ${summary.hasLabels === false ? "estimated " : ""}scores: ${scores.join(", ")}`);
  }
  for (const alert of summary.alerts) lines.push(`  alert sent: ${alert.subject}`);
  for (const [name, key] of Object.entries(summary.outputs)) {
    lines.push(`  ${name}: ${resolve(bucketDir, key)}`);
  }
  return lines.join("\n");
}
