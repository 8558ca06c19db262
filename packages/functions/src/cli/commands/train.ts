import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createMetricsStore } from "@churn/core/db";
import { recordTrainedVersion } from "@churn/core/pipeline";
import { AliasNameSchema, type AliasRecord, type ModelVersionMetadata } from "@churn/core/registry";
import {
  formatTuningProgress,
  ORIGINAL_HOLDOUT_ROWS,
  type TuningProgress,
  trainModel,
} from "@churn/training";
import * as v from "valibot";
import { openDatabase } from "../../adapters/database.ts";
import { type Command, type CommandIo, processIo } from "../command.ts";
import { describeVersion, openLocalRegistry } from "./model.ts";

const DEFAULT_TRIAL_COUNT = 50;

const usage = `Usage: churn train --data <csv> [--tune | --trials <n>] [--seed <n>]
                   [--holdout-rows <file|list|original>] [--promote <alias>] [--json]

Trains a churn model on a labelled CSV, evaluates it on a holdout, and registers it as a new
immutable model version in .churn/bucket/models/ (CHURN_HOME overrides .churn).

  --data <csv>            the training file (original headers, with the Churn column)
  --tune                  tune parameters and threshold first (${DEFAULT_TRIAL_COUNT} trials, mean F1 over 3 folds)
  --trials <n>            tune with n trials; 0 trains the original platform's fixed parameters
  --seed <n>              seed of the split, the tuning and the trainer (default 42)
  --holdout-rows <rows>   hold out these 0-based data rows instead of a seeded stratified 20 %:
                          a file or a comma-separated list of indices, or "original" for the
                          original platform's split of customer_churn_0.csv
  --promote <alias>       point the alias (e.g. staging) at the new version; otherwise none moves
  --json                  print the version's metadata as JSON

When DATABASE_URL is set, the training run and the version are also recorded in that metrics
store, which the report site reads.`;

export const trainCommand: Command = {
  name: "train",
  summary: "Train, evaluate and register a model version from a labelled CSV.",
  usage,
  async run(args, io) {
    const parsed = await parseTrainArgs(args, io);
    if (typeof parsed === "string") {
      io.stderr(`churn train: ${parsed}\n\n${usage}`);
      return 2;
    }

    const registry = openLocalRegistry(io);
    const progress = progressWriter(io);
    const startedAt = new Date();
    const { metadata, alias } = await trainModel({
      source: await readFile(parsed.dataPath),
      fileName: basename(parsed.dataPath),
      seed: parsed.seed,
      trialCount: parsed.trialCount,
      ...(parsed.holdoutRows === undefined ? {} : { holdoutRows: parsed.holdoutRows }),
      ...(parsed.promoteAlias === undefined ? {} : { promoteAlias: parsed.promoteAlias }),
      registry,
      onTuningProgress: progress,
    });

    const databaseUrl = io.env.DATABASE_URL;
    if (databaseUrl !== undefined && databaseUrl !== "") {
      await recordTraining(databaseUrl, metadata, await registry.aliases(), startedAt);
    }

    if (parsed.isJson) {
      io.stdout(JSON.stringify({ ...metadata, alias: alias ?? null }, null, 2));
      return 0;
    }
    io.stdout(describeVersion(metadata, registry));
    io.stdout(
      alias === undefined
        ? `No alias moved; promote with: churn model promote ${metadata.version} --alias staging`
        : `Alias ${alias.alias} now points at ${alias.version}.`,
    );
    return 0;
  },
};

interface TrainArgs {
  dataPath: string;
  trialCount: number;
  seed: number;
  holdoutRows: number[] | undefined;
  promoteAlias: string | undefined;
  isJson: boolean;
}

async function parseTrainArgs(args: readonly string[], io: CommandIo): Promise<TrainArgs | string> {
  let values: {
    data?: string;
    tune?: boolean;
    trials?: string;
    seed?: string;
    "holdout-rows"?: string;
    promote?: string;
    json?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        data: { type: "string" },
        tune: { type: "boolean" },
        trials: { type: "string" },
        seed: { type: "string" },
        "holdout-rows": { type: "string" },
        promote: { type: "string" },
        json: { type: "boolean" },
      },
    }));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }

  if (values.data === undefined) return "name the training file with --data <csv>.";
  const trialCount =
    values.trials === undefined ? (values.tune ? DEFAULT_TRIAL_COUNT : 0) : Number(values.trials);
  if (!Number.isInteger(trialCount) || trialCount < 0)
    return "--trials takes a whole number, 0 or more.";
  const seed = values.seed === undefined ? 42 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) return "--seed takes a whole number, 0 or more.";
  const holdoutRows =
    values["holdout-rows"] === undefined
      ? undefined
      : await readHoldoutRows(values["holdout-rows"], io);
  if (typeof holdoutRows === "string") return holdoutRows;
  // Checked before training, so that a bad name costs no training and registers no version.
  if (values.promote !== undefined && !v.is(AliasNameSchema, values.promote)) {
    return `--promote: "${values.promote}" is not an alias name; use lower case letters, digits and dashes, starting with a letter.`;
  }

  return {
    dataPath: resolve(io.cwd, values.data),
    trialCount,
    seed,
    holdoutRows,
    promoteAlias: values.promote,
    isJson: values.json === true,
  };
}

/** Row indices from "original", an inline list, or a file of indices separated by commas or blanks. */
async function readHoldoutRows(value: string, io: CommandIo): Promise<number[] | string> {
  if (value === "original") return [...ORIGINAL_HOLDOUT_ROWS];
  const text = /^[\d,\s]+$/.test(value)
    ? value
    : await readFile(resolve(io.cwd, value), "utf8").catch(() => undefined);
  if (text === undefined)
    return `--holdout-rows: ${value} is neither a list of row indices nor a readable file.`;
  const tokens = text.split(/[\s,]+/).filter((token) => token !== "");
  const rows = tokens.map(Number);
  if (rows.length === 0 || rows.some((row) => !Number.isInteger(row) || row < 0)) {
    return "--holdout-rows takes 0-based data-row indices (whole numbers) separated by commas or blanks.";
  }
  return rows;
}

/**
 * Records the training run and the new version in the metrics store the report site reads,
 * when one is configured through DATABASE_URL. The embedded database of `churn up` is not
 * opened here: two processes must never open one embedded database directory.
 */
async function recordTraining(
  databaseUrl: string,
  metadata: ModelVersionMetadata,
  aliases: readonly AliasRecord[],
  startedAt: Date,
): Promise<void> {
  const database = await openDatabase(databaseUrl);
  try {
    await recordTrainedVersion(createMetricsStore(database.db), metadata, aliases, startedAt);
  } finally {
    await database.close();
  }
}

/** A bar redrawn in place on a terminal; one line per trial elsewhere (logs, tests). */
function progressWriter(io: CommandIo): (progress: TuningProgress) => void {
  const isTerminal = io === processIo && process.stderr.isTTY;
  return (progress) => {
    const line = formatTuningProgress(progress);
    if (!isTerminal) {
      io.stderr(line);
      return;
    }
    const isLast = progress.completedTrialCount === progress.trialCount;
    process.stderr.write(`\r${line}${isLast ? "\n" : ""}`);
  };
}
