import { parseArgs } from "node:util";
import { createMetricsStore } from "@churn/core/db";
import {
  createModelRegistry,
  type ModelRegistry,
  type ModelVersionMetadata,
} from "@churn/core/registry";
import { openDatabase } from "../../adapters/database.ts";
import { createLocalObjectStore } from "../../adapters/local-object-store.ts";
import { createConsoleLogger } from "../../adapters/loggers.ts";
import { localPaths } from "../../runner/local-environment.ts";
import type { Command, CommandIo } from "../command.ts";

const usage = `Usage: churn model <list|show|promote> [options]

  churn model list [--json]                              every model version, oldest first
  churn model show <version|alias> [--json]              one version's parameters, metrics and files
  churn model promote <version> --alias <alias> [--json] point an alias (e.g. staging) at a version
      [--stage <stage>]   on a deployed stage instead: copy the version to its bucket, move its
                          SageMaker endpoint when the alias is the one it scores with, then the
                          alias (AWS credentials and region as usual; see docs/deploy.md)

The registry is the local bucket folder .churn/bucket/models/ (CHURN_HOME overrides .churn).
With DATABASE_URL set, promote also updates the aliases the report site shows.
Exit code 2 on a usage error, 1 when a version or alias does not exist.`;

/** The model registry in the local bucket folder (`.churn/bucket/`, CHURN_HOME overrides). */
export function openLocalRegistry(io: CommandIo): ModelRegistry {
  return createModelRegistry(createLocalObjectStore(localPaths(io.cwd, io.env).bucketDir));
}

export const modelCommand: Command = {
  name: "model",
  summary: "List, show and promote registered model versions.",
  usage,
  async run(args, io) {
    const [action, ...rest] = args;
    const registry = openLocalRegistry(io);
    if (action === "list") return listVersions(rest, io, registry);
    if (action === "show") return showVersion(rest, io, registry);
    if (action === "promote") return promoteVersion(rest, io, registry);
    io.stderr(`churn model: name an action, list, show or promote.\n\n${usage}`);
    return 2;
  },
};

async function listVersions(
  args: readonly string[],
  io: CommandIo,
  registry: ModelRegistry,
): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { json: { type: "boolean" } } });
  const [versions, aliases] = [await registry.list(), await registry.aliases()];
  if (values.json) {
    io.stdout(JSON.stringify({ versions: versions.map(summarise), aliases }, null, 2));
    return 0;
  }
  if (versions.length === 0) {
    io.stdout("No model versions yet; train one with `churn train --data <csv>`.");
    return 0;
  }
  const rows = versions.map((metadata) => {
    const names = aliases
      .filter((alias) => alias.version === metadata.version)
      .map((alias) => alias.alias);
    const holdout = metadata.metrics.holdout.metrics;
    return [
      metadata.version,
      metadata.createdAt.slice(0, 19).replace("T", " "),
      String(metadata.model.treeCount),
      metadata.threshold.toFixed(3),
      holdout.f1.toFixed(3),
      holdout.rocAuc === null ? "-" : holdout.rocAuc.toFixed(3),
      metadata.data.fileName,
      names.join(", "),
    ];
  });
  io.stdout(
    formatTable(
      ["version", "created (UTC)", "trees", "threshold", "F1", "ROC AUC", "data", "aliases"],
      rows,
    ),
  );
  return 0;
}

async function showVersion(
  args: readonly string[],
  io: CommandIo,
  registry: ModelRegistry,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { json: { type: "boolean" } },
  });
  const [name] = positionals;
  if (name === undefined || positionals.length > 1) {
    io.stderr(`churn model show: name one version or alias.\n\n${usage}`);
    return 2;
  }
  const metadata = await registry.resolve(name);
  if (values.json) {
    io.stdout(JSON.stringify({ ...metadata, keys: registry.keysOf(metadata.version) }, null, 2));
    return 0;
  }
  io.stdout(describeVersion(metadata, registry));
  return 0;
}

/**
 * Moves an alias to a version. Only the registry's alias object changes: a deployment target
 * that serves the alias (such as a SageMaker endpoint) is updated by its own option here.
 */
