import { describe, expect, it } from "vitest";
import { ChurnError, isChurnError } from "./index.ts";

describe("ChurnError", () => {
  it("keeps its code, context and cause", () => {
    const cause = new Error("disk full");

    const error = new ChurnError("store.write_failed", "Could not write reports/r1.json.", {
      context: { key: "reports/r1.json" },
      cause,
    });

    expect(error.code).toBe("store.write_failed");
    expect(error.context).toEqual({ key: "reports/r1.json" });
    expect(error.cause).toBe(cause);
    expect(error.toJSON()).toEqual({
      name: "ChurnError",
      code: "store.write_failed",
      message: "Could not write reports/r1.json.",
      context: { key: "reports/r1.json" },
    });
  });

  it.each([
    [new ChurnError("a.b", "x"), undefined, true],
    [new ChurnError("a.b", "x"), "a.b", true],
    [new ChurnError("a.b", "x"), "a.c", false],
    [new Error("x"), undefined, false],
  ])("recognises %o with code %s as %s", (error, code, expected) => {
    expect(isChurnError(error, code)).toBe(expected);
  });
});
