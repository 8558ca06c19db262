import { describe, expect, it } from "vitest";
import { isChurnError } from "../errors/index.ts";
import {
  columnKind,
  computeReferenceStatistics,
  parseReferenceStatistics,
} from "./reference-statistics.ts";

function codeOf(act: () => unknown): string | undefined {
  try {
    act();
  } catch (error) {
    return isChurnError(error) ? error.code : "not a ChurnError";
  }
  return undefined;
}

describe("computeReferenceStatistics", () => {
  it("keeps the schema's kinds, the prediction column as categorical, and overrides", () => {
    const column = Float64Array.from([1, 2, 2]);

    const statistics = computeReferenceStatistics(
      { call_failure: column, age_group: column, churn_prediction: column, extra: column },
      { extra: "numerical", call_failure: "categorical" },
    );

    expect(Object.values(statistics.columns).map((c) => c.kind)).toEqual([
      "categorical",
      "categorical",
      "categorical",
      "numerical",
    ]);
    expect(statistics.columns.call_failure).toMatchObject({ values: [1, 2], counts: [1, 2] });
  });

  it.each([
    ["drift.unknown_column_kind", () => computeReferenceStatistics({ extra: [1] })],
    ["drift.invalid_reference", () => computeReferenceStatistics({ churn: [1], status: [1, 2] })],
    ["drift.invalid_reference_statistics", () => parseReferenceStatistics({ schemaVersion: 9 })],
  ])("throws %s", (code, act) => {
    expect(codeOf(act)).toBe(code);
  });

  it("returns the stored statistics when they parse", () => {
    const statistics = computeReferenceStatistics({ status: [1, 2, 2, Number.NaN] });

    const parsed = parseReferenceStatistics(JSON.parse(JSON.stringify(statistics)));

    expect(parsed).toEqual(statistics);
    expect(columnKind("status")).toBe("categorical");
  });
});
