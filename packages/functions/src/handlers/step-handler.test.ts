import { ChurnError } from "@churn/core";
import * as v from "valibot";
import { beforeAll, describe, expect, it } from "vitest";
import { createStepHandler } from "./step-handler.ts";

const InputSchema = v.object({ run: v.object({ runId: v.string() }) });

describe("createStepHandler", () => {
  beforeAll(() => {
    process.env.CHURN_BUCKET = "churn-test-bucket";
    process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:9/none";
    process.env.POWERTOOLS_LOG_LEVEL = "SILENT";
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
