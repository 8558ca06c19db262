import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SERVING } from "../../packages/functions/src/deploy/serving.ts";
import {
  createdResource,
  installPulumiMocks,
  isPlatformInstalled,
  unwrapSecret,
} from "./pulumi-mocks.ts";

const DEPLOYMENT = {
  app: "churn",
  stage: "test",
  region: "eu-west-1",
  bucketName: "churn-test-data",
  endpointName: "churn-test-scoring",
  modelAlias: "staging",
  modelRoleArn: "arn:aws:iam::123456789012:role/churn-test-ModelExecution",
  imageUri: "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1",
  serving: DEFAULT_SERVING,
  stateMachineArn: "arn:aws:states:eu-west-1:123456789012:stateMachine:churn-test-Pipeline",
  siteUrl: "https://d111111abcdef8.cloudfront.net",
};

describe.skipIf(!isPlatformInstalled)("publishDeployment", () => {
  beforeAll(async () => {
    await installPulumiMocks();
    const { publishDeployment } = await import("../outputs.ts");
    publishDeployment(DEPLOYMENT);
  });

  it("writes where the stage's resources are to /<app>/<stage>/deployment", async () => {
    const parameter = await createdResource("aws:ssm/parameter:Parameter", "Deployment");

    expect(parameter.inputs.name).toBe("/churn/test/deployment");
    expect(parameter.inputs.type).toBe("String");
    expect(JSON.parse(String(unwrapSecret(parameter.inputs.value)))).toEqual(DEPLOYMENT);
  });
});
