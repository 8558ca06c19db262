import { describe, expect, it } from "vitest";
import { profileByChurnClass } from "./profile.ts";

describe("profileByChurnClass", () => {
  const records = [
    ["complains", "call_failure", "churn", "churn_probability", "churn_prediction"],
    ["0", "0", "0", "0.1", "0"],
    ["0", "8", "0", "0.2", "0"],
    ["1", "16", "1", "0.9", "1"],
    ["1", "", "1", "0.8", "1"],
    ["0", "4", "", "0.3", "0"],
  ];

  it("counts each value of a categorical column per churn class", () => {
    const complains = profileByChurnClass(records).find(
      (column) => column.columnName === "complains",
    );

    expect(complains?.bins).toEqual([
      { label: "0", first: 2, second: 0 },
      { label: "1", first: 0, second: 2 },
    ]);
  });

  it("counts a numerical column in eight equal-width bins and skips missing cells", () => {
    const failures = profileByChurnClass(records).find(
      (column) => column.columnName === "call_failure",
    );

    expect(failures?.bins).toHaveLength(8);
    expect(failures?.bins[0]).toEqual({ label: "0", first: 1, second: 0 });
    expect(failures?.bins[4]).toEqual({ label: "8", first: 1, second: 0 });
    expect(failures?.bins[7]).toEqual({ label: "14", first: 0, second: 1 });
  });

  it("leaves out the label, probability and prediction columns", () => {
    const names = profileByChurnClass(records).map((column) => column.columnName);

    expect(names).toEqual(["complains", "call_failure"]);
  });

  it("returns nothing without a churn column", () => {
    expect(profileByChurnClass([["complains"], ["1"]])).toEqual([]);
  });
});
