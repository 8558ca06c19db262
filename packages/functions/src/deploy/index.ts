/**
 * Deploy-time operations on a stage that `sst deploy` does not do: promoting a model version
 * onto the stage's SageMaker endpoint, and reading where the stage's resources are.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { SSMClient } from "@aws-sdk/client-ssm";
import { isChurnError, type Logger, systemClock } from "@churn/core";
import { createLocalObjectStore } from "../adapters/local-object-store.ts";
import { createS3ObjectStore } from "../adapters/s3-object-store.ts";
import { localPaths } from "../runner/local-environment.ts";
import { type PromotionResult, promoteModelVersion } from "./promote-endpoint.ts";
import {
  assertStageRemovable,
  removeStageServing,
  type ServingRemovalResult,
} from "./remove-serving.ts";
import { APP_NAME, readStageDeployment, type StageDeployment } from "./stage-deployment.ts";

export { type PromotionResult, promoteModelVersion } from "./promote-endpoint.ts";
export { removeStageServing, type ServingRemovalResult } from "./remove-serving.ts";
export * from "./serving.ts";
export {
  readStageDeployment,
  type StageDeployment,
  StageDeploymentSchema,
} from "./stage-deployment.ts";

/**
 * Reads a deployed stage's resources from SSM, with the usual AWS credentials and region
 * (AWS_PROFILE, AWS_REGION, …). Throws `deploy.stage_not_found` for a stage never deployed there.
 */
export function readDeployedStage(stage: string): Promise<StageDeployment> {
  return readStageDeployment(new SSMClient({}), stage);
}

/**
 * Promotes a version on a deployed stage: copies it from the local registry (`.churn/bucket`,
 * CHURN_HOME overrides) when the stage lacks it, moves the endpoint when `alias` is the one the
 * stage scores with, then moves the alias in the stage's bucket.
 */
export async function promoteOnStage(options: {
  stage: string;
  version: string;
  alias: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
}): Promise<PromotionResult> {
  const deployment = await readDeployedStage(options.stage);
  const region = deployment.region;
  return promoteModelVersion(
    { deployment, version: options.version, alias: options.alias },
    {
      sagemaker: new SageMakerClient({ region }),
      stageStore: createS3ObjectStore({
        client: new S3Client({ region }),
        bucket: deployment.bucketName,
      }),
      sourceStore: createLocalObjectStore(localPaths(options.cwd, options.env).bucketDir),
      clock: systemClock,
      logger: options.logger,
      sleep,
    },
  );
}

/**
 * Deletes a stage's SageMaker endpoint and the configurations and models promotion created for
 * it, in the stage's region, or in AWS_REGION once its SSM parameter is gone (a removal run
 * again after a partial one). Throws what `removeStageServing` throws.
 */
export async function removeServingOfStage(options: {
  stage: string;
  logger: Logger;
}): Promise<ServingRemovalResult> {
  assertStageRemovable(options.stage);
  const deployment = await readDeployedStage(options.stage).catch((error: unknown) => {
    if (isChurnError(error) && error.code === "deploy.stage_not_found") return undefined;
    throw error;
  });
  return removeStageServing(
    { app: deployment?.app ?? APP_NAME, stage: options.stage },
    {
      sagemaker: new SageMakerClient(deployment === undefined ? {} : { region: deployment.region }),
      clock: systemClock,
      logger: options.logger,
      sleep,
    },
  );
}

function sleep(durationMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, durationMs));
}
