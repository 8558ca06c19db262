import { type FSWatcher, watch } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Logger, ObjectStore } from "@churn/core";
import { INPUT_PREFIX, isInputKey } from "@churn/core/pipeline";

/** A watcher over the local bucket's `data/input/`; `close` stops it once the current run ends. */
export interface FolderWatcher {
  /** Looks for new files now and resolves when every file found has been handled. */
  scan(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Watches `<bucketDir>/data/input/` and hands each new file, once its size stops changing, to
 * `onFile`, one file at a time. `fs.watch` gives the quick reaction and a periodic scan catches
 * what it misses (it drops events on some file systems and while a run is under way). A failing
 * file is logged and never stops the watcher.
 */
export async function watchInputFolder(options: {
  bucketDir: string;
  store: ObjectStore;
  onFile: (key: string) => Promise<void>;
  logger: Logger;
  scanIntervalMs?: number;
  settleMs?: number;
}): Promise<FolderWatcher> {
  const inputDir = path.join(options.bucketDir, ...INPUT_PREFIX.split("/").filter(Boolean));
  await mkdir(inputDir, { recursive: true });
  const settleMs = options.settleMs ?? 300;
  const seen = new Map<string, string>();
  let queue: Promise<void> = Promise.resolve();
  let isClosed = false;

  const scan = (): Promise<void> => {
    queue = queue
      .then(() => scanOnce())
      .catch((error: unknown) => {
        options.logger.error("Could not scan data/input/", { error: String(error) });
      });
    return queue;
  };

  async function scanOnce(): Promise<void> {
    for await (const info of options.store.list(INPUT_PREFIX)) {
      if (isClosed) return;
      const name = info.key.slice(info.key.lastIndexOf("/") + 1);
      if (!isInputKey(info.key) || name.startsWith(".")) continue;
      const identity = `${info.etag}@${info.lastModified.getTime()}`;
      if (seen.get(info.key) === identity) continue;
      if (!(await isSettled(info.key, info.sizeBytes))) continue;

      seen.set(info.key, identity);
      try {
        await options.onFile(info.key);
      } catch (error) {
        options.logger.error("A dropped file could not be run", {
          key: info.key,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }

  async function isSettled(key: string, sizeBytes: number): Promise<boolean> {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const again = await options.store.stat(key);
    return again !== undefined && again.sizeBytes === sizeBytes;
  }

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(inputDir, { persistent: false }, () => void scan());
    watcher.on("error", (error) => {
      options.logger.warn("The folder watcher stopped; the periodic scan goes on", {
        error: error.message,
      });
    });
  } catch (error) {
    options.logger.warn("No folder events here; the periodic scan goes on", {
      error: String(error),
    });
  }
  const timer = setInterval(() => void scan(), options.scanIntervalMs ?? 5_000);
  void scan();

  return {
    scan,
    async close() {
      isClosed = true;
      clearInterval(timer);
      watcher?.close();
      await queue;
    },
  };
}
