import { describe, expect, it } from "vitest";
import { pulumiProductionVariant } from "./model.ts";

describe("pulumiProductionVariant", () => {
  it("returns a serverless variant with memory and concurrency", () => {
    const variant = pulumiProductionVariant("churn-dev-v3", {
      kind: "serverless",
      memorySizeMb: 3072,
      maxConcurrency: 10,
    });

    expect(variant).toEqual({
      variantName: "primary",
      modelName: "churn-dev-v3",
      serverlessConfig: { memorySizeInMb: 3072, maxConcurrency: 10 },
    });
  });

  it("returns a provisioned variant with instance type and count", () => {
    const variant = pulumiProductionVariant("churn-dev-v3", {
      kind: "provisioned",
      instanceType: "ml.m5.large",
      instanceCount: 2,
    });

    expect(variant).toEqual({
      variantName: "primary",
      modelName: "churn-dev-v3",
      instanceType: "ml.m5.large",
      initialInstanceCount: 2,
    });
  });
});
