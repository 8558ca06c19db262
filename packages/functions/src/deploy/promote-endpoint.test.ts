import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  SageMakerClient,
  UpdateEndpointCommand,
} from "@aws-sdk/client-sagemaker";
import { type ObjectStore, silentLogger } from "@churn/core";
import { createModelRegistry, type RegisterModelInput } from "@churn/core/registry";
import { createMemoryObjectStore } from "@churn/training/test-support";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { fakeTime } from "./fake-time.ts";
import { promoteModelVersion } from "./promote-endpoint.ts";
import { SAMPLE_DEPLOYMENT as DEPLOYMENT } from "./sample-deployment.ts";
import { sagemakerName } from "./serving.ts";

const STARTED_AT = "2026-12-03T20:00:00.000Z";
/** The names promotion gives the model and configuration of v1 at STARTED_AT. */
const NEW_NAME = sagemakerName("churn", "dev", "v1", Date.parse(STARTED_AT).toString(36));
const MISSING_ENDPOINT = Object.assign(new Error('Could not find endpoint "churn-dev-scoring".'), {
  name: "ValidationException",
});

const sagemaker = mockClient(SageMakerClient);

/** A version as training registers it; only the archive's presence matters to SageMaker here. */
function versionInput(): RegisterModelInput {
  const evaluation = {
    metrics: {
      rowCount: 2,
      threshold: 0.5,
      accuracy: 1,
      precision: 1,
      recall: 1,
      f1: 1,
      rocAuc: 1,
      logLoss: 0.1,
      truePositiveRate: 1,
      trueNegativeRate: 1,
      falsePositiveRate: 0,
      falseNegativeRate: 0,
      confusionMatrix: { truePositive: 1, falsePositive: 0, trueNegative: 1, falseNegative: 0 },
      classBalance: { positiveCount: 1, negativeCount: 1 },
      rocCurve: [],
      precisionRecallCurve: [],
    },
    calibration: [],
  };
  return {
    modelJson: '{"learner":{}}',
    modelArchive: Uint8Array.of(31, 139, 8),
    referenceCsv: "a,churn\n1,0\n",
    referenceStatistics: { columns: {} },
    metadata: {
      formatVersion: 1,
      model: { format: "xgboost-json", objective: "binary:logistic", treeCount: 1, baseScore: 0.5 },
      features: [{ name: "a", kind: "numerical", min: 0, max: null, isInteger: true }],
      target: "churn",
      params: { max_depth: 3 },
      threshold: 0.4,
      seed: 1,
      metrics: { train: evaluation, holdout: evaluation },
      data: {
        fileName: "train.csv",
        sha256: "0".repeat(64),
        rowCount: 10,
        trainRowCount: 8,
        holdoutRowCount: 2,
        split: "stratified",
      },
      tuning: null,
      shapImportance: [{ feature: "a", meanAbsShap: 0.5 }],
      trainer: { name: "test", durationMs: 1 },
    },
  };
}

async function storesWithLocalVersion() {
  const sourceStore = createMemoryObjectStore();
  const stageStore = createMemoryObjectStore();
  await createModelRegistry(sourceStore).register(versionInput());
  return { sourceStore, stageStore };
}

async function aliasesOn(store: ObjectStore) {
  return (await createModelRegistry(store).aliases()).map(({ alias, version }) => ({
    alias,
    version,
  }));
}

function dependencies(stores: { sourceStore: ObjectStore; stageStore: ObjectStore }) {
  const time = fakeTime(STARTED_AT);
  return {
    time,
    deps: {
      sagemaker: new SageMakerClient({ region: "eu-west-1" }),
      ...stores,
      clock: time.clock,
      sleep: time.sleep,
      logger: silentLogger,
      pollIntervalMs: 10_000,
      timeoutMs: 60_000,
    },
  };
}

