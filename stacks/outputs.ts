/**
 * What a stage publishes about itself: the SSM parameter that promotion and the Makefile read to
 * find the stage's resources without `sst` state, and the console address of its state machine.
 */
import type { ServingConfig } from "../packages/functions/src/deploy/serving.ts";
import { deploymentParameterName } from "./naming.ts";

/** The parameter's JSON; `packages/functions/src/deploy/stage.ts` parses it with valibot. */
export interface StageDeployment {
  readonly app: string;
  readonly stage: string;
  readonly region: string;
  readonly bucketName: string;
  readonly endpointName: string;
  readonly modelRoleArn: string;
  readonly imageUri: string;
  readonly serving: ServingConfig;
  readonly stateMachineArn: string;
  readonly siteUrl: string;
}

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
