import { describe, expect, it } from "vitest";
import { COLUMNS, canonicalColumnName, columnSpec, FEATURE_NAMES, TARGET_NAME } from "./index.ts";

describe("canonicalColumnName", () => {
  it.each([
    ["Call  Failure", "call_failure"],
    ["  Subscription   Length ", "subscription_length"],
    ["FREQUENCY OF SMS", "frequency_of_sms"],
    ["Customer\tValue", "customer_value"],
    ["Churn", "churn"],
  ])("turns %j into %j", (header, expected) => {
    expect(canonicalColumnName(header)).toBe(expected);
  });
});

const UNBOUNDED = Number.POSITIVE_INFINITY;
const COUNT = { min: 0, max: UNBOUNDED, isInteger: true };
const FLAG = { min: 0, max: 1, isInteger: true, values: [0, 1] };
const PLAN = { min: 1, max: 2, isInteger: true, values: [1, 2] };

describe("the churn schema", () => {
  it("lists the model's 11 features in the order the model reads them", () => {
    expect(FEATURE_NAMES).toEqual([
      "call_failure",
      "complains",
      "subscription_length",
      "charge_amount",
      "seconds_of_use",
      "frequency_of_use",
      "frequency_of_sms",
      "distinct_called_numbers",
      "age_group",
      "status",
      "customer_value",
    ]);
  });

  it("lists the features in the order of the feature columns of COLUMNS", () => {
    const features = COLUMNS.filter((spec) => spec.role === "feature").map((spec) => spec.name);

    expect(features).toEqual([...FEATURE_NAMES]);
  });

  // The original files' header, in its order, with the role, kind and domain fixed for each.
  it.each([
    ["Call  Failure", "call_failure", "feature", "numerical", COUNT],
    ["Complains", "complains", "feature", "categorical", FLAG],
    ["Subscription  Length", "subscription_length", "feature", "numerical", COUNT],
    ["Charge  Amount", "charge_amount", "feature", "numerical", COUNT],
    ["Seconds of Use", "seconds_of_use", "feature", "numerical", COUNT],
    ["Frequency of use", "frequency_of_use", "feature", "numerical", COUNT],
    ["Frequency of SMS", "frequency_of_sms", "feature", "numerical", COUNT],
    ["Distinct Called Numbers", "distinct_called_numbers", "feature", "numerical", COUNT],
    [
      "Age Group",
      "age_group",
      "feature",
      "categorical",
      { min: 1, max: 5, isInteger: true, values: [1, 2, 3, 4, 5] },
    ],
    ["Tariff Plan", "tariff_plan", "carried", "categorical", PLAN],
    ["Status", "status", "feature", "categorical", PLAN],
    ["Age", "age", "carried", "numerical", COUNT],
    ["Customer Value", "customer_value", "feature", "numerical", { ...COUNT, isInteger: false }],
    ["Churn", "churn", "target", "categorical", FLAG],
  ])("holds %j as %s, a %s %s column with its domain", (rawHeader, name, role, kind, domain) => {
    const position = COLUMNS.findIndex((spec) => spec.rawHeader === rawHeader);

    expect(COLUMNS[position]).toEqual({ name, rawHeader, role, kind, domain });
    expect(columnSpec(name)).toBe(COLUMNS[position]);
  });

  it("knows the 14 columns of the original files' header, in that order", () => {
    expect(COLUMNS.map((spec) => spec.rawHeader).join(",")).toBe(
      "Call  Failure,Complains,Subscription  Length,Charge  Amount,Seconds of Use," +
        "Frequency of use,Frequency of SMS,Distinct Called Numbers,Age Group,Tariff Plan,Status," +
        "Age,Customer Value,Churn",
    );
    expect(columnSpec(TARGET_NAME)?.role).toBe("target");
  });
});
