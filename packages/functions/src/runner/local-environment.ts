import path from "node:path";
import {
  type Clock,
  type Logger,
  type Notifier,
  type ObjectStore,
  type Predictor,
  systemClock,
} from "@churn/core";
import { createMetricsStore, type MetricsStore } from "@churn/core/db";
import { createRunSteps, type PipelineSettings } from "@churn/core/pipeline";
import { createModelRegistry, type ModelRegistry } from "@churn/core/registry";
import { type OpenedDatabase, openDatabase } from "../adapters/database.ts";
import { createLocalObjectStore } from "../adapters/local-object-store.ts";
import { createLocalPredictor } from "../adapters/local-predictor.ts";
import { createOutboxNotifier } from "../adapters/outbox-notifier.ts";
import { createLocalRunner, type LocalRunner } from "./local-runner.ts";

/** Where the embedded default keeps its state. */
export interface LocalPaths {
  readonly home: string;
  /** A folder laid out like the S3 bucket. */
  readonly bucketDir: string;
  /** The embedded database (PGlite). */
  readonly databaseDir: string;
  /** Alerts as `.eml` files. */
  readonly outboxDir: string;
}

/** `.churn/` in the working directory, or `CHURN_HOME` when it is set. */
export function localPaths(cwd: string, env: Readonly<Record<string, string | undefined>>) {
  const home = path.resolve(cwd, env.CHURN_HOME || ".churn");
  return {
    home,
    bucketDir: path.join(home, "bucket"),
    databaseDir: path.join(home, "db"),
    outboxDir: path.join(home, "outbox"),
  } satisfies LocalPaths;
}

/** Everything a local run needs, opened once; `close` releases the database. */
export interface LocalEnvironment {
  readonly paths: LocalPaths;
  readonly store: ObjectStore;
  readonly metrics: MetricsStore;
  readonly models: ModelRegistry;
  readonly runner: LocalRunner;
  close(): Promise<void>;
}

/**
 * Opens the embedded default: the bucket folder, the metrics store (the embedded database, or
 * `databaseUrl` such as the one the report site shares), the model registry, the TypeScript
 * predictor, the outbox and the local runner over them. Tests may hand in their own database,
 * predictor or notifier, and a retry interval.
 */
export async function openLocalEnvironment(options: {
  paths: LocalPaths;
  settings: PipelineSettings;
  logger: Logger;
  clock?: Clock;
  databaseUrl?: string;
  database?: OpenedDatabase;
  predictor?: Predictor;
  notifier?: Notifier;
  retryIntervalMs?: number;
}): Promise<LocalEnvironment> {
  const { paths, logger } = options;
  const clock = options.clock ?? systemClock;
  const store = createLocalObjectStore(paths.bucketDir);
  const models = createModelRegistry(store, { clock });
  const database =
    options.database ?? (await openDatabase(options.databaseUrl ?? paths.databaseDir));
  const metrics = createMetricsStore(database.db, { clock });
  const predictor =
    options.predictor ??
    createLocalPredictor({ readModelJson: (version) => models.readModelJson(version) });
  const notifier =
    options.notifier ?? createOutboxNotifier({ dir: paths.outboxDir, clock, logger });

  const steps = createRunSteps({
    store,
    metrics,
    models,
    predictor,
    clock,
    logger,
    settings: options.settings,
  });
  const runner = createLocalRunner({
    steps,
    store,
    notifier,
    clock,
    logger,
    ...(options.retryIntervalMs === undefined ? {} : { retryIntervalMs: options.retryIntervalMs }),
  });
  return {
    paths,
    store,
    metrics,
    models,
    runner,
    close: () => (options.database === undefined ? database.close() : Promise.resolve()),
  };
}
