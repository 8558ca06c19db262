import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { silentLogger } from "@churn/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLocalObjectStore } from "../adapters/local-object-store.ts";
import { type FolderWatcher, watchInputFolder } from "./folder-watcher.ts";

describe("watchInputFolder", () => {
  let bucketDir: string;
  let watcher: FolderWatcher | undefined;

  beforeEach(async () => {
    bucketDir = await mkdtemp(path.join(tmpdir(), "churn-watcher-"));
  });
  afterEach(async () => {
    await watcher?.close();
    await rm(bucketDir, { recursive: true, force: true });
  });

  it("hands each dropped file over once, and goes on after a failing one", async () => {
    const store = createLocalObjectStore(bucketDir);
    const handed: string[] = [];
    watcher = await watchInputFolder({
      bucketDir,
      store,
      logger: silentLogger,
      settleMs: 10,
      scanIntervalMs: 60_000,
      onFile: async (key) => {
        handed.push(key);
        if (key.endsWith("bad.csv")) throw new Error("this file fails");
        await store.delete(key);
      },
    });

    await store.write("data/input/bad.csv", "x\n");
    await watcher.scan();
    await store.write("data/input/good.csv", "y\n");
    await watcher.scan();
    await watcher.scan();

    expect(handed).toEqual(["data/input/bad.csv", "data/input/good.csv"]);
  });

  it("ignores hidden files and files outside data/input/", async () => {
    const store = createLocalObjectStore(bucketDir);
    const handed: string[] = [];
    watcher = await watchInputFolder({
      bucketDir,
      store,
      logger: silentLogger,
      settleMs: 10,
      scanIntervalMs: 60_000,
      onFile: async (key) => {
        handed.push(key);
      },
    });

    await store.write("data/input/.partial.csv", "x\n");
    await store.write("data/processed/r1/a.csv", "x\n");
    await watcher.scan();

    expect(handed).toEqual([]);
  });
});
