import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The site's package folder (packages/web). */
export const WEB_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CORE_SOURCE_DIR = join(WEB_DIR, "..", "core", "src");
const NEXT_BIN = join(WEB_DIR, "node_modules", "next", "dist", "bin", "next");
const BUILD_ID = join(WEB_DIR, ".next", "BUILD_ID");

const BASE_ENV = { NEXT_TELEMETRY_DISABLED: "1" };

/**
 * Runs `next build` unless the existing build is newer than every source it depends on (the
 * site's own files and core's), which keeps repeated test runs fast.
 */
export function buildSite(options: { force?: boolean } = {}): void {
  if (options.force !== true && isBuildFresh()) return;
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: WEB_DIR,
    env: { ...process.env, ...BASE_ENV },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
  }
}

function isBuildFresh(): boolean {
  if (!existsSync(BUILD_ID)) return false;
  const builtAtMs = statSync(BUILD_ID).mtimeMs;
  const sources = [
    join(WEB_DIR, "src"),
    CORE_SOURCE_DIR,
    join(WEB_DIR, "next.config.ts"),
    join(WEB_DIR, "package.json"),
  ];
  return sources.every((path) => newestChangeMs(path) < builtAtMs);
}

function newestChangeMs(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) {
    newest = Math.max(newest, newestChangeMs(join(path, entry)));
  }
  return newest;
}

/** A free TCP port on 127.0.0.1, as the operating system hands it out. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningSite {
  readonly url: string;
  /** Everything the server wrote, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `next start` on a free port in its own session (so that stopping it ends every process
 * it spawned) and waits until it answers.
 */
export async function startSite(env: Readonly<Record<string, string>>): Promise<RunningSite> {
  const port = await findFreePort();
  const child = spawn(
    process.execPath,
    [NEXT_BIN, "start", "--port", String(port), "--hostname", "127.0.0.1"],
    {
      cwd: WEB_DIR,
      env: { ...process.env, ...BASE_ENV, ...env },
      // A new session and process group, like setsid, so the whole group can be signalled.
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    output += String(chunk);
  });

  const url = `http://127.0.0.1:${port}`;
  const site = { url, output: () => output, stop: () => stopProcessGroup(child) };
  try {
    await waitUntilAnswering(url, child);
  } catch (error) {
    await site.stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output}`);
  }
  return site;
}

async function waitUntilAnswering(url: string, child: ChildProcess, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      await fetch(url, { redirect: "manual" });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`next start did not answer on ${url} within ${timeoutMs} ms`);
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  signalGroup(child.pid, "SIGTERM");
  const timer = setTimeout(() => signalGroup(child.pid ?? 0, "SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}
