import { formatSafeCsvLine, readCsvRecords, validateCsv, writeRejectedRows } from "../csv/index.ts";
import { toFeatureMatrix } from "../features/index.ts";
import { PREDICTION_NAME, PROBABILITY_NAME } from "../schema/index.ts";
import { encodeLines } from "./encode-lines.ts";
import { type RunKeys, runKeys } from "./run-keys.ts";
import { appendRunLog } from "./run-log.ts";
import type { StepDependencies } from "./step-dependencies.ts";
import type { RunInfo, ScoringSummary } from "./step-io.ts";

/** The column of the scored file that names the model version which scored each row. */
export const MODEL_VERSION_COLUMN = "model_version";

/**
 * "Score with model": scores the file's good rows with the run's model version and writes the
 * scored file (every original column, then the probability, the 0/1 prediction and the model
 * version) and, when there are any, the rejected rows with their reasons. Throws what the
 * predictor and the object store throw.
 */
export async function scoreFile(
  input: { run: RunInfo },
  deps: Pick<StepDependencies, "store" | "models" | "predictor" | "clock" | "settings">,
): Promise<ScoringSummary> {
  const { run } = input;
  const keys = runKeys(run.runId, run.fileName);
  const startedMs = deps.clock.now().getTime();
  const model = await deps.models.resolve(run.modelVersion);

  const validation = await validateCsv(deps.store.read(keys.processing), {
    minRowCount: deps.settings.minRowCount,
    fileLabel: run.fileName,
  });
  const { table, rowNumbers } = validation;
  const featureNames = model.features.map((feature) => feature.name);
  const probabilities = await deps.predictor.predict({
    modelVersion: run.modelVersion,
    features: toFeatureMatrix(table, featureNames),
    rowCount: table.rowCount,
    featureCount: featureNames.length,
  });
  const threshold = model.threshold;
  // The report reads the scores back from here, exactly as the model gave them (float32, in the
  // platform's byte order), rather than parsing them again from the scored file's text.
  await deps.store.write(
    keys.probabilitiesWorking,
    new Uint8Array(Float32Array.from(probabilities).buffer),
    { contentType: "application/octet-stream" },
  );

  const predictedChurnCount = await writeScoredFile(deps, keys, {
    rowNumbers,
    probabilities,
    threshold,
    modelVersion: run.modelVersion,
  });
  const rejectedRowCount = validation.summary.badRowCount;
  if (rejectedRowCount > 0) {
    await deps.store.write(
      keys.rejectedRowsWorking,
      writeRejectedRows(deps.store.read(keys.processing), rowNumbers),
      { contentType: "text/csv" },
    );
  }

  await appendRunLog(
    deps.store,
    deps.clock,
    keys.log,
    `Scored ${table.rowCount} rows with model version ${run.modelVersion} ` +
      `(${predictedChurnCount} predicted to churn at threshold ${threshold})` +
      (rejectedRowCount > 0 ? `; ${rejectedRowCount} rows set aside with their reasons.` : "."),
  );
  return {
    scoredKey: keys.scoredWorking,
    rejectedRowsKey: rejectedRowCount > 0 ? keys.rejectedRowsWorking : null,
    scoredRowCount: table.rowCount,
    rejectedRowCount,
    predictedChurnCount,
    probabilityThreshold: threshold,
    durationMs: deps.clock.now().getTime() - startedMs,
  };
}

/**
 * Streams the original file again and writes each kept row with its score; resolves the number
 * of rows predicted to churn. Rows are matched by their data-row number, which `validateCsv`
 * and `readCsvRecords` count the same way.
 */
async function writeScoredFile(
  deps: Pick<StepDependencies, "store">,
  keys: RunKeys,
  scores: {
    rowNumbers: Uint32Array;
    probabilities: Float64Array;
    threshold: number;
    modelVersion: string;
  },
): Promise<number> {
  let predictedChurnCount = 0;

  async function* lines(): AsyncIterable<string> {
    let rowNumber = -1;
    let keptIndex = 0;
    for await (const cells of readCsvRecords(deps.store.read(keys.processing))) {
      rowNumber += 1;
      if (rowNumber === 0) {
        yield formatSafeCsvLine([
          ...cells,
          PROBABILITY_NAME,
          PREDICTION_NAME,
          MODEL_VERSION_COLUMN,
        ]);
        continue;
      }
      if (scores.rowNumbers[keptIndex] !== rowNumber) continue;
      const probability = scores.probabilities[keptIndex] ?? Number.NaN;
      keptIndex += 1;
      const isChurn = probability >= scores.threshold;
      if (isChurn) predictedChurnCount += 1;
      yield formatSafeCsvLine([
        ...cells,
        formatProbability(probability),
        isChurn ? "1" : "0",
        scores.modelVersion,
      ]);
    }
  }

  await deps.store.write(keys.scoredWorking, encodeLines(lines()), { contentType: "text/csv" });
  return predictedChurnCount;
}

/** Nine significant digits bring a float32 probability back exactly when it is read again. */
function formatProbability(probability: number): string {
  return String(Number(probability.toPrecision(9)));
}
