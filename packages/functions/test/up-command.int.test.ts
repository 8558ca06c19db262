import { mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateChurnFile } from "@churn/data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type UpIo, upCommand } from "../src/cli/commands/up.ts";

/** The first line `churn up` prints for each run that ends. */
const SUMMARY = /^(?<file>\S+): (?<status>processed|rejected|failed) \(run (?<runId>[\w-]+), /;

/** How long one wait may take before the test fails with what was printed so far. */
const WAIT_MS = 45_000;

describe("churn up", () => {
  let dir: string;
  let home: string;
  const out: string[] = [];
  const err: string[] = [];
  const controller = new AbortController();
  let running: Promise<number>;

  /** Every run summary printed so far, by file name. */
  const summaries = () =>
    new Map(
      out.flatMap((text) => {
        const groups = SUMMARY.exec(text)?.groups;
        if (groups === undefined) return [];
        const { file = "", status = "", runId = "" } = groups;
        return [[file, { text, status, runId }] as const];
      }),
    );

  async function waitForSummaries(files: readonly string[]) {
    const startedMs = Date.now();
    while (Date.now() - startedMs < WAIT_MS) {
      const printed = summaries();
      if (files.every((file) => printed.has(file))) return printed;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`No summary of ${files.join(", ")} within ${WAIT_MS} ms:\n${out.join("\n")}`);
  }

  /** Drops a file whole, as an upload would: written beside the folder, then renamed in. */
  async function drop(name: string, text: string) {
    const staged = path.join(dir, name);
    await writeFile(staged, text);
    await rename(staged, path.join(home, "bucket", "data", "input", name));
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "churn-up-"));
    home = path.join(dir, "home");
    const io: UpIo = {
      stdout: (text) => out.push(text),
      stderr: (text) => err.push(text),
      cwd: dir,
      env: { CHURN_HOME: home },
      signal: controller.signal,
    };
    running = upCommand.run(["--no-site"], io);
  });
  afterAll(async () => {
    controller.abort();
    await running.catch(() => {});
    await rm(dir, { recursive: true, force: true });
  });

  it("runs the demo drops and prints a summary of each, with the drifted file's alert", async () => {
    const printed = await waitForSummaries([
      "customer_churn_stable_1.csv",
      "customer_churn_stable_2.csv",
      "customer_churn_stable_3.csv",
      "customer_churn_drifted.csv",
      "customer_churn_degraded.csv",
      "customer_churn_unlabelled.csv",
    ]);

    const demo = await readdir(path.join(home, "demo"));
    expect(demo.filter((file) => file !== "customer_churn_training.csv")).toHaveLength(6);
    expect(out.join("\n")).toContain("The churn platform is up.");
    expect(out.join("\n")).toContain("Dropped 6 demo files into data/input/; their runs follow.");
    expect([...printed.values()].map((summary) => summary.status)).toEqual(
      Array(6).fill("processed"),
    );
    const drifted = printed.get("customer_churn_drifted.csv")?.text ?? "";
    expect(drifted).toContain("  rows: 1050 read, 1050 scored, 0 set aside; model version v1");
    expect(drifted).toMatch(/\n {2}drift share \d\.\d{3}: \w+/);
    expect(drifted).toContain("  alert sent: Customer Data Drift Alert: ");
  });

  it("keeps each alert as an .eml in the outbox and echoes it on standard error", async () => {
    const outbox = path.join(home, "outbox");

    const mails = await Promise.all(
      (await readdir(outbox))
        .filter((file) => file.endsWith(".eml"))
        .map((file) => readFile(path.join(outbox, file), "utf8")),
    );

    const driftMail = mails.find((mail) => mail.includes("Subject: Customer Data Drift Alert"));
    expect(driftMail).toContain("File: customer_churn_drifted.csv\r\n");
    expect(driftMail).toContain("Model version: v1 (alias staging)\r\n");
    const echo = err.find((text) => text.includes("Alert: Customer Data Drift Alert"));
    expect(echo).toContain("WARN");
    expect(echo).toContain("\n  File: customer_churn_drifted.csv\n");
  });

  it("files a malformed drop under errored/ with its log, then runs the next drop", async () => {
    const broken = "not,a,churn,file\n1,2,3,4\n";
    await drop("broken.csv", broken);
    const rejected = (await waitForSummaries(["broken.csv"])).get("broken.csv");
    await drop("late.csv", generateChurnFile("stable", { seed: 5, rowCount: 300 }));

    const late = (await waitForSummaries(["late.csv"])).get("late.csv");

    expect(rejected?.status).toBe("rejected");
    expect(rejected?.text).toMatch(/\n {2}reason: .*broken\.csv/);
    const runId = rejected?.runId ?? "";
    const errored = path.join(home, "bucket", "data", "errored", runId, "broken.csv");
    expect(await readFile(errored, "utf8")).toBe(broken);
    const log = await readFile(path.join(home, "bucket", "data", "logs", `${runId}.log`), "utf8");
    expect(log).toContain(`data/errored/${runId}/broken.csv`);
    expect(late?.status).toBe("processed");
  });

  it("stops cleanly when its signal aborts", async () => {
    controller.abort();

    const code = await running;

    expect(code).toBe(0);
    expect(out.at(-1)).toBe("Stopping…");
    expect(await stat(path.join(home, "up.json")).catch(() => undefined)).toBeUndefined();
    expect(err.filter((text) => / ERROR /.test(text))).toEqual([]);
  });
});
