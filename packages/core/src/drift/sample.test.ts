import { describe, expect, it } from "vitest";
import { sturgesEdges } from "./binning.ts";
import { alignSamples, countUnion, mergeSamples, summariseColumn } from "./sample.ts";

describe("summariseColumn", () => {
  it("returns distinct values with counts and counts NaN and ±∞ apart", () => {
    const raw = [3, Number.NaN, 1, 3, Number.POSITIVE_INFINITY, -0, 0, Number.NEGATIVE_INFINITY];

    const summary = summariseColumn(raw);

    expect(Array.from(summary.sample.values)).toEqual([0, 1, 3]);
    expect(Array.from(summary.sample.counts)).toEqual([2, 1, 2]);
    expect(summary.sample.count).toBe(5);
    expect([summary.missingCount, summary.infiniteCount]).toEqual([1, 2]);
  });

  it("returns the same sample whether the column is counted or sorted", () => {
    const few = Array.from({ length: 5000 }, (_, row) => (row * 7919) % 200);
    const many = Array.from({ length: 5000 }, (_, row) => (row * 7919) % 300);

    const counted = summariseColumn(few).sample;
    const sorted = summariseColumn(many).sample;

    expect(counted.values.length).toBe(200);
    expect(sorted.values.length).toBe(300);
    expect(Array.from(counted.values)).toEqual(Array.from(sorted.values).filter((v) => v < 200));
    expect(Array.from(counted.counts)).toEqual(Array.from({ length: 200 }, () => 25));
  });
});

describe("mergeSamples", () => {
  it("returns running counts of both samples over the union of values", () => {
    const reference = summariseColumn([1, 2, 2, 5]).sample;
    const current = summariseColumn([2, 3, 5, 5, 5]).sample;

    const merged = mergeSamples(reference, current);
    const aligned = alignSamples(reference, current);

    expect(Array.from(merged.values)).toEqual([1, 2, 3, 5]);
    expect(Array.from(merged.referenceCumulative)).toEqual([1, 3, 3, 4]);
    expect(Array.from(merged.currentCumulative)).toEqual([0, 1, 2, 5]);
    expect(Array.from(aligned.currentCounts)).toEqual([0, 1, 1, 3]);
    expect(countUnion(reference, current)).toBe(4);
  });
});

describe("sturgesEdges", () => {
  it.each([
    [0, 10, 100, 9, 0, 10],
    [5, 5, 40, 2, 4.5, 5.5],
  ])(
    "lays out numpy's edges for min %d, max %d and %d values",
    (min, max, size, edgeCount, first, last) => {
      const edges = sturgesEdges(min, max, size);

      expect(edges.length).toBe(edgeCount);
      expect([edges[0], edges.at(-1)]).toEqual([first, last]);
    },
  );
});
