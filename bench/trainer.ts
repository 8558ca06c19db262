/**
 * Trainer time against XGBoost's own `hist` on the same rows and parameters, one thread each.
 *
 *   node bench/trainer.ts [--rows 100000] [--seed 1] [--repeat 3] [--threads 1]
 *
 * Rows come from the seeded synthetic generator (@churn/data, kind "training"); both trainers
 * get the same float32 matrix, the original platform's fixed parameters (374 trees, depth 3,
 * row and column sampling) and max_bin 256. TypeScript time covers cuts, binning and boosting;
 * XGBoost's covers DMatrix construction (no sketch yet) and `xgb.train` (sketch, binning,
 * boosting), measured inside Python so interpreter start-up is excluded. Each trainer runs
 * `--repeat` times, alternating, and the fastest run counts; CPU time is the figure compared,
 * because wall time on a shared machine measures the neighbours as much as the trainer. Both
 * are scored on a second generated file to show they learn the same thing. Target: ≤ 3×.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import { validateCsv } from "@churn/core/csv";
import { toFeatureMatrix } from "@churn/core/features";
import { classificationMetrics } from "@churn/core/quality";
import { generateChurnFile } from "@churn/data";
import {
  createRandom,
  type LabelledMatrix,
  ORIGINAL_DEFAULT_PARAMS,
  predictBoosterProbabilities,
  toXgboostParamNames,
  trainBooster,
} from "@churn/training";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    seed: { type: "string", default: "1" },
    threads: { type: "string", default: "1" },
    repeat: { type: "string", default: "3" },
  },
});
const rowCount = Number(values.rows);
const seed = Number(values.seed);
const threadCount = Number(values.threads);
const repeatCount = Number(values.repeat);
const python = process.env.REFERENCE_PYTHON ?? "/usr/bin/python3";

async function generatedMatrix(fileSeed: number, rows: number): Promise<LabelledMatrix> {
  const text = generateChurnFile("training", { seed: fileSeed, rowCount: rows });
  async function* bytes() {
    yield new TextEncoder().encode(text);
  }
  const { table } = await validateCsv(bytes(), { minRowCount: 1 });
  const labels = Uint8Array.from(table.column("churn") ?? [], (value) => (value === 1 ? 1 : 0));
  return { features: toFeatureMatrix(table), labels, rowCount: table.rowCount, featureCount: 11 };
}

const PYTHON_TRAINER = `
import json, sys, time, numpy as np, xgboost as xgb
folder, rows, test_rows, cols, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
params = json.loads(open(folder + "/params.json").read())
features = np.fromfile(folder + "/train.f32", dtype=np.float32).reshape(rows, cols)
labels = np.fromfile(folder + "/train.u8", dtype=np.uint8).astype(np.float32)
started = time.perf_counter()
started_cpu = time.process_time()
matrix = xgb.DMatrix(features, label=labels, missing=np.nan, nthread=threads)
booster = xgb.train({
  "objective": "binary:logistic", "tree_method": "hist", "max_bin": params["max_bin"],
  "eta": params["learning_rate"], "max_depth": params["max_depth"],
  "min_child_weight": params["min_child_weight"], "gamma": params["gamma"],
  "subsample": params["subsample"], "colsample_bytree": params["colsample_bytree"],
  "reg_alpha": params["reg_alpha"], "reg_lambda": params["reg_lambda"],
  "max_delta_step": params["max_delta_step"], "scale_pos_weight": params["scale_pos_weight"],
  "base_score": 0.5, "nthread": threads, "seed": 1}, matrix, params["n_estimators"])
elapsed = time.perf_counter() - started
cpu = time.process_time() - started_cpu
test = np.fromfile(folder + "/test.f32", dtype=np.float32).reshape(test_rows, cols)
booster.predict(xgb.DMatrix(test, missing=np.nan)).astype(np.float32).tofile(folder + "/xgb-test.f32")
print(json.dumps({"seconds": elapsed, "cpuSeconds": cpu, "version": xgb.__version__}))
`;

interface Timing {
  seconds: number;
  cpuSeconds: number;
}

function trainInTypeScript(train: LabelledMatrix) {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const booster = trainBooster(train, {
    params: ORIGINAL_DEFAULT_PARAMS,
    random: createRandom(seed),
  });
  const cpu = process.cpuUsage(cpuStarted);
  const timing = {
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
  return { booster, timing };
}

function fastest(timings: Timing[]): Timing {
  return timings.reduce((best, timing) => (timing.cpuSeconds < best.cpuSeconds ? timing : best));
}

async function main(): Promise<void> {
  const params = ORIGINAL_DEFAULT_PARAMS;
  const train = await generatedMatrix(seed, rowCount);
  const test = await generatedMatrix(seed + 1, 20_000);
  const folder = await mkdtemp(join(tmpdir(), "churn-bench-trainer-"));
  try {
    await writeFile(join(folder, "params.json"), JSON.stringify(toXgboostParamNames(params)));
    await writeFile(join(folder, "train.f32"), train.features);
    await writeFile(join(folder, "train.u8"), Uint8Array.from(train.labels));
    await writeFile(join(folder, "test.f32"), test.features);
    const args = [
      "-c",
      PYTHON_TRAINER,
      folder,
      String(train.rowCount),
      String(test.rowCount),
      "11",
      String(threadCount),
    ];

    const tsTimings: Timing[] = [];
    const xgbTimings: Timing[] = [];
    let booster: ReturnType<typeof trainInTypeScript>["booster"] | undefined;
    let version = "";
    for (let run = 0; run < repeatCount; run++) {
      const ts = trainInTypeScript(train);
      booster = ts.booster;
      tsTimings.push(ts.timing);
      const { stdout } = await promisify(execFile)(python, args, { maxBuffer: 1 << 20 });
      const xgboost = JSON.parse(stdout) as Timing & { version: string };
      version = xgboost.version;
      xgbTimings.push(xgboost);
    }
    if (booster === undefined) throw new Error("--repeat must be at least 1.");
    const tsProbabilities = predictBoosterProbabilities(booster, test.features, test.rowCount);
    const xgbBytes = await readFile(join(folder, "xgb-test.f32"));
    const xgbProbabilities = new Float32Array(Uint8Array.from(xgbBytes).buffer);

    const auc = (probabilities: Float32Array) =>
      classificationMetrics({ labels: test.labels, probabilities }).rocAuc?.toFixed(4) ?? "-";
    const ts = fastest(tsTimings);
    const xgb = fastest(xgbTimings);
    const line = (name: string, timing: Timing, probabilities: Float32Array) =>
      `  ${name.padEnd(34)} ${timing.cpuSeconds.toFixed(2)} s CPU  ${timing.seconds.toFixed(2)} s wall  test ROC AUC ${auc(probabilities)}`;
    console.log(
      `trainer benchmark: ${train.rowCount} rows × 11 features, ${params.nEstimators} trees, depth ${params.maxDepth}, max_bin ${params.maxBin}, subsample ${params.subsample}, colsample_bytree ${params.colsampleBytree}; fastest of ${repeatCount} alternating runs`,
    );
    console.log(line("TypeScript (1 thread)", ts, tsProbabilities));
    console.log(line(`XGBoost ${version} hist (nthread=${threadCount})`, xgb, xgbProbabilities));
    console.log(
      `  ratio TypeScript / XGBoost         ${(ts.cpuSeconds / xgb.cpuSeconds).toFixed(2)}× CPU, ${(ts.seconds / xgb.seconds).toFixed(2)}× wall (target ≤ 3×)`,
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

await main();
