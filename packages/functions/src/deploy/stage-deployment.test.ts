import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { SAMPLE_DEPLOYMENT as DEPLOYMENT } from "./sample-deployment.ts";
import { readStageDeployment } from "./stage-deployment.ts";

const ssm = mockClient(SSMClient);
const client = new SSMClient({ region: "eu-west-1" });

describe("readStageDeployment", () => {
  beforeEach(() => {
    ssm.reset();
  });

  it("returns the stage's resources from /churn/<stage>/deployment", async () => {
    ssm
      .on(GetParameterCommand, { Name: "/churn/dev/deployment" })
      .resolves({ Parameter: { Value: JSON.stringify(DEPLOYMENT) } });

    const deployment = await readStageDeployment(client, "dev");

    expect(deployment).toEqual(DEPLOYMENT);
  });

  it("throws deploy.stage_not_found for a stage never deployed", async () => {
    ssm
      .on(GetParameterCommand)
      .rejects(Object.assign(new Error("ParameterNotFound"), { name: "ParameterNotFound" }));

    const reading = readStageDeployment(client, "nope");

    await expect(reading).rejects.toMatchObject({
      code: "deploy.stage_not_found",
      message: expect.stringContaining("make deploy STAGE=nope"),
    });
  });

  it.each([
    ["text that is not JSON", "{"],
    ["JSON without the bucket", JSON.stringify({ ...DEPLOYMENT, bucketName: undefined })],
    ["an unknown serving kind", JSON.stringify({ ...DEPLOYMENT, serving: { kind: "spot" } })],
  ])("throws deploy.bad_deployment for %s", async (_, value) => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: value } });

    const reading = readStageDeployment(client, "dev");

    await expect(reading).rejects.toMatchObject({ code: "deploy.bad_deployment" });
  });
});
