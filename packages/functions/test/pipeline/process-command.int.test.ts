import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateChurnFile } from "@churn/data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandIo } from "../../src/cli/command.ts";
import { processCommand } from "../../src/cli/commands/process.ts";

/** Command io that keeps what the command prints, run in `cwd` with `CHURN_HOME` at `home`. */
function recordingIo(cwd: string, home: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    cwd,
    env: { CHURN_HOME: home },
  };
  return { io, out, err };
}

/** The JSON summaries among the printed lines. */
function summariesIn(out: readonly string[]) {
  return out.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line));
}

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
    const { io, out } = recordingIo(dir, path.join(dir, "home"));

    const code = await processCommand.run(["stable.csv", "broken.csv", "--json"], io);

    const summaries = summariesIn(out);
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
    const { io, out } = recordingIo(dir, home);

    const code = await processCommand.run(["stable.csv", "--json"], io);

    const [summary] = summariesIn(out);
    expect(code).toBe(0);
    expect(summary).toMatchObject({ file: "stable-2.csv", status: "processed" });
    expect(await readFile(waiting, "utf8")).toBe("waiting,file\n");
  });

  it("echoes a drift alert's subject, file and drifted columns on standard error", async () => {
    await writeFile(
      path.join(dir, "drifted.csv"),
      generateChurnFile("drifted", { seed: 11, rowCount: 1050 }),
    );
    const home = path.join(dir, "home-alerts");
    const { io, out, err } = recordingIo(dir, home);

    const code = await processCommand.run(["drifted.csv", "--json"], io);

    const [summary] = summariesIn(out);
    const outbox = path.join(home, "outbox");
    const [mail] = (await readdir(outbox)).filter((file) => file.endsWith(".eml"));
    const echo = err.find((text) => text.includes("Alert: Customer Data Drift Alert"));
    expect(code).toBe(0);
    expect(summary.driftedColumns.length).toBeGreaterThan(0);
    expect(echo).toMatch(/^\d\d:\d\d:\d\d WARN {2}Alert: Customer Data Drift Alert/);
    expect(echo).toContain(`(mail in ${path.join(outbox, mail ?? "")})`);
    expect(echo).toContain("\n  File: drifted.csv\n");
    expect(echo).toContain(`\n  Model version: ${summary.modelVersion} (alias staging)\n`);
    for (const column of summary.driftedColumns) expect(echo).toContain(`\n  - ${column}: `);
  });
});
