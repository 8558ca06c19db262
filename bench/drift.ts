/**
 * Drift of a 1,000,000-row current file against a 100,000-row reference over 12 columns, then
 * classification metrics on 1,000,000 rows; the same work done with numpy/scipy/scikit-learn in
 * one Python process (scripts/reference/drift_bench.py) for comparison. Inputs are generated from
 * a fixed seed. Run with `node bench/drift.ts [currentRows] [referenceRows]`; the interpreter is
 * /usr/bin/python3 unless REFERENCE_PYTHON names another.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ColumnKind } from "@churn/core";
import { computeReferenceStatistics, detectDrift } from "@churn/core/drift";
import { classificationMetrics } from "@churn/core/quality";
import { createRandom, type Random } from "@churn/data";

const SEED = 20261203;
const currentRows = Number(process.argv[2] ?? 1_000_000);
const referenceRows = Number(process.argv[3] ?? 100_000);
const python = process.env.REFERENCE_PYTHON ?? "/usr/bin/python3";

/** 12 columns named like the churn features: 8 numerical, 4 categorical. */
const COLUMNS: [string, ColumnKind, (random: Random, shift: number) => number][] = [
  ["call_failure", "numerical", (r, s) => Math.round(Math.max(0, 7 + s + 5 * r.normal()))],
  ["subscription_length", "numerical", (r, s) => Math.round(32 + s + 8 * r.normal())],
  [
    "charge_amount",
    "numerical",
    (r, s) => Math.min(10, Math.floor(-Math.log(1 - r.uniform()) * (1 + s))),
  ],
  [
    "seconds_of_use",
    "numerical",
    (r, s) => Math.round(4400 * Math.exp(0.6 * r.normal()) + 100 * s),
  ],
  [
    "frequency_of_use",
    "numerical",
    (r, s) => Math.round(Math.max(0, 69 + 6 * s + 50 * r.normal())),
  ],
  [
    "frequency_of_sms",
    "numerical",
    (r, s) => Math.round(20 * Math.exp(1.1 * r.normal() + 0.1 * s)),
  ],
  [
    "distinct_called_numbers",
    "numerical",
    (r, s) => Math.round(Math.max(0, 23 + s + 17 * r.normal())),
  ],
  [
    "customer_value",
    "numerical",
    (r, s) => Math.round(47000 * Math.exp(r.normal()) + 900 * s) / 100,
  ],
  ["complains", "categorical", (r, s) => (r.uniform() < 0.08 + 0.01 * s ? 1 : 0)],
  [
    "age_group",
    "categorical",
    (r, s) => 1 + Math.min(4, Math.floor(r.uniform() * (5 - 0.2 * s) + 0.2 * s)),
  ],
  ["status", "categorical", (r) => (r.uniform() < 0.75 ? 1 : 2)],
  ["churn", "categorical", (r) => (r.uniform() < 0.16 ? 1 : 0)],
];

function generate(rows: number, shift: number, random: Random): Record<string, Float64Array> {
  const columns: Record<string, Float64Array> = {};
  for (const [name, , draw] of COLUMNS) {
    columns[name] = Float64Array.from({ length: rows }, () => draw(random, shift));
  }
  return columns;
}

function seconds(startMs: number): number {
  return (performance.now() - startMs) / 1000;
}

const random = createRandom(SEED);
const reference = generate(referenceRows, 0, random);
const current = generate(currentRows, 1, random);
const kinds = Object.fromEntries(COLUMNS.map(([name, kind]) => [name, kind]));
const labels = Float64Array.from({ length: currentRows }, () => (random.uniform() < 0.16 ? 1 : 0));
const probabilities = labels.map((label) =>
  Math.min(1, Math.max(0, 0.25 + 0.4 * label + 0.2 * random.normal())),
);
console.log(
  `Inputs (seed ${SEED}): reference ${referenceRows} rows, current ${currentRows} rows, ${COLUMNS.length} columns.`,
);

let startMs = performance.now();
const statistics = computeReferenceStatistics(reference, kinds);
const referenceSeconds = seconds(startMs);
startMs = performance.now();
const report = detectDrift({
  reference: statistics,
  current,
  options: { columns: Object.keys(kinds) },
});
const driftSeconds = seconds(startMs);
startMs = performance.now();
const quality = classificationMetrics({ labels, probabilities });
const metricsSeconds = seconds(startMs);

const dir = await mkdtemp(join(tmpdir(), "churn-drift-bench-"));
let scipy: {
  driftSeconds: number;
  metricsSeconds: number;
  scores: Record<string, { test: string; score: number }>;
  metrics: Record<string, number>;
  versions: Record<string, string>;
};
try {
  for (const [name] of COLUMNS) {
    await writeFile(
      join(dir, `${name}.ref.f64`),
      new Uint8Array((reference[name] as Float64Array).buffer),
    );
    await writeFile(
      join(dir, `${name}.cur.f64`),
      new Uint8Array((current[name] as Float64Array).buffer),
    );
  }
  await writeFile(join(dir, "labels.f64"), new Uint8Array(labels.buffer));
  await writeFile(join(dir, "probabilities.f64"), new Uint8Array(probabilities.buffer));
  await writeFile(join(dir, "manifest.json"), JSON.stringify({ columns: kinds }));
  const output = execFileSync(python, ["scripts/reference/drift_bench.py", dir], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  scipy = JSON.parse(output);
} finally {
  await rm(dir, { recursive: true, force: true });
}

let largestDifference = 0;
for (const column of report.columns) {
  const theirs = scipy.scores[column.columnName];
  if (theirs === undefined || theirs.test !== column.test || column.score === null) {
    throw new Error(`${column.columnName}: the two computations chose different tests`);
  }
  largestDifference = Math.max(
    largestDifference,
    Math.abs(column.score - theirs.score) / Math.abs(theirs.score),
  );
}

const ratio = (ours: number, theirs: number) => (theirs / ours).toFixed(1);
console.log(`Reference statistics (once per model version): ${referenceSeconds.toFixed(3)} s`);
console.log(
  `Drift, 12 columns:  ours ${driftSeconds.toFixed(3)} s; numpy/scipy ${scipy.driftSeconds.toFixed(3)} s; ` +
    `ours is ${ratio(driftSeconds, scipy.driftSeconds)}x faster ` +
    `(${ratio(driftSeconds + referenceSeconds, scipy.driftSeconds)}x counting the reference statistics).`,
);
console.log(
  `Metrics, ${currentRows} rows: ours ${metricsSeconds.toFixed(3)} s; scikit-learn ${scipy.metricsSeconds.toFixed(3)} s; ` +
    `ours is ${ratio(metricsSeconds, scipy.metricsSeconds)}x faster.`,
);
console.log(
  `Drifted ${report.driftedColumnCount}/${report.testedColumnCount} columns; largest relative score difference from scipy ${largestDifference.toExponential(2)}; ` +
    `ROC AUC ours ${quality.rocAuc} vs ${scipy.metrics.rocAuc}.`,
);
console.log(`Python side: ${JSON.stringify(scipy.versions)}`);
