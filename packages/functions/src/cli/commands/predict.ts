import { once } from "node:events";
import { createReadStream } from "node:fs";
import { open, readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { ChurnError, FEATURE_NAMES, PREDICTION_NAME, PROBABILITY_NAME } from "@churn/core";
import { formatSafeCsvLine, readCsvRecords, validateCsv } from "@churn/core/csv";
import { toFeatureMatrix } from "@churn/core/features";
import { compileModel, predictProbabilities, readXgbModel } from "@churn/core/model";
import type { Command, CommandIo } from "../command.ts";
import { openLocalRegistry } from "./model.ts";

const usage = `Usage: churn predict --model <version|alias|file> <csv> --out <csv> [--threshold <p>] [--force] [--json]

Scores a churn CSV with a model and writes its rows with two more columns, churn_probability
and churn_prediction (1 when the probability is at least the threshold). Rows the validator
rejects are left out and counted.

  --model <m>        a registered version (v3), an alias (staging), or an XGBoost JSON model file
  --out <csv>        where to write the scored rows
  --threshold <p>    decision threshold; default the version's tuned threshold, 0.5 for a file
  --force            replace the --out file when it exists (it is never replaced otherwise)
  --json             print a summary as JSON`;

export const predictCommand: Command = {
  name: "predict",
  summary: "Score a CSV with a model version, an alias or a model file.",
  usage,
  async run(args, io) {
    const parsed = parsePredictArgs(args, io);
    if (typeof parsed === "string") {
      io.stderr(`churn predict: ${parsed}\n\n${usage}`);
      return 2;
    }

    const model = await loadModel(parsed.model, io);
    const threshold = parsed.threshold ?? model.threshold;
    const validation = await validateCsv(createReadStream(parsed.inputPath));
    if (!validation.verdict.isValid) {
      throw new ChurnError(
        "predict.bad_data",
        `${parsed.inputPath} cannot be scored: ${validation.verdict.message}`,
        {
          context: { file: parsed.inputPath, code: validation.verdict.code },
        },
      );
    }
    const compiled = compileModel(model.xgbModel);
    const features = toFeatureMatrix(validation.table, model.featureNames);
    const probabilities = predictProbabilities(compiled, features, validation.table.rowCount);
    await writeScoredRows(parsed, validation.rowNumbers, probabilities, threshold);

    const predictedCount = probabilities.reduce((count, p) => count + (p >= threshold ? 1 : 0), 0);
    const summary = {
      model: model.label,
      threshold,
      scoredRowCount: validation.table.rowCount,
      rejectedRowCount: validation.issueCount,
      predictedChurnCount: predictedCount,
      out: parsed.outPath,
    };
    if (parsed.isJson) io.stdout(JSON.stringify(summary));
    else {
      io.stdout(
        `Scored ${summary.scoredRowCount} rows with ${summary.model} (threshold ${threshold}): ` +
          `${predictedCount} predicted to churn; ${summary.rejectedRowCount} rejected rows left out. Wrote ${parsed.outPath}.`,
      );
    }
    return 0;
  },
};

interface PredictArgs {
  model: string;
  inputPath: string;
  outPath: string;
  threshold: number | undefined;
  isForced: boolean;
  isJson: boolean;
}

function parsePredictArgs(args: readonly string[], io: CommandIo): PredictArgs | string {
  let values: { model?: string; out?: string; threshold?: string; force?: boolean; json?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        model: { type: "string" },
        out: { type: "string" },
        threshold: { type: "string" },
        force: { type: "boolean" },
        json: { type: "boolean" },
      },
    }));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const [input] = positionals;
  if (values.model === undefined) return "name the model with --model <version|alias|file>.";
  if (input === undefined || positionals.length > 1) return "name one CSV file to score.";
  if (values.out === undefined) return "name the output file with --out <csv>.";
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1))
    return "--threshold takes a probability between 0 and 1.";
  return {
    model: values.model,
    inputPath: resolve(io.cwd, input),
    outPath: resolve(io.cwd, values.out),
    threshold,
    isForced: values.force === true,
    isJson: values.json === true,
  };
}

/** A model file when the argument names an existing file, a registry version or alias otherwise. */
async function loadModel(model: string, io: CommandIo) {
  const path = resolve(io.cwd, model);
  const isFile = (await stat(path).catch(() => undefined))?.isFile() === true;
  if (isFile) {
    const xgbModel = readXgbModel(await readFile(path, "utf8"));
    // A model file without feature names reads the schema's features, in the schema's order.
    const names = xgbModel.learner.feature_names ?? [];
    const featureNames = names.length > 0 ? names : [...FEATURE_NAMES];
    return { xgbModel, threshold: 0.5, featureNames, label: path };
  }
  const registry = openLocalRegistry(io);
  const metadata = await registry.resolve(model);
  const xgbModel = readXgbModel(await registry.readModelJson(metadata.version));
  return {
    xgbModel,
    threshold: metadata.threshold,
    featureNames: metadata.features.map((feature) => feature.name),
    label: `model version ${metadata.version}`,
  };
}

/**
 * Re-streams the kept rows' original cells with the probability and the prediction appended.
 * Throws `cli.output_exists` when the output file exists and `--force` was not given, before
 * anything is written.
 */
async function writeScoredRows(
  paths: Pick<PredictArgs, "inputPath" | "outPath" | "isForced">,
  rowNumbers: Uint32Array,
  probabilities: Float32Array,
  threshold: number,
): Promise<void> {
  const file = await open(paths.outPath, paths.isForced ? "w" : "wx").catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    throw new ChurnError(
      "cli.output_exists",
      `${paths.outPath} already exists; name another file with --out, or pass --force to replace it.`,
      { context: { file: paths.outPath } },
    );
  });
  const out = file.createWriteStream();
  let dataRow = 0;
  let kept = 0;
  for await (const record of readCsvRecords(createReadStream(paths.inputPath))) {
    let line: string | undefined;
    if (dataRow === 0) line = formatSafeCsvLine([...record, PROBABILITY_NAME, PREDICTION_NAME]);
    else if (rowNumbers[kept] === dataRow) {
      const probability = probabilities[kept] ?? 0;
      line = formatSafeCsvLine([
        ...record,
        String(probability),
        probability >= threshold ? "1" : "0",
      ]);
      kept += 1;
    }
    dataRow += 1;
    // Waiting for the stream to drain keeps memory flat on files of millions of rows.
    if (line !== undefined && !out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "close");
}
