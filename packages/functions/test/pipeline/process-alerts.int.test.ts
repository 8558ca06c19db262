import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateChurnFile } from "@churn/data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandIo } from "../../src/cli/command.ts";
import { processCommand } from "../../src/cli/commands/process.ts";

describe("churn process alerts", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "churn-process-alerts-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("echoes a drift alert's subject, file and drifted columns on standard error", async () => {
    await writeFile(
      path.join(dir, "drifted.csv"),
      generateChurnFile("drifted", { seed: 11, rowCount: 1050 }),
    );
    const out: string[] = [];
    const err: string[] = [];
    const io: CommandIo = {
      stdout: (text) => out.push(text),
      stderr: (text) => err.push(text),
      cwd: dir,
      env: { CHURN_HOME: path.join(dir, "home") },
    };

    const code = await processCommand.run(["drifted.csv", "--json"], io);

    const [summary] = out.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line));
    const outbox = path.join(dir, "home", "outbox");
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
