import { beforeAll, expect, it } from "vitest";
import { SAMPLE_DEPLOYMENT as DEPLOYMENT } from "../../packages/functions/src/deploy/sample-deployment.ts";
import {
  createdResource,
  describeStack,
  installPulumiMocks,
  unwrapSecret,
} from "./pulumi-mocks.ts";

describeStack("publishDeployment", () => {
  beforeAll(async () => {
    await installPulumiMocks();
    const { publishDeployment } = await import("../outputs.ts");
    publishDeployment(DEPLOYMENT);
  });

  it("writes where the stage's resources are to /<app>/<stage>/deployment", async () => {
    const parameter = await createdResource("aws:ssm/parameter:Parameter", "Deployment");

    expect(parameter.inputs.name).toBe("/churn/dev/deployment");
    expect(parameter.inputs.type).toBe("String");
    expect(JSON.parse(String(unwrapSecret(parameter.inputs.value)))).toEqual(DEPLOYMENT);
  });
});
