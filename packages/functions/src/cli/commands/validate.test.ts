import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CommandIo } from "../command.ts";
import { runCli } from "../main.ts";

const dir = mkdtempSync(join(tmpdir(), "churn-validate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const header =
  "Call  Failure,Complains,Subscription  Length,Charge  Amount,Seconds of Use,Frequency of use," +
  "Frequency of SMS,Distinct Called Numbers,Age Group,Tariff Plan,Status,Age,Customer Value,Churn";
const row = "8,0,38,0,4370,71,5,17,3,1,1,30,197.64,0";

function writeCsv(name: string, rows: readonly string[]): string {
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
  const code = await runCli(["validate", ...args], io);
  return { code, out, err };
}

describe("churn validate", () => {
  it("exits 0 and says valid for a good file", async () => {
    const file = writeCsv("good.csv", Array(60).fill(row));

    const { code, out } = await run([file]);

    expect(code).toBe(0);
    expect(out).toContain("good.csv: valid, 60 rows, 60 usable, 0 bad, with churn.");
  });

  it("exits 1 with the reason for a rejected file", async () => {
    const file = writeCsv("short.csv", Array(10).fill(row));

    const { code, out } = await run([file]);

    expect(code).toBe(1);
    expect(out).toContain("rejected (csv.too_few_rows)");
  });

  it("prints the verdict, summary and issues as JSON", async () => {
    const file = writeCsv("issues.csv", [...Array(59).fill(row), row.replace("8,0,", "8,5,")]);

    const { code, out } = await run([file, "--json"]);
    const printed = JSON.parse(out);

    expect(code).toBe(0);
    expect(printed.verdict).toEqual({ isValid: true });
    expect(printed.issues).toEqual([
      { rowNumber: 60, column: "complains", value: "5", kind: "outside_domain" },
    ]);
  });

  it("takes the row minimum as an option", async () => {
    const file = writeCsv("ten.csv", Array(10).fill(row));

    expect((await run([file, "--min-rows", "10"])).code).toBe(0);
  });

  it.each([
    [["missing.csv"], 1, "could not be read"],
    [[], 2, "name the CSV file"],
    [["a.csv", "--max-bad-share", "2"], 2, "between 0 and 1"],
    [["a.csv", "--bogus"], 2, "Unknown option"],
  ])("handles %j with exit %d and no stack trace", async (args, exitCode, text) => {
    const { code, out, err } = await run(args);

    expect(code).toBe(exitCode);
    expect(out + err).toContain(text);
    expect(out + err).not.toMatch(/\n\s+at /);
  });
});
