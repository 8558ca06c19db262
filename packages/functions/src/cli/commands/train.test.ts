import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COLUMNS, FEATURE_NAMES } from "@churn/core";
import { generateChurnFile } from "@churn/data";
import { ORIGINAL_HOLDOUT_ROWS } from "@churn/training";
import { afterAll, describe, expect, it } from "vitest";
import type { CommandIo } from "../command.ts";
import { runCli } from "../main.ts";

// One temporary working directory: the commands share its .churn/bucket/ registry, in order.
const dir = mkdtempSync(join(tmpdir(), "churn-train-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, "train.csv"), generateChurnFile("training", { seed: 11, rowCount: 300 }));
writeFileSync(join(dir, "new.csv"), generateChurnFile("unlabelled", { seed: 12, rowCount: 80 }));
// As many rows as customer_churn_0.csv, so that the original holdout indices exist.
const originalSized = generateChurnFile("training", { seed: 13, rowCount: 1050 });
writeFileSync(join(dir, "original-sized.csv"), originalSized);

async function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CommandIo = {
    stdout: (text) => {
      out += `${text}\n`;
    },
    stderr: (text) => {
      err += `${text}\n`;
    },
    cwd: dir,
    env,
  };
  const code = await runCli(args, io);
  return { code, out, err };
}

describe("churn train, model and predict", () => {
  it("registers v1 without moving an alias, then v2 with --promote", async () => {
    const first = await run(["train", "--data", "train.csv", "--json"]);
    const second = await run([
      "train",
      "--data",
      "train.csv",
      "--trials",
      "1",
      "--promote",
      "staging",
    ]);

    expect(first.code).toBe(0);
    const metadata = JSON.parse(first.out);
    expect(metadata).toMatchObject({
      version: "v1",
      alias: null,
      data: { trainRowCount: 240, holdoutRowCount: 60 },
    });
    expect(second.code).toBe(0);
    expect(second.out).toContain("Alias staging now points at v2.");
    expect(second.err).toMatch(/tuning \[#+\] 1\/1 trials, best mean F1 \d\.\d{4}/);
  });

  it("lists the versions with their aliases and shows one by alias", async () => {
    const list = await run(["model", "list", "--json"]);
    const show = await run(["model", "show", "staging"]);

    const listed = JSON.parse(list.out);
    expect(listed.versions.map((version: { version: string }) => version.version)).toEqual([
      "v1",
      "v2",
    ]);
    expect(listed.aliases).toMatchObject([{ alias: "staging", version: "v2" }]);
    expect(show.out).toContain("Model version v2");
    expect(show.out).toMatch(/tuning {5}1 trials/);
  });

  it("moves an alias only when promoting, and says where it was", async () => {
    const promoted = await run(["model", "promote", "v1", "--alias", "staging"]);
    const show = await run(["model", "show", "staging", "--json"]);

    expect(promoted.out).toContain("Alias staging now points at v1 (was v2).");
    expect(JSON.parse(show.out).version).toBe("v1");
  });

  it("scores a file with an alias and writes probability and prediction columns", async () => {
    const result = await run([
      "predict",
      "--model",
      "staging",
      "new.csv",
      "--out",
      "scored.csv",
      "--json",
    ]);

    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ model: "model version v1", scoredRowCount: 80 });
    const lines = readFileSync(join(dir, "scored.csv"), "utf8").trim().split("\n");
    expect(lines).toHaveLength(81);
    expect(lines[0]).toMatch(/,churn_probability,churn_prediction$/);
    expect(lines[1]).toMatch(/,0\.\d+(e-\d+)?,[01]$/);
  });

  it("never replaces an existing --out file unless --force is given", async () => {
    const args = ["predict", "--model", "staging", "new.csv", "--out", "kept.csv"];
    writeFileSync(join(dir, "kept.csv"), "keep me\n");

    const refused = await run(args);
    const forced = await run([...args, "--force"]);

    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/kept\.csv already exists.*--force.*\[cli\.output_exists\]/);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, "kept.csv"), "utf8")).toMatch(
      /,churn_probability,churn_prediction\n/,
    );
  });

  it("refuses a bad --promote alias before training, so no version is registered", async () => {
    const before = JSON.parse((await run(["model", "list", "--json"])).out).versions.length;

    const result = await run(["train", "--data", "train.csv", "--promote", "BadName"]);

    const after = JSON.parse((await run(["model", "list", "--json"])).out).versions.length;
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--promote: "BadName" is not an alias name/);
    expect(after).toBe(before);
  });

  it("writes the same model bytes for the same --seed and other bytes for another", async () => {
    const train = async (seed: string) => {
      const result = await run(["train", "--data", "train.csv", "--seed", seed, "--json"]);
      const metadata = JSON.parse(result.out);
      return {
        seed: metadata.seed,
        model: readFileSync(
          join(dir, ".churn/bucket/models/versions", metadata.version, "model.json"),
        ),
      };
    };

    const [first, second, other] = [await train("3"), await train("3"), await train("4")];

    expect(first.seed).toBe(3);
    expect(second.model.equals(first.model)).toBe(true);
    expect(other.model.equals(first.model)).toBe(false);
  });

  it.each([
    ["original", () => "original", [...ORIGINAL_HOLDOUT_ROWS]],
    ["a list", () => "0,5,9,17,300,1049", [0, 5, 9, 17, 300, 1049]],
    [
      "a file",
      () => {
        writeFileSync(join(dir, "holdout.txt"), "12\n7\n 1000, 44\n");
        return "holdout.txt";
      },
      [12, 7, 1000, 44],
    ],
  ])("holds out exactly the rows --holdout-rows gives as %s", async (_, argument, rows) => {
    const result = await run([
      "train",
      "--data",
      "original-sized.csv",
      "--holdout-rows",
      argument(),
      "--json",
    ]);

    expect(result.code, result.err).toBe(0);
    const metadata = JSON.parse(result.out);
    expect(metadata.data).toMatchObject({
      split: "explicit",
      holdoutRowCount: rows.length,
      trainRowCount: 1050 - rows.length,
    });
    const reference = readFileSync(
      join(dir, ".churn/bucket/models/versions", metadata.version, "reference.csv"),
      "utf8",
    );
    expect(featureRowsOf(reference)).toEqual(fileRowsAt(rows));
  });

  it("tunes with --tune and the trial count --trials gives, keeping the best trial's threshold", async () => {
    const result = await run(["train", "--data", "train.csv", "--tune", "--trials", "3", "--json"]);

    expect(result.code, result.err).toBe(0);
    const metadata = JSON.parse(result.out);
    expect(metadata.tuning).toMatchObject({ trialCount: 3 });
    expect(metadata.tuning.trials).toHaveLength(3);
    expect(metadata.threshold).toBe(metadata.tuning.trials[metadata.tuning.bestTrial].threshold);
    expect(result.err.match(/tuning \[[#-]+\] \d\/3 trials/g)).toHaveLength(3);
  });

  it("scores with a model file and --threshold, and predicts churn at that threshold", async () => {
    const version = JSON.parse((await run(["model", "show", "v1", "--json"])).out);
    const modelFile = join(".churn/bucket/models/versions", version.version, "model.json");

    const byFile = await run([
      "predict",
      "--model",
      modelFile,
      "new.csv",
      "--out",
      "scored-by-file.csv",
      "--threshold",
      "0.3",
      "--json",
    ]);
    const byVersion = await run(["predict", "--model", "v1", "new.csv", "--out", "scored-v1.csv"]);

    expect(byFile.code, byFile.err).toBe(0);
    expect(byVersion.code, byVersion.err).toBe(0);
    const summary = JSON.parse(byFile.out);
    expect(summary).toMatchObject({ model: join(dir, modelFile), threshold: 0.3 });
    const scored = scoredColumns("scored-by-file.csv");
    expect(scored.map(([probability]) => probability)).toEqual(
      scoredColumns("scored-v1.csv").map(([probability]) => probability),
    );
    expect(scored.map(([, prediction]) => prediction)).toEqual(
      scored.map(([probability]) => (probability >= 0.3 ? 1 : 0)),
    );
    expect(summary.predictedChurnCount).toBe(scored.filter(([, p]) => p === 1).length);
    expect(summary.predictedChurnCount).toBeGreaterThan(0);
  });

  it.each([
    [["train"], 2, /--data/],
    [["train", "--data", "train.csv", "--holdout-rows", "1,x"], 2, /neither a list/],
    [["model", "show", "v99"], 1, /does not exist/],
    [["model", "promote", "v1"], 2, /--alias/],
    [["predict", "--model", "staging", "new.csv"], 2, /--out/],
  ])("exits with an explanation for %j", async (args, code, message) => {
    const result = await run(args);

    expect(result.code).toBe(code);
    expect(result.err).toMatch(message);
  });
});

/** The feature cells of a reference set's rows, as numbers. */
function featureRowsOf(referenceCsv: string): number[][] {
  const [header = "", ...lines] = referenceCsv.trim().split("\n");
  const columns = header.split(",");
  const indices = FEATURE_NAMES.map((name) => columns.indexOf(name));
  return lines.map((line) => {
    const cells = line.split(",");
    return indices.map((index) => Number(cells[index]));
  });
}

/** The feature cells of original-sized.csv's data rows at `rows`, in file order. */
function fileRowsAt(rows: readonly number[]): number[][] {
  const [header = "", ...lines] = originalSized.trim().split("\n");
  const columns = header.split(",");
  const indices = FEATURE_NAMES.map((name) =>
    columns.indexOf(COLUMNS.find((column) => column.name === name)?.rawHeader ?? name),
  );
  return [...rows]
    .sort((a, b) => a - b)
    .map((row) => {
      const cells = (lines[row] ?? "").split(",");
      return indices.map((index) => Number(cells[index]));
    });
}

/** The probability and prediction columns of a scored file. */
function scoredColumns(file: string): [number, number][] {
  const lines = readFileSync(join(dir, file), "utf8").trim().split("\n").slice(1);
  return lines.map((line) => {
    const cells = line.split(",");
    return [Number(cells.at(-2)), Number(cells.at(-1))];
  });
}
