import { gunzipSync } from "node:zlib";
import { createModelRegistry, type ModelRegistry } from "@churn/core/registry";
import { generateChurnFile } from "@churn/data";
import { trainModel } from "@churn/training/pipeline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createS3ObjectStore } from "../../src/adapters/s3-object-store.ts";
import { type LocalS3, startLocalS3 } from "../support/s3rver.ts";

/**
 * The model registry as a deployed stage uses it: over the S3 adapter, here against s3rver, with
 * a model trained by the real trainer. The registry's rules are unit-tested on an in-memory
 * store; this checks that they hold over S3's listing, conditional writes and binary bodies.
 */
describe("the model registry on S3 (s3rver)", () => {
  let s3: LocalS3;
  let registry: ModelRegistry;
  const training = new TextEncoder().encode(
    generateChurnFile("training", { seed: 11, rowCount: 600 }),
  );
  const train = (promoteAlias?: string) =>
    trainModel({
      source: training,
      fileName: "training.csv",
      seed: 5,
      trialCount: 0,
      registry,
      ...(promoteAlias === undefined ? {} : { promoteAlias }),
    });

  beforeAll(async () => {
    s3 = await startLocalS3();
    registry = createModelRegistry(createS3ObjectStore(s3));
  });
  afterAll(async () => {
    await s3?.close();
  });

  it("registers versions in order, moves an alias only when asked and reads every file back", async () => {
    const first = await train("staging");
    const second = await train();

    expect([first.metadata.version, second.metadata.version]).toEqual(["v1", "v2"]);
    expect((await registry.list()).map((metadata) => metadata.version)).toEqual(["v1", "v2"]);
    expect((await registry.resolve("staging")).version).toBe("v1");
    await registry.setAlias("staging", "v2");
    expect((await registry.resolve("staging")).version).toBe("v2");
    expect((await registry.aliases()).map(({ alias, version }) => [alias, version])).toEqual([
      ["staging", "v2"],
    ]);
  });

  it("keeps the SageMaker archive's bytes and the model JSON intact", async () => {
    const store = createS3ObjectStore(s3);
    const keys = registry.keysOf("v1");

    const archive = await store.readBytes(keys.archive);
    const modelJson = await registry.readModelJson("v1");

    // A tar archive is 512-byte blocks; its first header names the one file, xgboost-model.
    const tar = gunzipSync(archive);
    expect(tar.length % 512).toBe(0);
    expect(new TextDecoder().decode(tar.subarray(0, 13))).toBe("xgboost-model");
    expect(modelJson.startsWith("{")).toBe(true);
    expect(JSON.parse(modelJson).learner.objective.name).toBe("binary:logistic");
    expect(await registry.readReferenceStatistics("v1")).toMatchObject({ rowCount: 120 });
  });

  it("refuses to move an alias to a version the bucket lacks", async () => {
    await expect(registry.setAlias("staging", "v9")).rejects.toMatchObject({
      code: "registry.not_found",
    });
    expect((await registry.resolve("staging")).version).toBe("v2");
  });
});
