/**
 * What a stage publishes about itself: the SSM parameter that promotion and the Makefile read to
 * find the stage's resources without SST's state.
 */
import { deploymentParameterName } from "../packages/functions/src/deploy/serving.ts";
import type { StageDeployment } from "../packages/functions/src/deploy/stage-deployment.ts";

export function publishDeployment(
  deployment: { readonly app: string; readonly stage: string } & {
    [Key in Exclude<keyof StageDeployment, "app" | "stage">]: $util.Input<StageDeployment[Key]>;
  },
) {
  return new aws.ssm.Parameter("Deployment", {
    name: deploymentParameterName(deployment.app, deployment.stage),
    type: "String",
    description:
      "Where this stage's bucket, endpoint and model role are; read by churn model promote.",
    value: $jsonStringify($output(deployment)),
  });
}
