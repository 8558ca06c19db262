import { describe, expect, it } from "vitest";
import {
  DEFAULT_SERVING,
  deploymentParameterName,
  endpointNameFor,
  isPromotionResourceName,
  parseServingConfig,
  productionVariant,
  promotionResourceName,
  sagemakerName,
  xgboostImageUri,
  xgboostRepositoryArn,
} from "./serving.ts";

describe("xgboostImageUri", () => {
  it.each([
    ["us-east-1", "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"],
    ["eu-west-1", "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1"],
    ["ap-northeast-1", "354813040037.dkr.ecr.ap-northeast-1.amazonaws.com/sagemaker-xgboost:1.7-1"],
  ])("returns the 1.7-1 image of %s", (region, uri) => {
    expect(xgboostImageUri(region)).toBe(uri);
  });

  it("returns the repository ARN in the publishing account", () => {
    expect(xgboostRepositoryArn("eu-central-1")).toBe(
      "arn:aws:ecr:eu-central-1:492215442770:repository/sagemaker-xgboost",
    );
  });

  it("throws deploy.unsupported_region for a region it does not list", () => {
    expect(() => xgboostImageUri("mars-north-1")).toThrow(
      expect.objectContaining({ code: "deploy.unsupported_region" }),
    );
  });
});

describe("parseServingConfig", () => {
  it("returns serverless with 2 GB and 5 concurrent invocations when nothing is set", () => {
    expect(parseServingConfig({})).toEqual(DEFAULT_SERVING);
  });

  it("returns a provisioned configuration when asked", () => {
    const serving = parseServingConfig({
      CHURN_SERVING: "provisioned",
      CHURN_INSTANCE_TYPE: "ml.c5.large",
      CHURN_INSTANCE_COUNT: "2",
    });

    expect(serving).toEqual({ kind: "provisioned", instanceType: "ml.c5.large", instanceCount: 2 });
  });

  it.each([
    [{ CHURN_SERVING: "spot" }],
    [{ CHURN_SERVERLESS_MEMORY_MB: "1500" }],
    [{ CHURN_SERVERLESS_MEMORY_MB: "8192" }],
    [{ CHURN_SERVERLESS_MAX_CONCURRENCY: "0" }],
    [{ CHURN_SERVING: "provisioned", CHURN_INSTANCE_COUNT: "two" }],
  ])("throws deploy.bad_serving for %j", (env) => {
    expect(() => parseServingConfig(env)).toThrow(
      expect.objectContaining({ code: "deploy.bad_serving" }),
    );
  });
});

describe("productionVariant", () => {
  it("returns SageMaker's serverless shape", () => {
    expect(productionVariant("m", DEFAULT_SERVING)).toEqual({
      VariantName: "primary",
      ModelName: "m",
      ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 },
    });
  });
});

describe("sagemakerName", () => {
  it.each([
    [["churn", "dev", "scoring"], "churn-dev-scoring"],
    [["churn", "feature/x_y", "v3"], "churn-feature-x-y-v3"],
    [["-churn-", "", "v3"], "churn-v3"],
  ])("joins %j into %s", (parts, name) => {
    expect(sagemakerName(...parts)).toBe(name);
  });

  it("keeps long names within 63 characters and tells them apart", () => {
    const long = "a".repeat(80);

    const first = sagemakerName("churn", long, "v1");
    const second = sagemakerName("churn", long, "v2");

    expect(first.length).toBeLessThanOrEqual(63);
    expect(first).toMatch(/^[A-Za-z0-9](-*[A-Za-z0-9])*$/);
    expect(first).not.toBe(second);
  });

  it("names one scoring endpoint and one deployment parameter per stage", () => {
    expect(endpointNameFor("churn", "production")).toBe("churn-production-scoring");
    expect(deploymentParameterName("churn", "dev")).toBe("/churn/dev/deployment");
  });
});

describe("promotionResourceName", () => {
  it("stamps the version with the time of promotion in base 36", () => {
    const name = promotionResourceName("churn", "dev", "v3", new Date("2026-11-30T09:15:00.000Z"));

    expect(name).toBe("churn-dev-v3-mx31y6g0");
  });
});

describe("isPromotionResourceName", () => {
  const dev = { app: "churn", stage: "dev", now: new Date("2026-12-03T20:00:00.000Z") };

  it.each([
    ["a promotion of v3 on dev", "churn-dev-v3-mx31y6g0", true],
    ["a promotion made at the moment of removal", "churn-dev-v12-mx7zb7k0", true],
    ["the stack's own model, named without a timestamp", "churn-dev-v3", false],
    ["the stage's endpoint", "churn-dev-scoring", false],
    ["a promotion on stage dev-2", "churn-dev-2-v3-mx31y6g0", false],
    ["a promotion on stage dev-v1", "churn-dev-v1-v3-mx31y6g0", false],
    // Stage dev-v1's stack model of v1234567 ends like a stamp, one that decodes to 2047.
    ["a stack model of stage dev-v1", "churn-dev-v1-v1234567", false],
    // Stage dev-v1's stack model of v3: "v3" decodes to 1.119 s after 1970.
    ["a stack model of stage dev-v1 of a small version", "churn-dev-v1-v3", false],
    ["a stamp later than now", "churn-dev-v3-mx87vuo0", false],
    ["a stamp before 2020", "churn-dev-v3-jwcr2800", false],
    ["a stamp with a leading zero", "churn-dev-v3-0mx31y6g0", false],
    ["a version with a leading zero", "churn-dev-v03-mx31y6g0", false],
    ["another app's promotion", "other-dev-v3-mx31y6g0", false],
    ["a configuration SST named", "ScoringConfiguration-4f2a9c1", false],
  ])("decides for %s (%s)", (_, name, expected) => {
    expect(isPromotionResourceName(name, dev)).toBe(expected);
  });

  it("never recognises a name shortened with a hash", () => {
    const stage = "a".repeat(50);
    const name = promotionResourceName("churn", stage, "v3", new Date("2026-11-30T09:15:00.000Z"));

    expect(isPromotionResourceName(name, { ...dev, stage })).toBe(false);
  });
});
