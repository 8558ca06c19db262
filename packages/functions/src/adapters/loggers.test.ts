import { ChurnError } from "@churn/core";
import { describe, expect, it } from "vitest";
import { createConsoleLogger } from "./loggers.ts";

const clock = { now: () => new Date("2026-12-03T19:25:08.000Z") };

describe("createConsoleLogger", () => {
  it("writes one JSON object per line with time, level, message and fields", () => {
    const lines: string[] = [];
    const logger = createConsoleLogger({ clock, write: (line) => lines.push(line) });

    logger.info("Scored file", { runId: "r1", rowCount: 1050 });

    expect(lines.map((line) => JSON.parse(line))).toEqual([
      {
        time: "2026-12-03T19:25:08.000Z",
        level: "info",
        message: "Scored file",
        runId: "r1",
        rowCount: 1050,
      },
    ]);
  });

  it("writes errors as their code, message and context, never their stack", () => {
    const lines: string[] = [];
    const logger = createConsoleLogger({ clock, write: (line) => lines.push(line) });

    logger.error("Run failed", {
      error: new ChurnError("db.unavailable", "Database down.", { context: { runId: "r1" } }),
      other: new TypeError("bad"),
    });

    expect(JSON.parse(lines[0] ?? "")).toMatchObject({
      error: { name: "ChurnError", code: "db.unavailable", context: { runId: "r1" } },
      other: { name: "TypeError", message: "bad" },
    });
    expect(lines[0]).not.toContain("at ");
  });

  it.each([
    ["debug", 4],
    ["info", 3],
    ["warn", 2],
    ["error", 1],
  ] as const)("writes only levels from %s up", (level, expectedCount) => {
    const lines: string[] = [];
    const logger = createConsoleLogger({ clock, level, write: (line) => lines.push(line) });

    for (const name of ["debug", "info", "warn", "error"] as const) logger[name](name);

    expect(lines).toHaveLength(expectedCount);
  });

  it("writes a short line for people in the pretty format", () => {
    const lines: string[] = [];
    const logger = createConsoleLogger({
      clock,
      format: "pretty",
      write: (line) => lines.push(line),
    });

    logger.warn("Retrying", { attempt: 2, key: "data/input/a.csv", extra: { a: 1 } });

    expect(lines).toEqual(['19:25:08 WARN  Retrying attempt=2 key=data/input/a.csv extra={"a":1}']);
  });

  it("keeps the fields on the first line of a message of several lines", () => {
    const lines: string[] = [];
    const logger = createConsoleLogger({
      clock,
      format: "pretty",
      write: (line) => lines.push(line),
    });

    logger.warn("Alert: Drift\n  File: a.csv\n  - tenure: 0.2", { messageId: "<m1>" });

    expect(lines).toEqual([
      "19:25:08 WARN  Alert: Drift messageId=<m1>\n  File: a.csv\n  - tenure: 0.2",
    ]);
  });
});
