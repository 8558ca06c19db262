import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { S3Client } from "@aws-sdk/client-s3";
import type { ObjectStore } from "@churn/core";
import { createLocalObjectStore } from "../../adapters/local-object-store.ts";
import { createS3ObjectStore } from "../../adapters/s3-object-store.ts";
import { demoFiles } from "../../runner/demo-files.ts";
import { dropInputFile } from "../../runner/drop-input-file.ts";
import { localPaths } from "../../runner/local-environment.ts";
import type { Command } from "../command.ts";

const usage = `Usage: churn simulate [files...] [--interval 30s] [--stage [bucket]]

Drops CSV files into data/input/ one by one, waiting between drops, as files would arrive in
production; the running pipeline (churn up, or the deployed stack) picks each one up.
Without files, drops the generated demo files (stable, drifted, degraded, unlabelled).
A file whose name still waits unclaimed in data/input/ is dropped as name-2.csv, name-3.csv, …
so that nothing is replaced.

  --interval <time>   wait between drops: 30s (default), 500ms, 2m, or seconds
  --stage [bucket]    drop into the deployed S3 bucket (default: $CHURN_BUCKET) instead of
                      the local bucket folder; uses the usual AWS credentials and region`;

export const simulateCommand: Command = {
  name: "simulate",
  summary: "Drop CSV files into data/input/ one by one, like files arriving in production.",
  usage,
  async run(args, io) {
    const parsed = parseSimulateArgs(args, io.env);
    if (typeof parsed === "string") {
      io.stderr(`churn simulate: ${parsed}\n\n${usage}`);
      return 2;
    }

    const paths = localPaths(io.cwd, io.env);
    const files =
      parsed.files.length > 0
        ? parsed.files.map((file) => resolve(io.cwd, file))
        : (await demoFiles(paths)).drops;
    const store: ObjectStore =
      parsed.bucket === undefined
        ? createLocalObjectStore(paths.bucketDir)
        : createS3ObjectStore({ client: new S3Client({}), bucket: parsed.bucket });
    const where = parsed.bucket === undefined ? paths.bucketDir : `s3://${parsed.bucket}`;

    for (const [index, file] of files.entries()) {
      const { key, isRenamed } = await dropInputFile(store, file);
      const isLast = index === files.length - 1;
      io.stdout(
        `[${index + 1}/${files.length}] dropped ${basename(file)} into ${where}/${key}` +
          (isRenamed ? ` (${basename(file)} still waits there unclaimed)` : "") +
          (isLast ? "" : `; next in ${formatInterval(parsed.intervalMs)}`),
      );
      if (!isLast) await new Promise((done) => setTimeout(done, parsed.intervalMs));
    }
    return 0;
  },
};

interface SimulateArgs {
  files: string[];
  intervalMs: number;
  bucket: string | undefined;
}

function parseSimulateArgs(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): SimulateArgs | string {
  // `--stage` takes an optional bucket name, which parseArgs cannot express directly.
  const rest = [...args];
  let bucket: string | undefined;
  const stageAt = rest.indexOf("--stage");
  if (stageAt >= 0) {
    const next = rest[stageAt + 1];
    const named = next !== undefined && !next.startsWith("-") && !next.endsWith(".csv");
    bucket = named ? next : env.CHURN_BUCKET;
    rest.splice(stageAt, named ? 2 : 1);
    if (bucket === undefined || bucket === "") {
      return "--stage needs a bucket name, or CHURN_BUCKET set (see make outputs).";
    }
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { interval: { type: "string", default: "30s" } },
    });
    const intervalMs = parseInterval(values.interval);
    if (intervalMs === undefined)
      return `--interval takes 30s, 500ms, 2m or seconds, not "${values.interval}".`;
    return { files: positionals, intervalMs, bucket };
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Milliseconds from `30s`, `500ms`, `2m` or a bare number of seconds; undefined otherwise. */
export function parseInterval(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (match === null) return undefined;
  const value = Number(match[1]);
  const unitMs = { ms: 1, s: 1000, m: 60_000 }[match[2] ?? "s"] ?? 1000;
  return Math.round(value * unitMs);
}

function formatInterval(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
