import { beforeAll, expect, it } from "vitest";
import { DEFAULT_SERVING } from "../../packages/functions/src/deploy/serving.ts";
import { findBroadStatements, type PolicyDocument } from "../policies.ts";
import { arnOf, createdResource, describeStack, installPulumiMocks } from "./pulumi-mocks.ts";

const BUCKET = { name: "churn-test-data", arn: "arn:aws:s3:::churn-test-data" };

describeStack("createModelServing", () => {
  beforeAll(async () => {
    await installPulumiMocks();
    const { createModelServing } = await import("../model.ts");
    createModelServing({
      app: "churn",
      stage: "test",
      bucket: BUCKET,
      modelVersion: "v3",
      serving: DEFAULT_SERVING,
    });
  });

  it("serves the version's tarball with SageMaker's XGBoost 1.7-1 image of the region", async () => {
    const model = await createdResource("aws:sagemaker/model:Model");
    const role = await createdResource("aws:iam/role:Role", "ModelExecution");

    expect(model.inputs).toMatchObject({
      name: "churn-test-v3",
      executionRoleArn: arnOf(role),
      primaryContainer: {
        image: "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1",
        modelDataUrl: "s3://churn-test-data/models/versions/v3/model.tar.gz",
      },
    });
  });

  it("configures one serverless variant by default", async () => {
    const configuration = await createdResource(
      "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
    );

    expect(configuration.inputs.productionVariants).toEqual([
      {
        variantName: "primary",
        modelName: "churn-test-v3",
        serverlessConfig: { memorySizeInMb: 2048, maxConcurrency: 5 },
      },
    ]);
  });

  it("names the endpoint for the stage, on that configuration", async () => {
    const configuration = await createdResource(
      "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
    );
    const endpoint = await createdResource("aws:sagemaker/endpoint:Endpoint");

    expect(endpoint.inputs.name).toBe("churn-test-scoring");
    expect(endpoint.inputs.endpointConfigName).toBe(
      configuration.inputs.name ?? "ScoringConfiguration-physical",
    );
  });

  it("lets SageMaker read model artifacts and pull the image, naming each resource", async () => {
    const role = await createdResource("aws:iam/role:Role", "ModelExecution");
    const policy = await createdResource("aws:iam/rolePolicy:RolePolicy", "ModelExecutionPolicy");
    const document = JSON.parse(String(policy.inputs.policy)) as PolicyDocument;
    const trust = role.inputs.assumeRolePolicy;

    expect(findBroadStatements(document)).toEqual([]);
    expect(document.Statement).toContainEqual(
      expect.objectContaining({ Action: ["s3:GetObject"], Resource: [`${BUCKET.arn}/models/*`] }),
    );
    expect(document.Statement).toContainEqual(
      expect.objectContaining({
        Resource: ["arn:aws:ecr:eu-west-1:141502667606:repository/sagemaker-xgboost"],
      }),
    );
    expect(typeof trust === "string" ? JSON.parse(trust) : trust).toMatchObject({
      Statement: [expect.objectContaining({ Principal: { Service: "sagemaker.amazonaws.com" } })],
    });
  });
});
