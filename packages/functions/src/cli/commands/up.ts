import { stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { serveEmbeddedDatabase } from "../../adapters/database.ts";
import { createConsoleLogger } from "../../adapters/loggers.ts";
import { readPipelineSettings } from "../../handlers/environment.ts";
import { demoFiles } from "../../runner/demo-files.ts";
import { dropInputFile } from "../../runner/drop-input-file.ts";
import { ensureModel } from "../../runner/ensure-model.ts";
import { watchInputFolder } from "../../runner/folder-watcher.ts";
import { localPaths, openLocalEnvironment } from "../../runner/local-environment.ts";
import { startReportSite } from "../../runner/report-site.ts";
import { refuseWhileUp, writeUpLock } from "../../runner/up-lock.ts";
import type { Command, CommandIo } from "../command.ts";
import { describeRun } from "./process.ts";

const usage = `Usage: churn up [--port 3000] [--no-site] [--no-demo]

Runs the platform on this machine until Ctrl-C: trains and registers a model from generated
data when none is registered (offline), watches .churn/bucket/data/input/ and runs each new
file through the pipeline, serves the report site, and prints where everything is. On the
first start it drops the demo files once, so there is something to see.

  --port <n>    the report site's port (default 3000)
  --no-site     do not build or serve the report site
  --no-demo     do not drop the demo files on the first start`;

/** A command's io and, for programs and tests, a signal that stops `churn up` as Ctrl-C does. */
export interface UpIo extends CommandIo {
  readonly signal?: AbortSignal;
}

export const upCommand: Command = {
  name: "up",
  summary: "Run the platform locally: train if needed, watch data/input/, serve the site.",
  usage,
  async run(args, io: UpIo) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        port: { type: "string", default: "3000" },
        "no-site": { type: "boolean" },
        "no-demo": { type: "boolean" },
      },
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port <= 0 || port > 65_535) {
      io.stderr(`churn up: --port takes a port number, not "${values.port}".\n\n${usage}`);
      return 2;
    }

    const paths = localPaths(io.cwd, io.env);
    await refuseWhileUp(paths);
    const logger = createConsoleLogger({ format: "pretty", write: io.stderr });
    const settings = readPipelineSettings(io.env);

    // The runner and the site each hold one of the embedded server's two connections.
    const database = await serveEmbeddedDatabase({ dataDir: paths.databaseDir });
    const siteUrl = values["no-site"] ? null : `http://127.0.0.1:${port}`;
    const environment = await openLocalEnvironment({
      paths,
      settings: { ...settings, siteUrl: settings.siteUrl ?? siteUrl },
      logger,
      databaseUrl: database.url,
    });
    const removeLock = await writeUpLock(paths, {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      siteUrl,
      databaseUrl: database.url,
    });

    const closers: (() => Promise<void>)[] = [removeLock, environment.close, database.close];
    try {
      await ensureModel(environment, { io, logger });
      const watcher = await watchInputFolder({
        bucketDir: paths.bucketDir,
        store: environment.store,
        logger,
        onFile: async (key) => {
          const summary = await environment.runner.runKey(key);
          io.stdout(describeRun(summary, paths.bucketDir));
        },
      });
      closers.unshift(() => watcher.close());
      // The pipeline is the main job: when the site cannot start, files are still run.
      const site = values["no-site"]
        ? undefined
        : await startReportSite({
            port,
            databaseUrl: database.url,
            bucketDir: paths.bucketDir,
            logger,
          }).catch((error: unknown) => {
            logger.error("The report site is not served; the pipeline runs on", {
              error: error instanceof Error ? error.message : String(error),
            });
            return undefined;
          });
      if (site !== undefined) closers.unshift(() => site.close());

      io.stdout(
        [
          "The churn platform is up.",
          `  drop CSV files into  ${path.join(paths.bucketDir, "data", "input")}`,
          `  report site          ${site?.url ?? "(not served)"}`,
          `  outputs and logs     ${path.join(paths.bucketDir, "data")}`,
          `  alerts (.eml)        ${paths.outboxDir}`,
          `  metrics database     ${database.url} (embedded, ${paths.databaseDir})`,
          "Press Ctrl-C to stop.",
        ].join("\n"),
      );
      if (!values["no-demo"]) await dropDemoFilesOnce(paths, environment.store, io.stdout);
      await untilStopped(io.signal);
      io.stdout("Stopping…");
      return 0;
    } finally {
      for (const close of closers) await close().catch(() => {});
    }
  },
};

/** Drops the demo files into data/input/ on the first start only, marked by a file in home. */
async function dropDemoFilesOnce(
  paths: ReturnType<typeof localPaths>,
  store: Awaited<ReturnType<typeof openLocalEnvironment>>["store"],
  print: (text: string) => void,
): Promise<void> {
  const marker = path.join(paths.home, "demo-dropped");
  if ((await stat(marker).catch(() => undefined)) !== undefined) return;
  const { drops } = await demoFiles(paths);
  const renamed: string[] = [];
  for (const file of drops) {
    const { key, isRenamed } = await dropInputFile(store, file);
    if (isRenamed) renamed.push(`${path.basename(file)} as ${path.basename(key)}`);
  }
  await writeFile(marker, `${new Date().toISOString()}\n`);
  print(
    `Dropped ${drops.length} demo files into data/input/; their runs follow.` +
      (renamed.length > 0
        ? ` Files of the same names still wait there unclaimed, so these went under numbered ` +
          `names: ${renamed.join(", ")}.`
        : ""),
  );
}

/** Resolves on Ctrl-C, SIGTERM or the signal's abort, and leaves no listener behind. */
function untilStopped(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      signal?.removeEventListener("abort", stop);
      done();
    };
    if (signal?.aborted) return stop();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    signal?.addEventListener("abort", stop, { once: true });
  });
}
