import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FIXTURES_URL } from "../../test/drift-fixtures.ts";
import { createMemoryObjectStore } from "../../test/memory-object-store.ts";
import { runKeys } from "./run-keys.ts";
import { DEFAULT_PIPELINE_SETTINGS, type PipelineSettings } from "./step-dependencies.ts";
import type { RunInfo } from "./step-io.ts";
import { validateFile } from "./validate-file.ts";

const run: RunInfo = {
  runId: "bad-rows-0123456789abcdef",
  fileName: "bad-rows.csv",
  inputKey: "data/input/bad-rows.csv",
  etag: "etag",
  modelVersion: "v1",
  modelAlias: "staging",
  startedAt: "2026-01-02T03:04:05.000Z",
  durationMs: 1,
};

/** 100 data rows of the small drift reference, the first `badRowCount` with a text call_failure. */
function fileWithBadRows(badRowCount: number): string {
  const lines = readFileSync(new URL("drift-small-reference.csv", FIXTURES_URL), "utf8")
    .trimEnd()
    .split("\n")
    .slice(0, 101);
  const rows = lines
    .slice(1)
    .map((line, row) => (row < badRowCount ? line.replace(/^[^,]*/, "many") : line));
  return `${[lines[0], ...rows].join("\n")}\n`;
}

async function validate(badRowCount: number, settings: PipelineSettings) {
  const store = createMemoryObjectStore();
  await store.write(runKeys(run.runId, run.fileName).processing, fileWithBadRows(badRowCount));
  const clock = { now: () => new Date("2026-01-02T03:04:06Z") };

  return validateFile({ run }, { store, clock, settings });
}

describe("validateFile", () => {
  it.each([
    [20, 0.25, true],
    [20, 0.2, true],
    [20, 0.19, false],
    [0, 0, true],
    [1, 0, false],
  ])(
    "with %d of 100 rows bad and maxBadRowShare %s returns isValid %s",
    async (bad, share, isValid) => {
      const summary = await validate(bad, { ...DEFAULT_PIPELINE_SETTINGS, maxBadRowShare: share });

      expect(summary.isValid).toBe(isValid);
      expect(summary.badRowCount).toBe(bad);
    },
  );

  it("names the share allowed when it rejects a file for its bad rows", async () => {
    const summary = await validate(20, { ...DEFAULT_PIPELINE_SETTINGS, maxBadRowShare: 0.15 });

    expect(summary.code).toBe("csv.too_many_bad_rows");
    expect(summary.message).toContain("15% allowed");
  });

  it.each([
    [10, true],
    [11, false],
  ])(
    "applies the reader's 0.1 when the settings set no share (%d bad rows)",
    async (bad, isValid) => {
      const { maxBadRowShare: _unset, ...settings } = DEFAULT_PIPELINE_SETTINGS;

      const summary = await validate(bad, settings);

      expect(summary.isValid).toBe(isValid);
    },
  );
});
