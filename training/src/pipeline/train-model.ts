import { createHash } from "node:crypto";
import { ChurnError, type Clock, FEATURE_NAMES, systemClock, TARGET_NAME } from "@churn/core";
import { type ChurnTable, validateCsv } from "@churn/core/csv";
import { toFeatureMatrix } from "@churn/core/features";
import {
  buildXgbModel,
  compileModel,
  predictProbabilities,
  treeShap,
  writeXgbModel,
  type XgbTreeArrays,
} from "@churn/core/model";
import {
  type AliasRecord,
  assertAliasName,
  type ModelRegistry,
  type ModelVersionMetadata,
} from "@churn/core/registry";
import {
  type Booster,
  createRandom,
  deriveSeed,
  type LabelledMatrix,
  ORIGINAL_DEFAULT_PARAMS,
  selectRows,
  type TrainedTree,
  type TrainingParams,
  toXgboostParamNames,
  trainBooster,
} from "../trainer/index.ts";
import {
  summariseTrials,
  type TuningProgress,
  type TuningResult,
  tuneHyperparameters,
} from "../tuning/index.ts";
import { createModelArchive } from "./archive.ts";
import { evaluateDataset, shapImportance } from "./evaluate.ts";
import { buildReferenceSet, featureSpecs } from "./reference-set.ts";
import { explicitSplit, type RowSplit, stratifiedSplit } from "./split.ts";

export interface TrainModelInput {
  /** The training CSV's bytes, with the target column. */
  readonly source: Uint8Array;
  readonly fileName: string;
  readonly seed: number;
  /** Tuning trials; 0 trains with `params` as given. */
  readonly trialCount: number;
  /** Parameters when not tuning, and the base of the search otherwise; default the original platform's. */
  readonly params?: TrainingParams;
  /** Threshold when not tuning; default 0.5. */
  readonly threshold?: number;
  /** Explicit holdout as 0-based data-row indices of the file; default a seeded stratified 20 %. */
  readonly holdoutRows?: readonly number[];
  readonly registry: ModelRegistry;
  /** An alias to point at the new version; none moves otherwise. */
  readonly promoteAlias?: string;
  readonly clock?: Clock;
  readonly onTuningProgress?: (progress: TuningProgress) => void;
}

export interface TrainModelResult {
  readonly metadata: ModelVersionMetadata;
  readonly alias: AliasRecord | undefined;
}

const HOLDOUT_SHARE = 0.2;
const TRAINER_NAME = "churn-hist (TypeScript, XGBoost 1.7 hist rules)";

/**
 * Trains and registers a model version: validate the file, split it, tune (optionally), train,
 * evaluate on train and holdout, build the reference set, register, and move an alias when
 * asked. Throws `training.bad_data` when the file cannot train a model, `training.bad_holdout`
 * for bad holdout rows, `registry.bad_name` for a bad alias (before any training), and the
 * registry's errors.
 */
export async function trainModel(input: TrainModelInput): Promise<TrainModelResult> {
  if (input.promoteAlias !== undefined) assertAliasName(input.promoteAlias);
  const clock = input.clock ?? systemClock;
  const startedAt = clock.now().getTime();
  const random = createRandom(input.seed);

  const table = await readTrainingTable(input);
  const data: LabelledMatrix = {
    features: toFeatureMatrix(table.table),
    labels: table.labels,
    rowCount: table.table.rowCount,
    featureCount: FEATURE_NAMES.length,
  };
  const split = chooseSplit(input, table, createRandom(deriveSeed(random)));
  const train = selectRows(data, split.trainRows);
  const holdout = selectRows(data, split.holdoutRows);

  const tuningRandom = createRandom(deriveSeed(random));
  const tuning = input.trialCount > 0 ? tune(input, train, tuningRandom) : undefined;
  const params = tuning?.params ?? input.params ?? ORIGINAL_DEFAULT_PARAMS;
  const threshold = tuning?.threshold ?? input.threshold ?? 0.5;
  const booster = trainBooster(train, { params, random: createRandom(deriveSeed(random)) });

  const modelJson = writeXgbModel(toXgbModel(booster, params));
  const compiled = compileModel(buildXgbModel(toXgbInput(booster, params)));
  const trainProbabilities = predictProbabilities(compiled, train.features, train.rowCount);
  const holdoutProbabilities = predictProbabilities(compiled, holdout.features, holdout.rowCount);
  const contributions = treeShap(compiled, holdout.features, holdout.rowCount);

  const reference = buildReferenceSet({
    featureNames: FEATURE_NAMES,
    featureColumns: FEATURE_NAMES.map((name) =>
      pickRows(table.table.column(name), split.holdoutRows),
    ),
    labels: holdout.labels,
    probabilities: holdoutProbabilities,
    threshold,
  });

  const metadata = await input.registry.register({
    modelJson,
    modelArchive: createModelArchive(modelJson, clock.now()),
    referenceCsv: reference.csv,
    referenceStatistics: reference.statistics,
    metadata: {
      formatVersion: 1,
      model: {
        format: "xgboost-json",
        objective: "binary:logistic",
        treeCount: booster.trees.length,
        baseScore: booster.baseScore,
      },
      features: featureSpecs(FEATURE_NAMES),
      target: TARGET_NAME,
      params: toXgboostParamNames(params),
      threshold,
      seed: input.seed,
      metrics: {
        train: evaluateDataset(train.labels, trainProbabilities, threshold),
        holdout: evaluateDataset(holdout.labels, holdoutProbabilities, threshold),
      },
      data: {
        fileName: input.fileName,
        sha256: createHash("sha256").update(input.source).digest("hex"),
        rowCount: data.rowCount,
        trainRowCount: train.rowCount,
        holdoutRowCount: holdout.rowCount,
        split: input.holdoutRows === undefined ? "stratified" : "explicit",
      },
      tuning: tuning === undefined ? null : tuningSummary(tuning, input),
      shapImportance: shapImportance(contributions, holdout.rowCount, FEATURE_NAMES),
      trainer: { name: TRAINER_NAME, durationMs: clock.now().getTime() - startedAt },
    },
  });

  const alias =
    input.promoteAlias === undefined
      ? undefined
      : await input.registry.setAlias(input.promoteAlias, metadata.version);
  return { metadata, alias };
}

