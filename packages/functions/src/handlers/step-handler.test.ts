import { ChurnError } from "@churn/core";
import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { captureOutput, invocationOf } from "../../test/support/lambda-output.ts";
import { createStepHandler } from "./step-handler.ts";

const InputSchema = v.object({ run: v.object({ runId: v.string() }) });

beforeAll(() => {
  vi.stubEnv("CHURN_BUCKET", "churn-test-bucket");
  vi.stubEnv("DATABASE_URL", "postgres://postgres@127.0.0.1:9/none");
  vi.stubEnv("POWERTOOLS_LOG_LEVEL", "INFO");
  vi.stubEnv("AWS_LAMBDA_LOG_LEVEL", "");
  // The Lambda runtime sets this; without it Powertools never reports a cold start.
  vi.stubEnv("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
  // In dev mode Powertools writes through the global console rather than standard output.
  vi.stubEnv("POWERTOOLS_DEV", "");
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe("createStepHandler", () => {
  beforeAll(() => {
    vi.stubEnv("POWERTOOLS_LOG_LEVEL", "SILENT");
  });
  afterAll(() => {
    vi.stubEnv("POWERTOOLS_LOG_LEVEL", "INFO");
  });

  it("returns the step's output for a well-formed state", async () => {
    const handler = createStepHandler({
      name: "test-step",
      input: InputSchema,
      run: async (input) => ({ runId: input.run.runId, rowCount: 3 }),
    });

    await expect(handler({ run: { runId: "r1" }, extra: true })).resolves.toEqual({
      runId: "r1",
      rowCount: 3,
    });
  });

  it.each([
    [new ChurnError("db.unavailable", "The database is down."), "TransientError"],
    [new ChurnError("model.invalid", "The model is broken."), "RunStepError"],
  ])("throws %s as %s for the document's Retry", async (error, name) => {
    const handler = createStepHandler({
      name: "test-step",
      input: InputSchema,
      run: async () => {
        throw error;
      },
    });

    await expect(handler({ run: { runId: "r1" } })).rejects.toMatchObject({
      name,
      message: `${error.message} [${error.code}]`,
    });
  });

  it("fails without retry on a malformed state", async () => {
    const handler = createStepHandler({
      name: "test-step",
      input: InputSchema,
      run: async () => 1,
    });

    await expect(handler({ runId: "r1" })).rejects.toMatchObject({ name: "RunStepError" });
  });
});

describe("createStepHandler logs", () => {
  // A fresh module graph stands for a fresh container, whose first invocation is the cold one.
  async function freshContainer() {
    vi.resetModules();
    const { createStepHandler: create } = await import("./step-handler.ts");
    const core = await import("@churn/core");
    return { create, ChurnError: core.ChurnError };
  }

  it("writes one line when the step starts and one when it ends, without rows or texts", async () => {
    const { create } = await freshContainer();
    const handler = create({
      name: "validate-file",
      input: v.object({ run: v.object({ runId: v.string(), inputKey: v.string() }) }),
      run: async () => ({
        isValid: true,
        rowCount: 1050,
        keptRowCount: 1049,
        badRowCount: 1,
        message: "Row 7: tenure is 'cell-value-7'",
        rows: [["cell-value-8", "cell-value-9"]],
      }),
    });
    const event = {
      run: { runId: "stable-0123456789abcdef", inputKey: "data/input/stable.csv" },
      sample: ["cell-value-1"],
    };

    const lines = await captureOutput(() => handler(event, invocationOf("req-1")));

    expect(lines).toHaveLength(2);
    const [started, ended] = lines.map((line) => JSON.parse(line));
    const common = {
      level: "INFO",
      service: "churn-validate-file",
      runId: "stable-0123456789abcdef",
      key: "data/input/stable.csv",
      function_request_id: "req-1",
      function_name: "churn-validate-file",
      cold_start: true,
    };
    expect(started).toMatchObject({ ...common, message: "Step started" });
    expect(ended).toMatchObject({
      ...common,
      message: "Step ended",
      isValid: true,
      rowCount: 1050,
      keptRowCount: 1049,
      badRowCount: 1,
    });
    expect(ended.durationMs).toBeGreaterThanOrEqual(0);
    expect(lines.join("\n")).not.toContain("cell-value");
  });

  it("writes one line when the step fails, with the error and the next request's id", async () => {
    const { create, ChurnError: FreshError } = await freshContainer();
    const handler = create({
      name: "save-report",
      input: InputSchema,
      run: async (input) => {
        if (input.run.runId === "r2")
          throw new FreshError("db.unavailable", "The database is down.");
        return { rowCount: 1 };
      },
    });
    await captureOutput(() => handler({ run: { runId: "r1" } }, invocationOf("req-1")));

    const lines = await captureOutput(() =>
      handler({ run: { runId: "r2" } }, invocationOf("req-2")),
    );

    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ message: "Step started", runId: "r2", level: "INFO" }),
      expect.objectContaining({
        message: "Step failed",
        level: "ERROR",
        runId: "r2",
        error: "The database is down. [db.unavailable]",
        isTransient: true,
        durationMs: expect.any(Number),
        function_request_id: "req-2",
        cold_start: false,
      }),
    ]);
  });
});
