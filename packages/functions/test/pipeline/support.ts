import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type AlertMessage, type Notifier, type Predictor, silentLogger } from "@churn/core";
import { INPUT_PREFIX, type PipelineSettings } from "@churn/core/pipeline";
import type { ModelVersionMetadata } from "@churn/core/registry";
import { trainModel } from "@churn/training/pipeline";
import type { OpenedDatabase } from "../../src/adapters/database.ts";
import { createLocalPredictor } from "../../src/adapters/local-predictor.ts";
import {
  type LocalEnvironment,
  localPaths,
  openLocalEnvironment,
} from "../../src/runner/local-environment.ts";
import type { RunSummary } from "../../src/runner/local-runner.ts";

/** The original platform's nine CSV files, when this machine has them (never committed). */
export const SHARED_DATA_DIR = fileURLToPath(
  new URL("../../../../../shared/data/", import.meta.url),
);
export const hasSharedData = existsSync(path.join(SHARED_DATA_DIR, "customer_churn_0.csv"));

export const TEST_SETTINGS: PipelineSettings = {
  modelAlias: "staging",
  driftShareThreshold: 0.5,
  scoreThreshold: 0.7,
  minRowCount: 50,
  siteUrl: "http://127.0.0.1:3000",
};

/** A local pipeline in a temporary home, with every alert kept for the test to read. */
export interface TestPipeline {
  readonly environment: LocalEnvironment;
  readonly alerts: AlertMessage[];
  /** Writes `bytes` to `data/input/<name>` and runs the drop to its end. */
  drop(name: string, bytes: string | Uint8Array): Promise<RunSummary>;
  /** The text of an object in the local bucket. */
  read(key: string): Promise<string>;
  /** Every key under `prefix`. */
  keys(prefix: string): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Opens the embedded default in a temporary home over `database`, with the real local
 * predictor (wrapped by `wrapPredictor` when given), an in-memory notifier and no retry waits.
 */
export async function openTestPipeline(options: {
  database: OpenedDatabase;
  wrapPredictor?: (predictor: Predictor) => Predictor;
}): Promise<TestPipeline> {
  const home = await mkdtemp(path.join(tmpdir(), "churn-pipeline-"));
  const paths = localPaths(home, { CHURN_HOME: home });
  const alerts: AlertMessage[] = [];
  const notifier: Notifier = {
    publish: async (message) => {
      alerts.push(message);
      return `message-${alerts.length}`;
    },
  };
  let environment: LocalEnvironment | undefined;
  const predictor = createLocalPredictor({
    readModelJson: (version) => {
      if (environment === undefined) throw new Error("The environment is not open yet.");
      return environment.models.readModelJson(version);
    },
  });
  environment = await openLocalEnvironment({
    paths,
    settings: TEST_SETTINGS,
    logger: silentLogger,
    database: options.database,
    predictor: options.wrapPredictor?.(predictor) ?? predictor,
    notifier,
    retryIntervalMs: 0,
  });
  const opened = environment;

  return {
    environment: opened,
    alerts,
    async drop(name, bytes) {
      const key = `${INPUT_PREFIX}${name}`;
      await opened.store.write(key, bytes);
      return opened.runner.runKey(key);
    },
    read: async (key) => new TextDecoder().decode(await opened.store.readBytes(key)),
    async keys(prefix) {
      const found: string[] = [];
      for await (const info of opened.store.list(prefix)) found.push(info.key);
      return found;
    },
    async close() {
      await opened.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** Trains and registers a model version as `staging` from CSV bytes, without tuning. */
export async function registerModel(
  pipeline: TestPipeline,
  source: string | Uint8Array,
  options: { fileName: string; holdoutRows?: readonly number[] },
): Promise<ModelVersionMetadata> {
  const bytes = typeof source === "string" ? new TextEncoder().encode(source) : source;
  const { metadata } = await trainModel({
    source: bytes,
    fileName: options.fileName,
    seed: 42,
    trialCount: 0,
    registry: pipeline.environment.models,
    promoteAlias: "staging",
    ...(options.holdoutRows === undefined ? {} : { holdoutRows: options.holdoutRows }),
  });
  return metadata;
}

/** One of the original files, as bytes. */
export async function sharedFile(name: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(path.join(SHARED_DATA_DIR, name)));
}

/** Every file name in a local folder, for checks that nothing was overwritten. */
export async function filesIn(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}
