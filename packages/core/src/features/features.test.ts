import { describe, expect, it } from "vitest";
import { churnTableFromColumns } from "../csv/index.ts";
import { FEATURE_NAMES } from "../schema/index.ts";
import { toFeatureMatrix } from "./index.ts";

describe("toFeatureMatrix", () => {
  const table = churnTableFromColumns({
    b: Float64Array.of(10, 20, 30),
    a: Float64Array.of(0.1, Number.NaN, 3),
    note: ["x", "y", "z"],
  });

  it("writes rows one after another in the order of the feature names", () => {
    const matrix = toFeatureMatrix(table, ["a", "b"]);

    expect([...matrix]).toEqual([Math.fround(0.1), 10, Number.NaN, 20, 3, 30]);
  });

  it("rounds doubles to float32 and keeps NaN for missing values", () => {
    const matrix = toFeatureMatrix(table, ["a"]);

    expect(matrix[0]).toBe(Math.fround(0.1));
    expect(matrix[0]).not.toBe(0.1);
    expect(matrix[1]).toBeNaN();
  });

  it("throws features.missing_column for a column the table lacks or holds as text", () => {
    expect(() => toFeatureMatrix(table, ["note"])).toThrow(
      expect.objectContaining({ code: "features.missing_column" }),
    );
    expect(() => toFeatureMatrix(table)).toThrow(/call_failure/);
  });

  it("reads the model's eleven features by default", () => {
    const columns = Object.fromEntries(
      FEATURE_NAMES.map((name, index) => [name, Float64Array.of(index, index + 100)]),
    );

    const matrix = toFeatureMatrix(churnTableFromColumns(columns));

    expect(matrix).toHaveLength(22);
    expect(matrix[10]).toBe(10);
    expect(matrix[11]).toBe(100);
  });
});
