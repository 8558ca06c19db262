import { describe, expect, it } from "vitest";
import { createRandom } from "../trainer/index.ts";
import { explicitSplit, ORIGINAL_HOLDOUT_ROWS, stratifiedSplit } from "./split.ts";

describe("stratifiedSplit", () => {
  it("holds out 20 % of each class, the same rows for the same seed", () => {
    const labels = Array.from({ length: 1000 }, (_, row) => (row % 6 === 0 ? 1 : 0));

    const first = stratifiedSplit(labels, 0.2, createRandom(1));
    const second = stratifiedSplit(labels, 0.2, createRandom(1));

    const positives = first.holdoutRows.filter((row) => labels[row] === 1).length;
    expect(positives).toBe(Math.round(0.2 * 167));
    expect(first.holdoutRows).toHaveLength(Math.round(0.2 * 167) + Math.round(0.2 * 833));
    expect(first.trainRows.length + first.holdoutRows.length).toBe(1000);
    expect(second).toEqual(first);
  });
});

describe("explicitSplit", () => {
  it("returns the original platform's 840/210 split of its 1,050 rows", () => {
    const split = explicitSplit(1050, ORIGINAL_HOLDOUT_ROWS);

    expect(split.holdoutRows).toHaveLength(210);
    expect(split.trainRows).toHaveLength(840);
    expect(split.holdoutRows.slice(0, 4)).toEqual([2, 3, 10, 12]);
  });

  it.each([
    [[5, 5], "listed twice"],
    [[10], "outside"],
    [[-1], "outside"],
  ])("throws training.bad_holdout for %j", (rows, message) => {
    expect(() => explicitSplit(10, rows)).toThrow(message);
  });
});
