import { beforeAll, expect, it } from "vitest";
import { DEFAULT_SERVING } from "../../packages/functions/src/deploy/serving.ts";
import {
  createdResource,
  createdResources,
  describeStack,
  installPulumiMocks,
  resolveOutput,
} from "./pulumi-mocks.ts";

describeStack("createModelServing without a model version", () => {
  let endpointArn: string;

  beforeAll(async () => {
    await installPulumiMocks();
    const { createModelServing } = await import("../model.ts");
    const serving = createModelServing({
      app: "churn",
      stage: "test",
      bucket: { name: "churn-test-data", arn: "arn:aws:s3:::churn-test-data" },
      modelVersion: undefined,
      serving: DEFAULT_SERVING,
    });
    endpointArn = await resolveOutput(serving.endpointArn);
  });

  it("creates the execution role only, leaving the endpoint to the first promotion", async () => {
    await createdResource("aws:iam/rolePolicy:RolePolicy", "ModelExecutionPolicy");

    expect(createdResources("aws:sagemaker/model:Model")).toEqual([]);
    expect(createdResources("aws:sagemaker/endpoint:Endpoint")).toEqual([]);
  });

  it("still names the endpoint the scoring step may invoke", () => {
    expect(endpointArn).toBe(
      "arn:aws:sagemaker:eu-west-1:123456789012:endpoint/churn-test-scoring",
    );
  });
});
