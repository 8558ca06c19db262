import { describe, expect, it } from "vitest";
import { ChurnError } from "../errors/index.ts";
import { isTransientError, readCaughtError, toStepError } from "./step-error.ts";

const named = (name: string) => Object.assign(new Error("x"), { name });

describe("isTransientError", () => {
  it.each([
    [named("TransientError"), true],
    [new ChurnError("db.unavailable", "down"), true],
    [new ChurnError("predictor.throttled", "slow down"), true],
    [new ChurnError("step.failed", "wrapped", { cause: named("ThrottlingException") }), true],
    [Object.assign(new Error("x"), { $metadata: { httpStatusCode: 503 } }), true],
    [Object.assign(new Error("x"), { $metadata: { httpStatusCode: 400 } }), false],
    [new ChurnError("db.query_failed", "bad sql"), false],
    [new Error("plain"), false],
    ["a string", false],
  ])("classifies %o as transient: %s", (error, expected) => {
    expect(isTransientError(error)).toBe(expected);
  });
});

describe("toStepError", () => {
  it("names a transient fault TransientError and keeps the code in the message", () => {
    const error = toStepError(new ChurnError("db.unavailable", "The database is down."));

    expect(error.name).toBe("TransientError");
    expect(error.message).toBe("The database is down. [db.unavailable]");
  });

  it("names any other fault RunStepError", () => {
    expect(toStepError(new ChurnError("model.not_found", "No model.")).name).toBe("RunStepError");
  });
});

describe("readCaughtError", () => {
  it("reads the local runner's plain cause", () => {
    expect(
      readCaughtError({ Error: "RunStepError", Cause: "No model. [model.not_found]" }),
    ).toEqual({
      reason: "No model. [model.not_found]",
      code: "model.not_found",
    });
  });

  it("reads the JSON cause Step Functions gives for a Lambda error", () => {
    const cause = JSON.stringify({
      errorType: "RunStepError",
      errorMessage: "Down. [db.unavailable]",
    });

    expect(readCaughtError({ Error: "RunStepError", Cause: cause })).toEqual({
      reason: "Down. [db.unavailable]",
      code: "db.unavailable",
    });
  });

  it("falls back on the error name when the cause has no code", () => {
    expect(readCaughtError({ Error: "States.Timeout", Cause: "too slow" })).toEqual({
      reason: "too slow",
      code: "States.Timeout",
    });
  });
});
