import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FEATURE_NAMES } from "@churn/core";
import { validateCsv } from "@churn/core/csv";
import { toFeatureMatrix } from "@churn/core/features";
import {
  buildXgbModel,
  compileModel,
  predictMargins,
  predictProbabilities,
  writeXgbModel,
} from "@churn/core/model";
import { afterAll, describe, expect, it } from "vitest";
import {
  createRandom,
  explicitSplit,
  type LabelledMatrix,
  ORIGINAL_DEFAULT_PARAMS,
  ORIGINAL_HOLDOUT_ROWS,
  predictBoosterMargins,
  predictBoosterProbabilities,
  selectRows,
  toXgbTreeArrays,
  trainBooster,
  XGBOOST_DEFAULT_PARAMS,
} from "../src/index.ts";

// Reference values: training/test/fixtures/xgboost-train-reference.json, written by
// scripts/reference/xgboost_train.py with Debian's XGBoost 1.7.4 (tool versions recorded inside).
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "..", "..");
const dataFile = path.resolve(repoRoot, "..", "shared", "data", "customer_churn_0.csv");
const reference = JSON.parse(
  readFileSync(path.join(here, "fixtures", "xgboost-train-reference.json"), "utf8"),
);
const python = process.env.REFERENCE_PYTHON ?? "/usr/bin/python3";
const hasXgboost = spawnSync(python, ["-c", "import xgboost"]).status === 0;

/** The acceptance bounds: holdout ROC AUC within 0.01 of XGBoost's, F1 at most 0.02 lower. */
const ROC_AUC_TOLERANCE = 0.01;
const F1_SHORTFALL = 0.02;

async function originalSplit(): Promise<{ train: LabelledMatrix; holdout: LabelledMatrix }> {
  async function* bytes() {
    yield readFileSync(dataFile);
  }
  const { table } = await validateCsv(bytes());
  const labels = Uint8Array.from(table.column("churn") ?? [], (value) => (value === 1 ? 1 : 0));
  const data = {
    features: toFeatureMatrix(table),
    labels,
    rowCount: table.rowCount,
    featureCount: 11,
  };
  const split = explicitSplit(table.rowCount, ORIGINAL_HOLDOUT_ROWS);
  return { train: selectRows(data, split.trainRows), holdout: selectRows(data, split.holdoutRows) };
}

function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  let pairs = 0;
  let wins = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < labels.length; j++) {
      if (labels[j] !== 0) continue;
      pairs++;
      const a = scores[i] ?? 0;
      const b = scores[j] ?? 0;
      wins += a > b ? 1 : a === b ? 0.5 : 0;
    }
  }
  return wins / pairs;
}

function f1(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const isPredicted = (probabilities[i] ?? 0) >= 0.5;
    if (isPredicted && labels[i] === 1) tp++;
    else if (isPredicted) fp++;
    else if (labels[i] === 1) fn++;
  }
  return (2 * tp) / (2 * tp + fp + fn);
}

