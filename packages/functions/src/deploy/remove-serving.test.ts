import {
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointCommand,
  ListEndpointConfigsCommand,
  ListModelsCommand,
  SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import { silentLogger } from "@churn/core";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { fakeTime } from "./fake-time.ts";
import { removeStageServing } from "./remove-serving.ts";

const REMOVED_AT = "2026-12-03T20:00:00.000Z";
const MISSING_ENDPOINT = Object.assign(new Error('Could not find endpoint "churn-dev-scoring".'), {
  name: "ValidationException",
});

const sagemaker = mockClient(SageMakerClient);

/** A listed model or endpoint configuration; only its name matters to the removal. */
const model = (name: string) => ({
  ModelName: name,
  ModelArn: `arn:${name}`,
  CreationTime: new Date(),
});
const config = (name: string) => ({
  EndpointConfigName: name,
  EndpointConfigArn: `arn:${name}`,
  CreationTime: new Date(),
});

function dependencies() {
  const { clock, sleep, sleeps } = fakeTime(REMOVED_AT);
  return {
    sleeps,
    deps: {
      sagemaker: new SageMakerClient({ region: "eu-west-1" }),
      clock,
      logger: silentLogger,
      sleep,
      pollIntervalMs: 10_000,
      timeoutMs: 60_000,
    },
  };
}

const deletedConfigs = () =>
  sagemaker.commandCalls(DeleteEndpointConfigCommand).map((call) => call.args[0].input);
const deletedModels = () =>
  sagemaker.commandCalls(DeleteModelCommand).map((call) => call.args[0].input);

describe("removeStageServing", () => {
  beforeEach(() => {
    sagemaker.reset();
    sagemaker.on(DeleteEndpointCommand).resolves({});
    sagemaker.on(DeleteEndpointConfigCommand).resolves({});
    sagemaker.on(DeleteModelCommand).resolves({});
    sagemaker.on(ListEndpointConfigsCommand).resolves({ EndpointConfigs: [] });
    sagemaker.on(ListModelsCommand).resolves({ Models: [] });
  });

  it("deletes the endpoint, waits until it is gone, then what promotion made", async () => {
    const { deps, sleeps } = dependencies();
    sagemaker
      .on(DescribeEndpointCommand)
      .resolvesOnce({ EndpointStatus: "InService" })
      .resolvesOnce({ EndpointStatus: "Deleting" })
      .rejects(MISSING_ENDPOINT);
    sagemaker.on(ListEndpointConfigsCommand).resolves({
      EndpointConfigs: [config("churn-dev-v1-mx31y6g0"), config("churn-dev-2-v1-mx31y6g0")],
    });
    sagemaker.on(ListModelsCommand).resolves({
      Models: [
        model("churn-dev-v1-mx31y6g0"),
        model("churn-dev-v1"),
        model("churn-dev-v1-v3-mx31y6g0"),
      ],
    });

    const result = await removeStageServing({ app: "churn", stage: "dev" }, deps);

    expect(sagemaker.commandCalls(DeleteEndpointCommand)[0]?.args[0].input).toEqual({
      EndpointName: "churn-dev-scoring",
    });
    expect(sleeps).toEqual([10_000]);
    expect(deletedConfigs()).toEqual([{ EndpointConfigName: "churn-dev-v1-mx31y6g0" }]);
    expect(deletedModels()).toEqual([{ ModelName: "churn-dev-v1-mx31y6g0" }]);
    expect(result).toMatchObject({
      endpointName: "churn-dev-scoring",
      isEndpointDeleted: true,
      endpointConfigNames: ["churn-dev-v1-mx31y6g0"],
      modelNames: ["churn-dev-v1-mx31y6g0"],
    });
  });

  it("asks SageMaker only for names that start with the stage's prefix", async () => {
    const { deps } = dependencies();
    sagemaker.on(DescribeEndpointCommand).rejects(MISSING_ENDPOINT);

    await removeStageServing({ app: "churn", stage: "dev" }, deps);

    expect(sagemaker.commandCalls(ListEndpointConfigsCommand)[0]?.args[0].input).toEqual({
      NameContains: "churn-dev-",
      NextToken: undefined,
    });
    expect(sagemaker.commandCalls(ListModelsCommand)[0]?.args[0].input).toEqual({
      NameContains: "churn-dev-",
      NextToken: undefined,
    });
  });

  it("reads every page of the listings", async () => {
    const { deps } = dependencies();
    sagemaker.on(DescribeEndpointCommand).rejects(MISSING_ENDPOINT);
    sagemaker
      .on(ListModelsCommand)
      .resolvesOnce({ Models: [model("churn-dev-v1-mx31y6g0")], NextToken: "page-2" })
      .resolvesOnce({ Models: [model("churn-dev-v2-mx7zb7k0")] });

    const result = await removeStageServing({ app: "churn", stage: "dev" }, deps);

    expect(sagemaker.commandCalls(ListModelsCommand)[1]?.args[0].input).toMatchObject({
      NextToken: "page-2",
    });
    expect(result.modelNames).toEqual(["churn-dev-v1-mx31y6g0", "churn-dev-v2-mx7zb7k0"]);
  });

  it("deletes no endpoint on a stage that has none", async () => {
    const { deps } = dependencies();
    sagemaker.on(DescribeEndpointCommand).rejects(MISSING_ENDPOINT);

    const result = await removeStageServing({ app: "churn", stage: "dev" }, deps);

    expect(result.isEndpointDeleted).toBe(false);
    expect(sagemaker.commandCalls(DeleteEndpointCommand)).toHaveLength(0);
  });

  it("waits for an endpoint already being deleted without deleting it again", async () => {
    const { deps } = dependencies();
    sagemaker
      .on(DescribeEndpointCommand)
      .resolvesOnce({ EndpointStatus: "Deleting" })
      .rejects(MISSING_ENDPOINT);

    const result = await removeStageServing({ app: "churn", stage: "dev" }, deps);

    expect(result.isEndpointDeleted).toBe(true);
    expect(sagemaker.commandCalls(DeleteEndpointCommand)).toHaveLength(0);
  });

  it("counts a resource deleted meanwhile as deleted", async () => {
    const { deps } = dependencies();
    sagemaker.on(DescribeEndpointCommand).rejects(MISSING_ENDPOINT);
    sagemaker.on(ListModelsCommand).resolves({ Models: [model("churn-dev-v1-mx31y6g0")] });
    sagemaker.on(DeleteModelCommand).rejects(
      Object.assign(new Error("Could not find model churn-dev-v1-mx31y6g0."), {
        name: "ValidationException",
      }),
    );

    const result = await removeStageServing({ app: "churn", stage: "dev" }, deps);

    expect(result.modelNames).toEqual(["churn-dev-v1-mx31y6g0"]);
  });

  it.each([
    ["Updating", "deploy.endpoint_busy"],
    ["Creating", "deploy.endpoint_busy"],
  ])("throws %s → %s and deletes nothing", async (status, code) => {
    const { deps } = dependencies();
    sagemaker.on(DescribeEndpointCommand).resolves({ EndpointStatus: status as "Updating" });

    const removal = removeStageServing({ app: "churn", stage: "dev" }, deps);

    await expect(removal).rejects.toMatchObject({ code });
    expect(sagemaker.commandCalls(DeleteEndpointCommand)).toHaveLength(0);
    expect(deletedModels()).toEqual([]);
  });

  it("throws deploy.endpoint_failed when the deletion fails", async () => {
    const { deps } = dependencies();
    sagemaker
      .on(DescribeEndpointCommand)
      .resolvesOnce({ EndpointStatus: "InService" })
      .resolves({ EndpointStatus: "Failed", FailureReason: "Internal error" });

    const removal = removeStageServing({ app: "churn", stage: "dev" }, deps);

    await expect(removal).rejects.toMatchObject({ code: "deploy.endpoint_failed" });
    expect(deletedConfigs()).toEqual([]);
  });

  it("throws deploy.endpoint_timeout when the endpoint outlasts the timeout", async () => {
    const { deps, sleeps } = dependencies();
    sagemaker
      .on(DescribeEndpointCommand)
      .resolvesOnce({ EndpointStatus: "InService" })
      .resolves({ EndpointStatus: "Deleting" });

    const removal = removeStageServing({ app: "churn", stage: "dev" }, deps);

    await expect(removal).rejects.toMatchObject({ code: "deploy.endpoint_timeout" });
    expect(sleeps).toEqual(Array(6).fill(10_000));
  });

  it("refuses the protected production stage without calling SageMaker", async () => {
    const { deps } = dependencies();

    const removal = removeStageServing({ app: "churn", stage: "production" }, deps);

    await expect(removal).rejects.toMatchObject({ code: "deploy.stage_protected" });
    expect(sagemaker.calls()).toHaveLength(0);
  });
});
