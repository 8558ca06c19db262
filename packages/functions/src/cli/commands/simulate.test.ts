import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CommandIo } from "../command.ts";
import { parseInterval, simulateCommand } from "./simulate.ts";

describe("parseInterval", () => {
  it.each([
    ["30s", 30_000],
    ["500ms", 500],
    ["2m", 120_000],
    ["1.5", 1500],
    ["0", 0],
    ["soon", undefined],
    ["-1s", undefined],
  ])("reads %s as %s ms", (text, expected) => {
    expect(parseInterval(text)).toBe(expected);
  });
});

describe("simulateCommand", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "churn-simulate-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs in the temporary folder with its own home; everything printed goes to `printed`. */
  const homeIo = (printed: string[]): CommandIo => ({
    stdout: (text) => printed.push(text),
    stderr: (text) => printed.push(text),
    cwd: dir,
    env: { CHURN_HOME: path.join(dir, "home") },
  });

  it("drops each file into the local bucket's input folder with progress", async () => {
    await writeFile(path.join(dir, "a.csv"), "x\n1\n");
    await writeFile(path.join(dir, "b.csv"), "x\n2\n");
    const printed: string[] = [];
    const io = homeIo(printed);

    const code = await simulateCommand.run(["a.csv", "b.csv", "--interval", "0"], io);

    const input = path.join(dir, "home", "bucket", "data", "input");
    expect(code).toBe(0);
    expect((await readdir(input)).sort()).toEqual(["a.csv", "b.csv"]);
    expect(await readFile(path.join(input, "b.csv"), "utf8")).toBe("x\n2\n");
    expect(printed[0]).toMatch(/^\[1\/2\] dropped a\.csv into .*data\/input\/a\.csv; next in 0 s$/);
    expect(printed[1]).toMatch(/^\[2\/2\] dropped b\.csv/);
  });

  it("drops under a numbered name when a file of that name waits unclaimed", async () => {
    const input = path.join(dir, "home", "bucket", "data", "input");
    await mkdir(input, { recursive: true });
    await writeFile(path.join(input, "a.csv"), "x\nwaiting\n");
    await writeFile(path.join(dir, "a.csv"), "x\nnew\n");
    const printed: string[] = [];
    const io = homeIo(printed);

    const code = await simulateCommand.run(["a.csv", "--interval", "0"], io);

    expect(code).toBe(0);
    expect(await readFile(path.join(input, "a.csv"), "utf8")).toBe("x\nwaiting\n");
    expect(await readFile(path.join(input, "a-2.csv"), "utf8")).toBe("x\nnew\n");
    expect(printed).toEqual([
      expect.stringMatching(
        /^\[1\/1\] dropped a\.csv into .*data\/input\/a-2\.csv \(a\.csv still waits there unclaimed\)$/,
      ),
    ]);
  });

  it("refuses --stage without a bucket", async () => {
    const printed: string[] = [];
    const io: CommandIo = {
      stdout: () => {},
      stderr: (text) => printed.push(text),
      cwd: dir,
      env: {},
    };

    expect(await simulateCommand.run(["--stage"], io)).toBe(2);
    expect(printed[0]).toContain("--stage needs a bucket name");
  });
});