async function promoteVersion(
  args: readonly string[],
  io: CommandIo,
  registry: ModelRegistry,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { alias: { type: "string" }, json: { type: "boolean" }, stage: { type: "string" } },
  });
  const [version] = positionals;
  if (version === undefined || positionals.length > 1 || values.alias === undefined) {
    io.stderr(`churn model promote: give one version and --alias <alias>.\n\n${usage}`);
    return 2;
  }
  if (values.stage !== undefined) {
    const { stage, alias } = values;
    // Loaded only here, so the AWS SDK does not slow down every other command.
    const { promoteOnStage } = await import("../../deploy/index.ts");
    const logger = createConsoleLogger({ format: "pretty", write: io.stderr });
    const result = await promoteOnStage({
      stage,
      version,
      alias,
      cwd: io.cwd,
      env: io.env,
      logger,
    });
    const where =
      result.endpoint === undefined ? "" : `, endpoint ${result.endpoint.name} serves it`;
    io.stdout(
      values.json ? JSON.stringify(result) : `Stage ${stage}: ${alias} → ${version}${where}.`,
    );
    return 0;
  }
  const previous = (await registry.aliases()).find((alias) => alias.alias === values.alias);
  const record = await registry.setAlias(values.alias, version);
  const databaseUrl = io.env.DATABASE_URL;
  if (databaseUrl !== undefined && databaseUrl !== "") await recordAliases(databaseUrl, registry);
  if (values.json)
    io.stdout(JSON.stringify({ ...record, previousVersion: previous?.version ?? null }));
  else {
    const from = previous === undefined ? "" : ` (was ${previous.version})`;
    io.stdout(`Alias ${record.alias} now points at ${record.version}${from}.`);
  }
  return 0;
}

/** Mirrors the registry's aliases into the metrics store the report site reads. */
async function recordAliases(databaseUrl: string, registry: ModelRegistry): Promise<void> {
  const aliases = await registry.aliases();
  const database = await openDatabase(databaseUrl);
  try {
    await createMetricsStore(database.db).recordAliases(
      Object.fromEntries(aliases.map((alias) => [alias.alias, alias.version])),
    );
  } finally {
    await database.close();
  }
}

function summarise(metadata: ModelVersionMetadata) {
  const holdout = metadata.metrics.holdout.metrics;
  return {
    version: metadata.version,
    createdAt: metadata.createdAt,
    treeCount: metadata.model.treeCount,
    threshold: metadata.threshold,
    holdoutF1: holdout.f1,
    holdoutRocAuc: holdout.rocAuc,
    dataFile: metadata.data.fileName,
  };
}

/** A person's view of a version: data, parameters, metrics and the most important features. */
export function describeVersion(metadata: ModelVersionMetadata, registry: ModelRegistry): string {
  const { train, holdout } = metadata.metrics;
  const figure = (value: number | null) => (value === null ? "-" : value.toFixed(4));
  const metricRows = (["accuracy", "precision", "recall", "f1", "rocAuc", "logLoss"] as const).map(
    (name) => [name, figure(train.metrics[name]), figure(holdout.metrics[name])],
  );
  const matrix = holdout.metrics.confusionMatrix;
  const lines = [
    `Model version ${metadata.version}, created ${metadata.createdAt}`,
    `  data       ${metadata.data.fileName} (sha256 ${metadata.data.sha256.slice(0, 12)}…), ${metadata.data.trainRowCount} train / ${metadata.data.holdoutRowCount} holdout rows, ${metadata.data.split} split`,
    `  model      ${metadata.model.treeCount} trees, threshold ${metadata.threshold.toFixed(4)}, seed ${metadata.seed}`,
    `  params     ${Object.entries(metadata.params)
      .map(([name, value]) => `${name}=${Number(value.toPrecision(6))}`)
      .join(" ")}`,
    metadata.tuning === null
      ? "  tuning     none (fixed parameters)"
      : `  tuning     ${metadata.tuning.trialCount} trials, best mean CV F1 ${metadata.tuning.bestScore.toFixed(4)} (trial ${metadata.tuning.bestTrial})`,
    "",
    formatTable(["metric", "train", "holdout"], metricRows),
    "",
    `  holdout confusion: TP ${matrix.truePositive}  FP ${matrix.falsePositive}  TN ${matrix.trueNegative}  FN ${matrix.falseNegative}`,
    `  mean |SHAP| on holdout: ${metadata.shapImportance
      .slice(0, 5)
      .map((entry) => `${entry.feature} ${entry.meanAbsShap.toFixed(3)}`)
      .join(", ")}`,
    `  model file ${registry.keysOf(metadata.version).model}`,
  ];
  return lines.join("\n");
}

/** Left-aligned columns separated by two spaces. */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}
