import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FIXTURES_URL, readNumericCsv } from "../../test/drift-fixtures.ts";
import { createMemoryObjectStore } from "../../test/memory-object-store.ts";
import { validateCsv } from "../csv/index.ts";
import { computeReferenceStatistics } from "../drift/index.ts";
import { classificationMetrics } from "../quality/index.ts";
import { createModelRegistry } from "../registry/index.ts";
import { parseRunReport } from "../report/index.ts";
import { PREDICTION_NAME } from "../schema/index.ts";
import { buildReport } from "./build-report.ts";
import { runKeys } from "./run-keys.ts";
import { DEFAULT_PIPELINE_SETTINGS, type PipelineSettings } from "./step-dependencies.ts";
import type { RunInfo, ScoringSummary } from "./step-io.ts";
import { validateFile } from "./validate-file.ts";

const clock = { now: () => new Date("2026-01-02T03:04:05Z") };

function fixtureText(name: string): string {
  return readFileSync(new URL(name, FIXTURES_URL), "utf8");
}

/** A fixed score per row that follows the label loosely, so every score is between 0 and 1. */
function probabilitiesOf(labels: Float64Array): Float32Array {
  return Float32Array.from(labels, (label, row) => 0.35 * label + ((row * 37) % 100) / 160);
}

/** A store holding one model version and one validated run, ready for "Build report". */
async function preparedRun() {
  const store = createMemoryObjectStore(() => clock.now());
  const models = createModelRegistry(store, { clock });
  const referenceText = fixtureText("drift-small-reference.csv");
  const reference = readNumericCsv(referenceText);
  delete reference[PREDICTION_NAME];
  const referenceLabels = reference.churn ?? new Float64Array();
  const referenceMetrics = classificationMetrics({
    labels: referenceLabels,
    probabilities: probabilitiesOf(referenceLabels),
  });
  const evaluation = { metrics: referenceMetrics, calibration: [] };
  const version = await models.register({
    modelJson: "{}",
    modelArchive: new Uint8Array(),
    referenceCsv: referenceText,
    referenceStatistics: computeReferenceStatistics(reference),
    metadata: {
      formatVersion: 1,
      model: { format: "xgboost-json", objective: "binary:logistic", treeCount: 0, baseScore: 0.5 },
      features: [],
      target: "churn",
      params: {},
      threshold: 0.5,
      seed: 1,
      metrics: { train: evaluation, holdout: evaluation },
      data: {
        fileName: "drift-small-reference.csv",
        sha256: "0".repeat(64),
        rowCount: 300,
        trainRowCount: 0,
        holdoutRowCount: 300,
        split: "explicit",
      },
      tuning: null,
      shapImportance: [],
      trainer: { name: "test", durationMs: 0 },
    },
  });

  const run: RunInfo = {
    runId: "current-0123456789abcdef",
    fileName: "current.csv",
    inputKey: "data/input/current.csv",
    etag: "etag",
    modelVersion: version.version,
    modelAlias: "staging",
    startedAt: clock.now().toISOString(),
    durationMs: 1,
  };
  const keys = runKeys(run.runId, run.fileName);
  const currentText = fixtureText("drift-small-current.csv");
  await store.write(keys.processing, currentText);
  const settings = { ...DEFAULT_PIPELINE_SETTINGS, maxBadRowShare: 1 };
  const validation = await validateFile({ run }, { store, clock, settings });
  const { table } = await validateCsv(store.read(keys.processing), { maxBadRowShare: 1 });
  const labels = table.column("churn") ?? new Float64Array();
  const probabilities = probabilitiesOf(labels);
  await store.write(keys.probabilitiesWorking, new Uint8Array(probabilities.buffer));
  const scoring: ScoringSummary = {
    scoredKey: keys.scoredWorking,
    rejectedRowsKey: null,
    scoredRowCount: labels.length,
    rejectedRowCount: 0,
    predictedChurnCount: probabilities.filter((p) => p >= 0.5).length,
    probabilityThreshold: 0.5,
    durationMs: 1,
  };
  const quality = classificationMetrics({ labels, probabilities, threshold: 0.5 });

  return {
    quality,
    async build(settings: PipelineSettings) {
      const summary = await buildReport(
        { run, validation, scoring },
        { store, models, clock, settings },
      );
      const report = parseRunReport(
        new TextDecoder().decode(await store.readBytes(summary.reportKey)),
      );
      return { summary, report };
    },
  };
}

describe("buildReport", () => {
  it("judges each score against its own threshold from the settings", async () => {
    const prepared = await preparedRun();
    const { quality } = prepared;
    const thresholds = {
      f1: quality.f1 + 0.01,
      precision: quality.precision - 0.01,
      recall: quality.recall + 0.01,
      accuracy: quality.accuracy - 0.01,
    };

    const { summary, report } = await prepared.build({
      ...DEFAULT_PIPELINE_SETTINGS,
      scoreThreshold: 0,
      scoreThresholds: thresholds,
    });

    expect(report.thresholds.scores).toEqual(thresholds);
    expect(report.scoresBelowThreshold).toEqual([
      { score: "f1", value: quality.f1, threshold: thresholds.f1 },
      { score: "recall", value: quality.recall, threshold: thresholds.recall },
    ]);
    expect(summary.lowScoreCount).toBe(2);
    expect(report.alerts.isScoreAlert).toBe(true);
  });

  it("falls back to scoreThreshold for a score without its own", async () => {
    const prepared = await preparedRun();
    const { quality } = prepared;
    const floor = quality.accuracy + 0.01;

    const { report } = await prepared.build({
      ...DEFAULT_PIPELINE_SETTINGS,
      scoreThreshold: floor,
      scoreThresholds: { f1: 0, precision: 0, recall: 0 },
    });

    expect(report.thresholds.scores).toEqual({ f1: 0, precision: 0, recall: 0, accuracy: floor });
    expect(report.scoresBelowThreshold).toEqual([
      { score: "accuracy", value: quality.accuracy, threshold: floor },
    ]);
  });

  it("raises no score alert when every score meets its threshold", async () => {
    const prepared = await preparedRun();
    const { quality } = prepared;

    const { summary, report } = await prepared.build({
      ...DEFAULT_PIPELINE_SETTINGS,
      scoreThreshold: 1,
      scoreThresholds: {
        f1: quality.f1,
        precision: quality.precision,
        recall: quality.recall,
        accuracy: quality.accuracy,
      },
    });

    expect(report.scoresBelowThreshold).toEqual([]);
    expect(summary.scoreAlert).toBeNull();
  });
});
