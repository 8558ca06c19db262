import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { ChurnError } from "@churn/core";
import * as v from "valibot";
import type { LocalPaths } from "./local-environment.ts";

const UpLockSchema = v.object({
  pid: v.pipe(v.number(), v.integer()),
  startedAt: v.string(),
  siteUrl: v.nullable(v.string()),
  databaseUrl: v.string(),
});

/** What `churn up` tells other local commands while it runs. */
export type UpLock = v.InferOutput<typeof UpLockSchema>;

const lockFile = (paths: LocalPaths) => path.join(paths.home, "up.json");

/** Records that `churn up` runs in this process; the returned function removes the record. */
export async function writeUpLock(paths: LocalPaths, lock: UpLock): Promise<() => Promise<void>> {
  await mkdir(paths.home, { recursive: true });
  await writeFile(lockFile(paths), `${JSON.stringify(lock, null, 2)}\n`);
  return () => rm(lockFile(paths), { force: true });
}

/** The record of a `churn up` that is still running, or undefined. */
export async function readUpLock(paths: LocalPaths): Promise<UpLock | undefined> {
  const text = await readFile(lockFile(paths), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  const parsed = v.safeParse(UpLockSchema, safeJson(text));
  if (!parsed.success || !isAlive(parsed.output.pid)) return undefined;
  return parsed.output;
}

/**
 * Throws `local.up_running` when `churn up` runs on the same local state: it owns the embedded
 * database, and two processes writing one PGlite directory silently lose writes.
 */
export async function refuseWhileUp(paths: LocalPaths): Promise<void> {
  const lock = await readUpLock(paths);
  if (lock === undefined) return;
  throw new ChurnError(
    "local.up_running",
    `churn up is running (pid ${lock.pid}) on ${paths.home}; drop files into ` +
      `${path.join(paths.bucketDir, "data", "input")} or use churn simulate instead.`,
    { context: { pid: lock.pid } },
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