const workDir = mkdtempSync(path.join(tmpdir(), "churn-train-conformance-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe.skipIf(!existsSync(dataFile))("TypeScript trainer against XGBoost 1.7.4 hist", () => {
  it("grows the same trees as XGBoost, node for node, when nothing is sampled", async () => {
    const { train, holdout } = await originalSplit();
    const exact = reference.exact;

    const booster = trainBooster(train, {
      params: {
        ...XGBOOST_DEFAULT_PARAMS,
        nEstimators: exact.rounds,
        maxDepth: 4,
        learningRate: 0.3,
        regLambda: 1,
      },
      random: createRandom(1),
    });

    const asFloat32 = (values: number[]) => values.map((value) => Math.fround(value));
    booster.trees.forEach((tree, index) => {
      const expected = exact.trees[index];
      expect(tree.leftChildren).toEqual(expected.left_children);
      expect(tree.splitIndices).toEqual(expected.split_indices);
      expect(tree.defaultLeft).toEqual(expected.default_left);
      expect(tree.splitConditions).toEqual(asFloat32(expected.split_conditions));
      expect(tree.baseWeights).toEqual(asFloat32(expected.base_weights));
      expect(tree.lossChanges).toEqual(asFloat32(expected.loss_changes));
      expect(tree.sumHessian).toEqual(asFloat32(expected.sum_hessian));
    });
    const margins = predictBoosterMargins(booster, holdout.features, holdout.rowCount);
    expect(Array.from(margins)).toEqual(asFloat32(exact.holdoutMargins));
  });

  it("reaches XGBoost's holdout ROC AUC within 0.01 and its F1 less 0.02 with the original parameters", async () => {
    const { train, holdout } = await originalSplit();
    const runs = reference.original.runs as { seed: number }[];

    const figures = runs.map(({ seed }) => {
      const booster = trainBooster(train, {
        params: ORIGINAL_DEFAULT_PARAMS,
        random: createRandom(seed),
      });
      const probabilities = predictBoosterProbabilities(
        booster,
        holdout.features,
        holdout.rowCount,
      );
      return {
        rocAuc: rocAuc(holdout.labels, probabilities),
        f1: f1(holdout.labels, probabilities),
      };
    });

    // Sampling streams differ from XGBoost's, so means over the same number of seeds are compared.
    const mean = (values: number[]) =>
      values.reduce((sum, value) => sum + value, 0) / values.length;
    const meanRocAuc = mean(figures.map((figure) => figure.rocAuc));
    const meanF1 = mean(figures.map((figure) => figure.f1));
    expect(Math.abs(meanRocAuc - reference.original.meanRocAuc)).toBeLessThanOrEqual(
      ROC_AUC_TOLERANCE,
    );
    expect(meanF1).toBeGreaterThanOrEqual(reference.original.meanF1 - F1_SHORTFALL);
  });

  it.skipIf(!hasXgboost)(
    "writes models that XGBoost loads from `xgboost-model` and predicts alike",
    async () => {
      const { train, holdout } = await originalSplit();
      const booster = trainBooster(train, {
        params: ORIGINAL_DEFAULT_PARAMS,
        random: createRandom(7),
      });
      const model = buildXgbModel({
        trees: booster.trees.map(toXgbTreeArrays),
        baseScore: booster.baseScore,
        featureNames: FEATURE_NAMES,
      });
      const modelPath = path.join(workDir, "xgboost-model");
      writeFileSync(modelPath, writeXgbModel(model));
      writeFileSync(path.join(workDir, "features.f32"), holdout.features);

      const result = spawnSync(
        python,
        ["-c", PREDICT_SCRIPT, workDir, String(holdout.rowCount), "11"],
        {
          encoding: "utf8",
        },
      );

      expect(result.stderr).not.toMatch(/Error/);
      const read = (name: string) =>
        new Float32Array(Uint8Array.from(readFileSync(path.join(workDir, name))).buffer);
      const compiled = compileModel(model);
      expect(Array.from(read("margins.f32"))).toEqual(
        Array.from(predictMargins(compiled, holdout.features, holdout.rowCount)),
      );
      expect(Array.from(read("probabilities.f32"))).toEqual(
        Array.from(predictProbabilities(compiled, holdout.features, holdout.rowCount)),
      );
      expect(Array.from(read("margins.f32"))).toEqual(
        Array.from(predictBoosterMargins(booster, holdout.features, holdout.rowCount)),
      );
    },
  );
});

/** Loads `<dir>/xgboost-model` as SageMaker's container does and predicts the given rows. */
const PREDICT_SCRIPT = `
import sys, numpy as np, xgboost as xgb
folder, rows, cols = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
booster = xgb.Booster(model_file=folder + "/xgboost-model")
features = np.fromfile(folder + "/features.f32", dtype=np.float32).reshape(rows, cols)
matrix = xgb.DMatrix(features, missing=np.nan)
booster.predict(matrix, output_margin=True, validate_features=False).astype(np.float32).tofile(folder + "/margins.f32")
booster.predict(matrix, validate_features=False).astype(np.float32).tofile(folder + "/probabilities.f32")
`;
