import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DriftReportSchema } from "@churn/core/drift";
import * as v from "valibot";
import { afterAll, describe, expect, it } from "vitest";
import type { CommandIo } from "../command.ts";
import { runCli } from "../main.ts";

const dir = mkdtempSync(join(tmpdir(), "churn-drift-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const header =
  "Call  Failure,Complains,Subscription  Length,Charge  Amount,Seconds of Use,Frequency of use," +
  "Frequency of SMS,Distinct Called Numbers,Age Group,Tariff Plan,Status,Age,Customer Value,Churn";

/** 80 rows; `shift` moves the call failures and the seconds of use. */
function writeCsv(name: string, shift: number): string {
  const rows = Array.from({ length: 80 }, (_, row) =>
    [
      (row % 12) + shift,
      row % 9 === 0 ? 1 : 0,
      30 + (row % 10),
      row % 4,
      4000 + 37 * row + 300 * shift,
      60 + (row % 25),
      row % 40,
      20 + (row % 15),
      1 + (row % 5),
      1,
      1 + (row % 3 === 0 ? 1 : 0),
      30,
      (150 + 3.5 * row).toFixed(2),
      row % 6 === 0 ? 1 : 0,
    ].join(","),
  );
  writeFileSync(join(dir, name), `${[header, ...rows].join("\n")}\n`);
  return name;
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
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
    env: {},
  };
  const code = await runCli(["drift", ...args], io);
  return { code, out, err };
}

describe("churn drift", () => {
  const reference = writeCsv("reference.csv", 0);
  const current = writeCsv("current.csv", 4);

  it("prints one line per tested column and the dataset verdict", async () => {
    const { code, out } = await run(["--reference", reference, "--current", current]);

    expect(code).toBe(0);
    expect(out).toMatch(/^call_failure\s+numerical\s+K-S p_value\s+\S+\s+<= 0.05\s+DRIFT/m);
    expect(out).toMatch(/^complains\s+categorical\s+Z-test p_value\s+1\s+< 0.05\s+-/m);
    expect(out).toContain("Drift in 2 of 12 columns (share 0.167, threshold 0.5");
    expect(out).toContain("Not in both files, not tested: churn_prediction.");
  });

  it("prints the drift section as JSON that the report schema accepts", async () => {
    const { code, out } = await run(["--reference", reference, "--current", current, "--json"]);

    const report = v.parse(DriftReportSchema, JSON.parse(out));
    expect(code).toBe(0);
    expect(report.driftedColumns).toEqual(["call_failure", "seconds_of_use"]);
  });

  it.each([
    [["--current", "current.csv"], "name the reference file with --reference."],
    [
      ["--reference", "reference.csv", "--current", "current.csv", "--drift-share", "2"],
      "--drift-share",
    ],
  ])("exits 2 with the reason for %j", async (args, reason) => {
    const { code, err } = await run(args);

    expect(code).toBe(2);
    expect(err).toContain(reason);
  });

  it("exits 1 when a file is rejected", async () => {
    writeFileSync(join(dir, "empty.csv"), "");

    const { code, err } = await run(["--reference", reference, "--current", "empty.csv"]);

    expect(code).toBe(1);
    expect(err).toContain("empty.csv rejected");
  });
});
