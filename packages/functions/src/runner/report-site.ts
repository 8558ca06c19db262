import { type ChildProcess, spawn } from "node:child_process";
import { stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ChurnError, type Logger } from "@churn/core";

/** The report site's package folder, found from this file so any working directory works. */
const WEB_DIR = fileURLToPath(new URL("../../../web/", import.meta.url));
const NEXT_BIN = path.join(WEB_DIR, "node_modules", "next", "dist", "bin", "next");

/** A running report site; `close` stops it. */
export interface ReportSite {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Builds the report site when it has no production build yet (`next build`, about a minute),
 * then serves it with `next start` on 127.0.0.1, reading the metrics store at `databaseUrl` and
 * run files from the local bucket folder.
 */
export async function startReportSite(options: {
  port: number;
  databaseUrl: string;
  bucketDir: string;
  logger: Logger;
}): Promise<ReportSite> {
  const env = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: options.databaseUrl,
    CHURN_BUCKET_DIR: options.bucketDir,
  };
  if ((await stat(path.join(WEB_DIR, ".next", "BUILD_ID")).catch(() => undefined)) === undefined) {
    options.logger.info("Building the report site once (next build)…");
    await runToEnd(
      spawn(process.execPath, [NEXT_BIN, "build"], { cwd: WEB_DIR, env, stdio: "inherit" }),
    );
  }

  const child = spawn(
    process.execPath,
    [NEXT_BIN, "start", "--hostname", "127.0.0.1", "--port", String(options.port)],
    { cwd: WEB_DIR, env, stdio: ["ignore", "ignore", "inherit"] },
  );
  let isClosing = false;
  child.on("exit", (code, signal) => {
    // Next's server exits with 128 + the signal's number when told to stop (130 for the
    // terminal's Ctrl-C, which reaches the whole process group, 143 for close's SIGTERM).
    const isAskedToStop = isClosing || signal !== null || code === 130 || code === 143;
    if (!isAskedToStop && code !== 0) {
      options.logger.error("The report site stopped", { exitCode: code });
    }
  });
  const url = `http://127.0.0.1:${options.port}`;
  await waitUntilServing(url, child);
  return {
    url,
    close: async () => {
      isClosing = true;
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

function runToEnd(child: ChildProcess): Promise<void> {
  return new Promise((done, fail) => {
    child.on("error", fail);
    child.on("exit", (code) =>
      code === 0
        ? done()
        : fail(
            new ChurnError(
              "site.build_failed",
              `next build exited with code ${code}; see its output above.`,
            ),
          ),
    );
  });
}

/** Polls the site until it answers, for at most a minute. */
async function waitUntilServing(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new ChurnError(
        "site.not_serving",
        `The report site exited with code ${child.exitCode}; is port ${new URL(url).port} free?`,
      );
    const response = await fetch(url).catch(() => undefined);
    if (response !== undefined) return;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new ChurnError(
    "site.not_serving",
    `The report site did not answer on ${url} within a minute.`,
  );
}
