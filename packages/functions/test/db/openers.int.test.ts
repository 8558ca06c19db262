import { isChurnError } from "@churn/core";
import { createMetricsStore } from "@churn/core/db";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/adapters/database.ts";
import { openTestDatabase } from "../support/databases.ts";

describe("database openers", () => {
  it("throws db.unavailable when nothing listens at the URL", async () => {
    const error = await openDatabase("postgres://postgres@127.0.0.1:1/none").catch(
      (caught: unknown) => caught,
    );

    expect(isChurnError(error, "db.unavailable")).toBe(true);
  });

  it("turns a query on a closed connection into db.unavailable", async () => {
    const opened = await openTestDatabase("postgres");
    const store = createMetricsStore(opened.db);
    await opened.close();

    const error = await store.listRuns().catch((caught: unknown) => caught);

    expect(isChurnError(error, "db.unavailable")).toBe(true);
  });

  it("opens an in-memory embedded database, migrated and empty", async () => {
    const opened = await openDatabase("memory://");

    const page = await createMetricsStore(opened.db).listRuns();
    await opened.close();

    expect(page.totalCount).toBe(0);
  });
});
