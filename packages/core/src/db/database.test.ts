import { describe, expect, it } from "vitest";
import { ChurnError, isChurnError } from "../errors/index.ts";
import { isDatabaseUnavailable, withStoreContext } from "./database.ts";

function driverError(code: string): Error {
  return Object.assign(new Error(`driver said ${code}`), { code });
}

describe("isDatabaseUnavailable", () => {
  it.each([
    ["ECONNREFUSED", true],
    ["CONNECTION_ENDED", true],
    ["08006", true],
    ["57P03", true],
    ["23505", false],
    ["42P01", false],
  ])("returns for driver code %s: %s", (code, expected) => {
    expect(isDatabaseUnavailable(driverError(code))).toBe(expected);
  });

  it("finds the code under Drizzle's wrapping error", () => {
    const wrapped = new Error("Failed query: select 1", { cause: driverError("ECONNRESET") });

    expect(isDatabaseUnavailable(wrapped)).toBe(true);
  });
});

describe("withStoreContext", () => {
  it("throws db.unavailable with the root message when the database is unreachable", async () => {
    const wrapped = new Error("Failed query", { cause: driverError("ECONNREFUSED") });

    const error = await withStoreContext("list runs", {}, async () => {
      throw wrapped;
    }).catch((caught: unknown) => caught);

    expect(isChurnError(error, "db.unavailable")).toBe(true);
    expect((error as ChurnError).message).toContain("driver said ECONNREFUSED");
    expect((error as ChurnError).context).toMatchObject({ driverCode: "ECONNREFUSED" });
  });

  it("throws db.query_failed for a query the database refused, and keeps ChurnErrors", async () => {
    const own = new ChurnError("db.run_not_found", "Run r1 is not in the metrics store.");

    const refused = await withStoreContext("start a run", { runId: "r1" }, async () => {
      throw driverError("23505");
    }).catch((caught: unknown) => caught);
    const kept = await withStoreContext("finish a run", {}, async () => {
      throw own;
    }).catch((caught: unknown) => caught);

    expect(isChurnError(refused, "db.query_failed")).toBe(true);
    expect((refused as ChurnError).context).toMatchObject({ runId: "r1" });
    expect(kept).toBe(own);
  });

  it("names the fix when another client replaced this one's unnamed statement", async () => {
    const error = await withStoreContext("list runs", {}, async () => {
      throw driverError("26000");
    }).catch((caught: unknown) => caught);

    expect((error as ChurnError).message).toContain("withNamedStatements");
  });
});
