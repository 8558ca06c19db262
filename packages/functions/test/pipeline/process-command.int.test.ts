import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateChurnFile } from "@churn/data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandIo } from "../../src/cli/command.ts";
import { processCommand } from "../../src/cli/commands/process.ts";

describe("churn process", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "churn-process-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("trains a model on a fresh home, then prints one JSON summary per file", async () => {
    await writeFile(
      path.join(dir, "stable.csv"),
      generateChurnFile("stable", { seed: 3, rowCount: 300 }),
    );
    await writeFile(path.join(dir, "broken.csv"), "not,a,churn,file\n1,2,3,4\n");
    const out: string[] = [];
    const io: CommandIo = {
      stdout: (text) => out.push(text),
      stderr: () => {},
      cwd: dir,
      env: { CHURN_HOME: path.join(dir, "home") },
    };

    const code = await processCommand.run(["stable.csv", "broken.csv", "--json"], io);

    const summaries = out.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line));
    expect(code).toBe(0);
    expect(out[0]).toContain('No model version is registered as "staging"');
    expect(summaries.map((summary) => [summary.file, summary.status])).toEqual([
      ["stable.csv", "processed"],
      ["broken.csv", "rejected"],
    ]);
    expect(summaries[0]).toMatchObject({
      rows: { total: 300, scored: 300, rejected: 0 },
      modelVersion: "v1",
      hasLabels: true,
    });
    expect(summaries[0].report).toBe(`reports/${summaries[0].runId}.json`);
    expect(summaries[1].reason).toContain("broken.csv");
  });

  it("leaves a same-named file waiting in data/input/ alone and runs this one under a new name", async () => {
    const home = path.join(dir, "home");
    const waiting = path.join(home, "bucket", "data", "input", "stable.csv");
    await mkdir(path.dirname(waiting), { recursive: true });
    await writeFile(waiting, "waiting,file\n");
    const out: string[] = [];
    const io: CommandIo = {
      stdout: (text) => out.push(text),
      stderr: () => {},
      cwd: dir,
      env: { CHURN_HOME: home },
    };

    const code = await processCommand.run(["stable.csv", "--json"], io);

    const [summary] = out.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line));
    expect(code).toBe(0);
    expect(summary).toMatchObject({ file: "stable-2.csv", status: "processed" });
    expect(await readFile(waiting, "utf8")).toBe("waiting,file\n");
  });
});