interface TrainingTable {
  readonly table: ChurnTable;
  readonly labels: Uint8Array;
  /** 1-based data-row number in the file of each table row. */
  readonly rowNumbers: Uint32Array;
}

async function readTrainingTable(input: TrainModelInput): Promise<TrainingTable> {
  const validation = await validateCsv(oneChunk(input.source));
  if (!validation.verdict.isValid) {
    throw new ChurnError(
      "training.bad_data",
      `${input.fileName} cannot train a model: ${validation.verdict.message}`,
      { context: { fileName: input.fileName, code: validation.verdict.code } },
    );
  }
  const target = validation.table.column(TARGET_NAME);
  if (target === undefined || !validation.summary.hasTarget) {
    throw new ChurnError(
      "training.bad_data",
      `${input.fileName} has no ${TARGET_NAME} column; training needs labelled rows.`,
      { context: { fileName: input.fileName } },
    );
  }
  const labels = Uint8Array.from(target, (value) => (value === 1 ? 1 : 0));
  const positiveCount = labels.reduce((sum, label) => sum + label, 0);
  if (positiveCount === 0 || positiveCount === labels.length) {
    throw new ChurnError(
      "training.bad_data",
      `${input.fileName} holds only one class of ${TARGET_NAME}; training needs churners and non-churners.`,
      { context: { fileName: input.fileName, positiveCount } },
    );
  }
  return { table: validation.table, labels, rowNumbers: validation.rowNumbers };
}

async function* oneChunk(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

function chooseSplit(
  input: TrainModelInput,
  table: TrainingTable,
  random: ReturnType<typeof createRandom>,
): RowSplit {
  if (input.holdoutRows === undefined) return stratifiedSplit(table.labels, HOLDOUT_SHARE, random);
  // Holdout indices name rows of the file; a row the validator dropped cannot be held out.
  const tableRowOfDataRow = new Map<number, number>();
  table.rowNumbers.forEach((rowNumber, tableRow) => {
    tableRowOfDataRow.set(rowNumber - 1, tableRow);
  });
  const holdoutTableRows = input.holdoutRows.map((dataRow) => {
    const tableRow = tableRowOfDataRow.get(dataRow);
    if (tableRow === undefined) {
      throw new ChurnError(
        "training.bad_holdout",
        `Holdout row ${dataRow} is not a valid data row of ${input.fileName}; give 0-based indices of rows the file holds.`,
        { context: { row: dataRow, fileName: input.fileName } },
      );
    }
    return tableRow;
  });
  return explicitSplit(table.table.rowCount, holdoutTableRows);
}

function tune(
  input: TrainModelInput,
  train: LabelledMatrix,
  random: ReturnType<typeof createRandom>,
): TuningResult {
  return tuneHyperparameters(train, {
    trialCount: input.trialCount,
    random,
    baseParams: input.params ?? ORIGINAL_DEFAULT_PARAMS,
    ...(input.onTuningProgress === undefined ? {} : { onTrial: input.onTuningProgress }),
  });
}

function tuningSummary(tuning: TuningResult, input: TrainModelInput) {
  return {
    method: "TPE (univariate Parzen estimators, 10 random start trials)",
    objective: "mean F1 over stratified 3-fold cross-validation, early stopping after 20 rounds",
    seed: input.seed,
    trialCount: tuning.trials.length,
    bestTrial: tuning.bestTrial,
    bestScore: tuning.bestScore,
    trials: summariseTrials(tuning.trials),
  };
}

function toXgbInput(booster: Booster, params: TrainingParams) {
  return {
    trees: booster.trees.map(toXgbTreeArrays),
    baseScore: booster.baseScore,
    featureNames: FEATURE_NAMES,
    params: { scale_pos_weight: params.scalePosWeight },
  };
}

function toXgbModel(booster: Booster, params: TrainingParams) {
  return buildXgbModel(toXgbInput(booster, params));
}

/** XGBoost's per-node arrays of a trained tree. */
export function toXgbTreeArrays(tree: TrainedTree): XgbTreeArrays {
  return {
    left_children: tree.leftChildren,
    right_children: tree.rightChildren,
    parents: tree.parents,
    split_indices: tree.splitIndices,
    split_conditions: tree.splitConditions,
    default_left: tree.defaultLeft,
    base_weights: tree.baseWeights,
    loss_changes: tree.lossChanges,
    sum_hessian: tree.sumHessian,
  };
}

function pickRows(column: Float64Array | undefined, rows: readonly number[]): Float64Array {
  return Float64Array.from(rows, (row) => column?.[row] ?? Number.NaN);
}
