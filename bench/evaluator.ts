/**
 * Evaluator throughput against real XGBoost, one thread each, in one run.
 *
 *   node bench/evaluator.ts [--rows 1000000] [--rounds 200] [--depth 6] [--repeats 3]
 *
 * Generates seeded churn-like rows (11 features, 10 % missing), has XGBoost (Debian's 1.7.4
 * through /usr/bin/python3, or REFERENCE_PYTHON) train a model on the first 20,000 and time its
 * `predict` on all rows with nthread=1, then times the TypeScript evaluator on the same model and
 * rows, checks that both give the same margins, and prints the times and their ratio. Both wall
 * and CPU time are printed: on a shared machine the CPU time is the steadier figure.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { createRandom } from "@churn/data";
import {
  compileModel,
  predictMargins,
  predictProbabilities,
  readXgbModel,
} from "../packages/core/src/model/index.ts";

const FEATURE_COUNT = 11;
const SEED = 20_240_601;

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    rounds: { type: "string", default: "200" },
    depth: { type: "string", default: "6" },
    repeats: { type: "string", default: "3" },
  },
});
const rowCount = Number(values.rows);
const repeats = Number(values.repeats);
const python = process.env.REFERENCE_PYTHON ?? "/usr/bin/python3";
const script = fileURLToPath(new URL("../scripts/reference/xgboost_models.py", import.meta.url));

const dir = await mkdtemp(join(tmpdir(), "bench-evaluator-"));
try {
  const { features, labels } = generateRows(rowCount, SEED);
  await writeFile(join(dir, "features.f32"), bytesOf(features));
  await writeFile(join(dir, "labels.f32"), bytesOf(labels));

  console.log(
    `rows ${rowCount}, features ${FEATURE_COUNT}, rounds ${values.rounds}, depth ${values.depth}`,
  );
  const xgboost = await timeXgboost();
  const model = readXgbModel(await readFile(join(dir, "bench.model.json"), "utf8"));
  const compiled = compileModel(model);

  const oursMargins = bestOf(repeats, () => predictMargins(compiled, features, rowCount));
  const oursProbabilities = bestOf(repeats, () =>
    predictProbabilities(compiled, features, rowCount),
  );
  const mismatches = countBitDifferences(oursMargins.result, await readFloats("margins.f32"));

  console.log(`XGBoost ${xgboost.version} predict, nthread=1 (best of ${repeats}, wall / CPU):`);
  console.log(`  margins        ${format(xgboost.margins)}`);
  console.log(`  probabilities  ${format(xgboost.probabilities)}`);
  console.log(`TypeScript evaluator, one thread (best of ${repeats}, wall / CPU):`);
  console.log(`  margins        ${format(oursMargins)}`);
  console.log(`  probabilities  ${format(oursProbabilities)}`);
  console.log("ratio ours / XGBoost (target ≤ 1.5×):");
  console.log(`  margins        ${ratio(oursMargins, xgboost.margins)}`);
  console.log(`  probabilities  ${ratio(oursProbabilities, xgboost.probabilities)}`);
  console.log(`margins differing from XGBoost's: ${mismatches} of ${rowCount}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}

async function timeXgboost() {
  await promisify(execFile)(python, [
    script,
    "bench",
    "--features",
    join(dir, "features.f32"),
    "--labels",
    join(dir, "labels.f32"),
    "--feature-count",
    String(FEATURE_COUNT),
    "--rounds",
    String(values.rounds),
    "--depth",
    String(values.depth),
    "--repeats",
    String(repeats),
    "--out",
    dir,
  ]);
  const timing = JSON.parse(await readFile(join(dir, "timing.json"), "utf8")) as {
    tools: { xgboost: string };
    predictMs: number[];
    predictCpuMs: number[];
    predictProbabilitiesMs: number[];
    predictProbabilitiesCpuMs: number[];
  };
  return {
    version: timing.tools.xgboost,
    margins: { ms: Math.min(...timing.predictMs), cpuMs: Math.min(...timing.predictCpuMs) },
    probabilities: {
      ms: Math.min(...timing.predictProbabilitiesMs),
      cpuMs: Math.min(...timing.predictProbabilitiesCpuMs),
    },
  };
}

/** Best wall-clock and best CPU time of `count` runs after one warm-up run. */
function bestOf<T>(count: number, work: () => T): { ms: number; cpuMs: number; result: T } {
  let best = Number.POSITIVE_INFINITY;
  let bestCpu = Number.POSITIVE_INFINITY;
  let result = work();
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    result = work();
    const cpu = process.cpuUsage(cpuStart);
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1000);
    best = Math.min(best, performance.now() - start);
  }
  return { ms: best, cpuMs: bestCpu, result };
}

/** Churn-like rows: counts, flags and amounts on the data set's scales, labels from a logit. */
function generateRows(count: number, seed: number) {
  const { uniform: random } = createRandom(seed);
  const features = new Float32Array(count * FEATURE_COUNT);
  const labels = new Float32Array(count);
  for (let row = 0; row < count; row += 1) {
    const use = Math.round(-35 * Math.log(random() * random() + 1e-12));
    const complains = random() < 0.08 ? 1 : 0;
    const status = random() < 0.25 ? 2 : 1;
    const length = 3 + Math.floor(random() * 45);
    const charge = Math.min(10, Math.floor(-Math.log(random() + 1e-12)));
    const failures = Math.floor(-Math.log(random() + 1e-12) * (1 + use / 40));
    const sms = Math.round(-90 * Math.log(random() + 1e-12));
    const values = [
      failures,
      complains,
      length,
      charge,
      Math.round(use * (30 + random() * 60)),
      use,
      sms,
      Math.round(5 + use / 6 + random() * 10),
      1 + Math.floor(random() * 5),
      status,
      Math.round((use * 2 + sms * 0.9 + random() * 40) * 1000) / 1000,
    ];
    values.forEach((value, column) => {
      features[row * FEATURE_COUNT + column] = random() < 0.1 ? Number.NaN : value;
    });
    const logit = -2 + 2.8 * complains + 1.2 * (status - 1) - 0.015 * use + 0.25 * failures;
    labels[row] = random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { features, labels };
}

function bytesOf(values: Float32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

async function readFloats(name: string): Promise<Float32Array> {
  const bytes = await readFile(join(dir, name));
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

function countBitDifferences(actual: Float32Array, expected: Float32Array): number {
  const a = new Uint32Array(actual.buffer, actual.byteOffset, actual.length);
  const b = new Uint32Array(expected.buffer, expected.byteOffset, expected.length);
  let count = Math.abs(a.length - b.length);
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) if (a[i] !== b[i]) count += 1;
  return count;
}

function format({ ms, cpuMs }: { ms: number; cpuMs: number }): string {
  const rowsPerSecond = ((rowCount / cpuMs) * 1000).toExponential(2);
  return `${ms.toFixed(0).padStart(7)} ms / ${cpuMs.toFixed(0).padStart(7)} ms CPU  (${rowsPerSecond} rows per CPU second)`;
}

function ratio(ours: { ms: number; cpuMs: number }, theirs: { ms: number; cpuMs: number }) {
  return `${(ours.ms / theirs.ms).toFixed(2)}× wall, ${(ours.cpuMs / theirs.cpuMs).toFixed(2)}× CPU`;
}
