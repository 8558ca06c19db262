/**
 * Local end-to-end time of one run, from the drop into data/input/ to the stored report and the
 * filed outputs, and the process's peak memory.
 *
 *   node bench/pipeline.ts [--rows 1050,1050,1000000] [--seed 20260301]
 *
 * In a temporary CHURN_HOME it trains and registers a model from generated data (not timed),
 * writes one seeded generated file per row count ("stable" kind, so it is scored and reported
 * like a normal drop), and runs each through the local runner: the same state-machine document,
 * steps, file-backed embedded database and outbox as `churn up`. Targets: 1,050 rows ≤ 2 s,
 * 1,000,000 rows ≤ 20 s, peak memory ≤ 1.5 GB.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import { generateChurnLines } from "../data/src/index.ts";
import { silentLogger } from "../packages/core/src/index.ts";
import { INPUT_PREFIX } from "../packages/core/src/pipeline/index.ts";
import { readPipelineSettings } from "../packages/functions/src/handlers/environment.ts";
import { ensureModel } from "../packages/functions/src/runner/ensure-model.ts";
import {
  localPaths,
  openLocalEnvironment,
} from "../packages/functions/src/runner/local-environment.ts";

const { values } = parseArgs({
  options: {
    // The first run also compiles the model and warms the database up; the second shows a warm run.
    rows: { type: "string", default: "1050,1050,1000000" },
    seed: { type: "string", default: "20260301" },
  },
});
const rowCounts = values.rows.split(",").map(Number);
const seed = Number(values.seed);

const home = await mkdtemp(join(tmpdir(), "bench-pipeline-"));
const paths = localPaths(home, { CHURN_HOME: home });
const environment = await openLocalEnvironment({
  paths,
  settings: readPipelineSettings({}),
  logger: silentLogger,
});
const quietIo = { stdout: () => {}, stderr: () => {}, cwd: home, env: {} };

try {
  const trainStartedMs = performance.now();
  await ensureModel(environment, { io: quietIo, logger: silentLogger });
  console.log(
    `model trained and registered in ${msSince(trainStartedMs)} ms (not timed below); ` +
      `peak RSS so far ${peakMegabytes()} MB`,
  );

  for (const [index, rowCount] of rowCounts.entries()) {
    const file = join(home, `stable-${index}-${rowCount}.csv`);
    await writeLines(file, generateChurnLines("stable", { seed, rowCount }));
    const key = `${INPUT_PREFIX}stable-${index}-${rowCount}.csv`;

    const startedMs = performance.now();
    await environment.store.write(key, createReadStream(file));
    const summary = await environment.runner.runKey(key);
    const elapsedMs = msSince(startedMs);

    console.log(
      `${rowCount.toLocaleString("en")} rows: ${summary.status} in ${elapsedMs} ms ` +
        `(drift share ${summary.driftShare?.toFixed(3)}, ` +
        `peak RSS so far ${peakMegabytes()} MB)`,
    );
    console.log(`  ${summary.reason ?? `steps: ${await stepTimes(summary.report)}`}`);
  }
  console.log(`peak memory (max RSS of the process): ${peakMegabytes()} MB`);
} finally {
  await environment.close();
  await rm(home, { recursive: true, force: true });
}

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  let batch: string[] = [];
  for (const line of lines) {
    batch.push(line);
    if (batch.length === 10_000) {
      if (!out.write(`${batch.join("\n")}\n`)) {
        await new Promise<void>((done) => out.once("drain", () => done()));
      }
      batch = [];
    }
  }
  out.end(batch.length > 0 ? `${batch.join("\n")}\n` : "");
  await finished(out);
}

/** The step durations the stored report records, to show where the time goes. */
async function stepTimes(reportKey: string | null): Promise<string> {
  if (reportKey === null) return "no report";
  const report = JSON.parse(new TextDecoder().decode(await environment.store.readBytes(reportKey)));
  const steps = report.steps as { name: string; durationMs: number }[];
  return steps.map((step) => `${step.name} ${Math.round(step.durationMs)} ms`).join(", ");
}

function msSince(startedMs: number): number {
  return Math.round(performance.now() - startedMs);
}

function peakMegabytes(): number {
  // resourceUsage reports maxRSS in kilobytes.
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