describe("promoteModelVersion", () => {
  beforeEach(() => {
    sagemaker.reset();
    sagemaker.on(CreateModelCommand).resolves({});
    sagemaker.on(CreateEndpointConfigCommand).resolves({});
    sagemaker.on(UpdateEndpointCommand).resolves({});
    sagemaker.on(CreateEndpointCommand).resolves({});
    sagemaker.on(DescribeEndpointConfigCommand).resolves({
      ProductionVariants: [
        {
          VariantName: "primary",
          ModelName: "old",
          ServerlessConfig: { MemorySizeInMB: 3072, MaxConcurrency: 8 },
        },
      ],
    });
  });

  it("copies the version to the stage, moves the endpoint to it, then moves the alias", async () => {
    const stores = await storesWithLocalVersion();
    const { deps, time } = dependencies(stores);
    sagemaker
      .on(DescribeEndpointCommand)
      .resolvesOnce({ EndpointStatus: "InService", EndpointConfigName: "old" })
      .resolvesOnce({ EndpointStatus: "Updating", EndpointConfigName: "old" })
      .resolves({ EndpointStatus: "InService", EndpointConfigName: NEW_NAME });

    const result = await promoteModelVersion(
      { deployment: DEPLOYMENT, version: "v1", alias: "staging" },
      deps,
    );

    expect(result).toMatchObject({
      isVersionCopied: true,
      endpoint: { name: "churn-dev-scoring", modelName: NEW_NAME, configName: NEW_NAME },
    });
    expect(await stores.stageStore.readBytes("models/versions/v1/model.tar.gz")).toEqual(
      Uint8Array.of(31, 139, 8),
    );
    expect(sagemaker.commandCalls(CreateModelCommand)[0]?.args[0].input).toEqual({
      ModelName: NEW_NAME,
      ExecutionRoleArn: DEPLOYMENT.modelRoleArn,
      PrimaryContainer: {
        Image: DEPLOYMENT.imageUri,
        ModelDataUrl: "s3://churn-dev-data/models/versions/v1/model.tar.gz",
      },
    });
    expect(sagemaker.commandCalls(UpdateEndpointCommand)[0]?.args[0].input).toEqual({
      EndpointName: "churn-dev-scoring",
      EndpointConfigName: NEW_NAME,
    });
    expect(time.sleeps).toEqual([10_000]);
    expect(await aliasesOn(stores.stageStore)).toEqual([{ alias: "staging", version: "v1" }]);
  });

  it("keeps the capacity the endpoint already runs with", async () => {
    const stores = await storesWithLocalVersion();
    const { deps } = dependencies(stores);
    sagemaker
      .on(DescribeEndpointCommand)
      .resolvesOnce({ EndpointStatus: "InService", EndpointConfigName: "old" })
      .resolves({ EndpointStatus: "InService", EndpointConfigName: NEW_NAME });

    await promoteModelVersion({ deployment: DEPLOYMENT, version: "v1", alias: "staging" }, deps);

    expect(sagemaker.commandCalls(CreateEndpointConfigCommand)[0]?.args[0].input).toEqual({
      EndpointConfigName: NEW_NAME,
      ProductionVariants: [
        {
          VariantName: "primary",
          ModelName: NEW_NAME,
          ServerlessConfig: { MemorySizeInMB: 3072, MaxConcurrency: 8 },
        },
      ],
    });
  });

  it("creates the endpoint, with the stage's serving choice, when the stage has none yet", async () => {
    const stores = await storesWithLocalVersion();
    const { deps } = dependencies(stores);
    sagemaker
      .on(DescribeEndpointCommand)
      .rejectsOnce(MISSING_ENDPOINT)
      .resolves({ EndpointStatus: "InService", EndpointConfigName: NEW_NAME });

    await promoteModelVersion({ deployment: DEPLOYMENT, version: "v1", alias: "staging" }, deps);

    expect(sagemaker.commandCalls(UpdateEndpointCommand)).toHaveLength(0);
    expect(sagemaker.commandCalls(CreateEndpointCommand)[0]?.args[0].input).toEqual({
      EndpointName: "churn-dev-scoring",
      EndpointConfigName: NEW_NAME,
    });
    expect(sagemaker.commandCalls(CreateEndpointConfigCommand)[0]?.args[0].input).toMatchObject({
      ProductionVariants: [{ ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } }],
    });
  });

  it("leaves the alias where it was when SageMaker rolls the update back", async () => {
    const stores = await storesWithLocalVersion();
    const { deps } = dependencies(stores);
    sagemaker
      .on(DescribeEndpointCommand)
      .resolvesOnce({ EndpointStatus: "InService", EndpointConfigName: "old" })
      .resolves({
        EndpointStatus: "InService",
        EndpointConfigName: "old",
        FailureReason:
          "The primary container for production variant primary did not pass the ping health check.",
      });

    const promotion = promoteModelVersion(
      { deployment: DEPLOYMENT, version: "v1", alias: "staging" },
      deps,
    );

    await expect(promotion).rejects.toMatchObject({ code: "deploy.endpoint_failed" });
    expect(await aliasesOn(stores.stageStore)).toEqual([]);
  });

  it("gives up after the timeout without moving the alias", async () => {
    const stores = await storesWithLocalVersion();
    const { deps, time } = dependencies(stores);
    sagemaker
      .on(DescribeEndpointCommand)
      .resolvesOnce({ EndpointStatus: "InService", EndpointConfigName: "old" })
      .resolves({ EndpointStatus: "Updating", EndpointConfigName: "old" });

    const promotion = promoteModelVersion(
      { deployment: DEPLOYMENT, version: "v1", alias: "staging" },
      deps,
    );

    await expect(promotion).rejects.toMatchObject({ code: "deploy.endpoint_timeout" });
    // Six 10-second waits fill the 60-second timeout exactly.
    expect(time.sleeps).toEqual(Array(6).fill(10_000));
    expect(await aliasesOn(stores.stageStore)).toEqual([]);
  });

  it("refuses to start while the endpoint is still updating", async () => {
    const stores = await storesWithLocalVersion();
    const { deps } = dependencies(stores);
    sagemaker.on(DescribeEndpointCommand).resolves({ EndpointStatus: "Updating" });

    const promotion = promoteModelVersion(
      { deployment: DEPLOYMENT, version: "v1", alias: "staging" },
      deps,
    );

    await expect(promotion).rejects.toMatchObject({ code: "deploy.endpoint_busy" });
    expect(sagemaker.commandCalls(CreateModelCommand)).toHaveLength(0);
  });

  it("moves only the alias when it is not the one the stage scores with", async () => {
    const stores = await storesWithLocalVersion();
    const { deps } = dependencies(stores);

    const result = await promoteModelVersion(
      { deployment: DEPLOYMENT, version: "v1", alias: "candidate" },
      deps,
    );

    expect(result.endpoint).toBeUndefined();
    expect(sagemaker.calls()).toHaveLength(0);
    expect(await aliasesOn(stores.stageStore)).toEqual([{ alias: "candidate", version: "v1" }]);
  });

  it("does not copy a version the stage already has", async () => {
    const stores = await storesWithLocalVersion();
    await createModelRegistry(stores.stageStore).register(versionInput());
    const { deps } = dependencies({ ...stores, sourceStore: createMemoryObjectStore() });

    const result = await promoteModelVersion(
      { deployment: DEPLOYMENT, version: "v1", alias: "candidate" },
      deps,
    );

    expect(result.isVersionCopied).toBe(false);
  });

  it("throws deploy.version_not_found when neither the stage nor the local registry has it", async () => {
    const stores = await storesWithLocalVersion();
    const { deps } = dependencies(stores);

    const promotion = promoteModelVersion(
      { deployment: DEPLOYMENT, version: "v7", alias: "staging" },
      deps,
    );

    await expect(promotion).rejects.toMatchObject({ code: "deploy.version_not_found" });
    expect(sagemaker.calls()).toHaveLength(0);
  });
});
