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

describe("the churn schema", () => {
  it("knows 14 columns, 11 of them features, in the model's order", () => {
    const features = COLUMNS.filter((spec) => spec.role === "feature").map((spec) => spec.name);

    expect(COLUMNS).toHaveLength(14);
    expect([...features].sort()).toEqual([...FEATURE_NAMES].sort());
    expect(columnSpec(TARGET_NAME)?.role).toBe("target");
  });

  it.each([
    ["complains", "categorical"],
    ["age_group", "categorical"],
    ["status", "categorical"],
    ["churn", "categorical"],
    ["customer_value", "numerical"],
    ["charge_amount", "numerical"],
  ])("fixes the kind of %s as %s", (name, kind) => {
    expect(columnSpec(name)?.kind).toBe(kind);
  });
});
