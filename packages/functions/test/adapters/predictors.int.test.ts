import { FEATURE_NAMES, isChurnError, type Predictor } from "@churn/core";
import { compileModel, readXgbModel } from "@churn/core/model";
import { afterEach, describe, expect, it } from "vitest";
import { createLocalPredictor } from "../../src/adapters/local-predictor.ts";
import type { RetryPolicy } from "../../src/adapters/retry.ts";
import { createSageMakerPredictor } from "../../src/adapters/sagemaker-predictor.ts";
import {
  type FakeEndpoint,
  type ScriptedError,
  startFakeEndpoint,
} from "../support/sagemaker-server.ts";
import { sampleFeatures, smallModelJson } from "../support/xgb-test-model.ts";

const featureCount = FEATURE_NAMES.length;
const modelJson = smallModelJson();
const localPredictor = createLocalPredictor({ readModelJson: async () => modelJson });

function recordingPolicy(delays: number[]): RetryPolicy {
  return {
    maxAttempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    random: () => 0.5,
    sleep: async (delayMs) => {
      delays.push(delayMs);
    },
  };
}

/** Probabilities of the first `rowCount` sample rows. */
function score(predictor: Predictor, rowCount: number, modelVersion = "v1") {
  const features = sampleFeatures(rowCount);
  return predictor.predict({ modelVersion, features, rowCount, featureCount });
}

function predictLocally(rowCount: number) {
  return score(localPredictor, rowCount);
}

describe("createLocalPredictor", () => {
  it("returns the sigmoid of the two trees' leaf sums for each row", async () => {
    const rowCount = 40;
    const features = sampleFeatures(rowCount);

    const probabilities = await predictLocally(rowCount);

    // Expected values from the closed form: leaves of the model in xgb-test-model.ts, base
    // margin 0, logistic link; six decimals cover float32 rounding of the margin and sigmoid.
    for (let row = 0; row < rowCount; row += 1) {
      const complains = features[row * featureCount + 1]!;
      const seconds = features[row * featureCount + 4]!;
      const margin =
        (Number.isNaN(complains) || complains < 0.5 ? -0.4 : 0.6) +
        (!Number.isNaN(seconds) && seconds < 1000 ? 0.25 : -0.75);
      expect(probabilities[row]).toBeCloseTo(1 / (1 + Math.exp(-margin)), 6);
    }
  });

  it("throws predictor.bad_input when rows carry another number of features", async () => {
    const error = await localPredictor
      .predict({ modelVersion: "v1", features: new Float32Array(10), rowCount: 2, featureCount: 5 })
      .catch((caught: unknown) => caught);

    expect(isChurnError(error, "predictor.bad_input")).toBe(true);
  });
});

describe("createSageMakerPredictor against a local InvokeEndpoint server", () => {
  let endpoint: FakeEndpoint | undefined;
  afterEach(async () => {
    await endpoint?.close();
    endpoint = undefined;
  });

  async function open(responseDelayMs = 0) {
    endpoint = await startFakeEndpoint(compileModel(readXgbModel(modelJson)), { responseDelayMs });
    return endpoint;
  }

  it("returns the same probabilities as the local evaluator, in row order", async () => {
    const server = await open();
    const rowCount = 500;
    const predictor = createSageMakerPredictor({
      client: server.client,
      endpointName: "churn-staging",
    });

    const probabilities = await score(predictor, rowCount);

    expect(probabilities).toEqual(await predictLocally(rowCount));
    expect(server.requestPaths).toEqual(["/endpoints/churn-staging/invocations"]);
  });

  it("splits rows into batches under the payload limit, a bounded number in flight", async () => {
    const server = await open(15);
    const rowCount = 3000;
    const predictor = createSageMakerPredictor({
      client: server.client,
      endpointName: (modelVersion) => `churn-${modelVersion}`,
      maxPayloadBytes: 20_000,
      maxInFlight: 3,
    });

    const probabilities = await score(predictor, rowCount, "v7");

    expect(probabilities).toEqual(await predictLocally(rowCount));
    expect(server.answeredBodyBytes.length).toBeGreaterThan(5);
    expect(Math.max(...server.answeredBodyBytes)).toBeLessThanOrEqual(20_000);
    expect(server.peakInFlight()).toBe(3);
    expect(new Set(server.requestPaths)).toEqual(new Set(["/endpoints/churn-v7/invocations"]));
  });

  it("keeps every request under 5 MB by default", async () => {
    const server = await open();
    const rowCount = 60_000;
    const predictor = createSageMakerPredictor({ client: server.client, endpointName: "churn" });

    const probabilities = await score(predictor, rowCount);

    expect(probabilities).toEqual(await predictLocally(rowCount));
    expect(server.answeredBodyBytes.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...server.answeredBodyBytes)).toBeLessThan(5_000_000);
  });

  /** Scores `rowCount` rows after the server answers with `errors` first; delays recorded. */
  async function predictAfter(errors: ScriptedError[], rowCount: number) {
    const server = await open();
    server.scriptedErrors.push(...errors);
    const delays: number[] = [];
    const predictor = createSageMakerPredictor({
      client: server.client,
      endpointName: "churn",
      retry: recordingPolicy(delays),
    });
    const outcome = await score(predictor, rowCount).catch((caught: unknown) => caught);
    return { outcome, delays };
  }

  it.each([
    { status: 429, errorType: "ThrottlingException" },
    { status: 400, errorType: "ThrottlingException" },
    { status: 503, errorType: "ServiceUnavailable" },
    { status: 429, errorType: "ModelNotReadyException" },
  ])("retries with backoff after $errorType (HTTP $status), then succeeds", async (failure) => {
    const { outcome, delays } = await predictAfter([failure, failure], 10);

    expect(outcome).toEqual(await predictLocally(10));
    expect(delays).toEqual([50, 100]);
  });

  it("throws predictor.unavailable when throttling outlasts every attempt", async () => {
    const throttled = { status: 429, errorType: "ThrottlingException" };

    const { outcome, delays } = await predictAfter(Array(4).fill(throttled), 3);

    expect(isChurnError(outcome, "predictor.unavailable")).toBe(true);
    expect(delays).toHaveLength(3);
  });

  it("throws predictor.request_failed at once when the model rejects the request", async () => {
    const { outcome, delays } = await predictAfter([{ status: 424, errorType: "ModelError" }], 3);

    expect(isChurnError(outcome, "predictor.request_failed")).toBe(true);
    expect(delays).toEqual([]);
  });
});
