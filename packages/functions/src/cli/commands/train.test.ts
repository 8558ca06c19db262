import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateChurnFile } from "@churn/data";
import { afterAll, describe, expect, it } from "vitest";
import type { CommandIo } from "../command.ts";
import { runCli } from "../main.ts";

// One temporary working directory: the commands share its .churn/bucket/ registry, in order.
const dir = mkdtempSync(join(tmpdir(), "churn-train-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, "train.csv"), generateChurnFile("training", { seed: 11, rowCount: 300 }));
writeFileSync(join(dir, "new.csv"), generateChurnFile("unlabelled", { seed: 12, rowCount: 80 }));

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

  it.each([
    [["train"], 2, /--data/],
    [["train", "--data", "train.csv", "--holdout-rows", "1,x"], 2, /neither a list/],
    [["model", "show", "v9"], 1, /does not exist/],
    [["model", "promote", "v1"], 2, /--alias/],
    [["predict", "--model", "staging", "new.csv"], 2, /--out/],
  ])("exits with an explanation for %j", async (args, code, message) => {
    const result = await run(args);

    expect(result.code).toBe(code);
    expect(result.err).toMatch(message);
  });
});
