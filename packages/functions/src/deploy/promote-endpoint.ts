/**
 * Promotes a model version on a deployed stage without redeploying it: copies the version into
 * the stage's registry when it is missing there, moves the stage's SageMaker endpoint to it, and
 * only once the endpoint serves it, moves the alias.
 */
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  type DescribeEndpointCommandOutput,
  DescribeEndpointConfigCommand,
  type SageMakerClient,
  UpdateEndpointCommand,
} from "@aws-sdk/client-sagemaker";
import { ChurnError, type Clock, type Logger, type ObjectStore } from "@churn/core";
import { createModelRegistry, type ModelVersionKeys, modelVersionKeys } from "@churn/core/registry";
import { productionVariant, promotionResourceName, type ServingConfig } from "./serving.ts";
import type { StageDeployment } from "./stage-deployment.ts";

export interface PromotionRequest {
  readonly deployment: StageDeployment;
  readonly version: string;
  readonly alias: string;
}

export interface PromotionDependencies {
  readonly sagemaker: Pick<SageMakerClient, "send">;
  /** The stage's bucket, whose `models/` the pipeline reads. */
  readonly stageStore: ObjectStore;
  /** Where the version was trained (the local registry), copied from when the stage lacks it. */
  readonly sourceStore?: ObjectStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly sleep: (durationMs: number) => Promise<void>;
  /** How often to ask SageMaker whether the endpoint is ready; 30 s by default. */
  readonly pollIntervalMs?: number;
  /** When to give up waiting; 30 minutes by default, past SageMaker's usual 5–15 minutes. */
  readonly timeoutMs?: number;
}

export interface PromotionResult {
  readonly version: string;
  readonly alias: string;
  readonly isVersionCopied: boolean;
  /** Undefined when the alias is not the one the stage scores with, so the endpoint stayed. */
  readonly endpoint:
    | { readonly name: string; readonly modelName: string; readonly configName: string }
    | undefined;
  readonly durationMs: number;
}

const DEFAULT_POLL_INTERVAL_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 30 * 60_000;

/**
 * Promotes `version` under `alias` on a stage. The endpoint moves only when `alias` is the one
 * the stage's pipeline scores with. Throws `ChurnError` codes `deploy.version_not_found`,
 * `deploy.endpoint_busy`, `deploy.endpoint_failed` and `deploy.endpoint_timeout`; the alias is
 * left where it was whenever one is thrown.
 */
export async function promoteModelVersion(
  request: PromotionRequest,
  dependencies: PromotionDependencies,
): Promise<PromotionResult> {
  const { deployment, version, alias } = request;
  const { clock, logger } = dependencies;
  const startedMs = clock.now().getTime();

  const isVersionCopied = await ensureVersionOnStage(version, deployment.stage, dependencies);
  const endpoint =
    alias === deployment.modelAlias
      ? await moveEndpoint(deployment, version, dependencies)
      : undefined;
  await createModelRegistry(dependencies.stageStore, { clock }).setAlias(alias, version);

  const durationMs = clock.now().getTime() - startedMs;
  logger.info("Model version promoted", {
    stage: deployment.stage,
    version,
    alias,
    endpointName: endpoint?.name,
    durationMs,
  });
  return { version, alias, isVersionCopied, endpoint, durationMs };
}

/**
 * Copies a version's objects into the stage's bucket when its metadata is not there yet. The
 * metadata goes last: the registry counts a version only once its metadata exists, so an
 * interrupted copy is finished by the next promotion rather than served half-written.
 */
async function ensureVersionOnStage(
  version: string,
  stage: string,
  dependencies: Pick<PromotionDependencies, "stageStore" | "sourceStore" | "logger">,
): Promise<boolean> {
  const { stageStore, sourceStore, logger } = dependencies;
  const keys = modelVersionKeys(version);
  if ((await stageStore.stat(keys.metadata)) !== undefined) return false;

  if (sourceStore === undefined || (await sourceStore.stat(keys.metadata)) === undefined) {
    throw new ChurnError(
      "deploy.version_not_found",
      `Model version ${version} is neither on stage ${stage} nor in the local registry; train or register it first (\`churn model list\`).`,
      { context: { version, stage } },
    );
  }
  for (const key of copyOrder(keys)) {
    await stageStore.write(key, await sourceStore.readBytes(key));
  }
  logger.info("Model version copied to the stage", { stage, version });
  return true;
}

function copyOrder(keys: ModelVersionKeys): string[] {
  return [keys.model, keys.archive, keys.reference, keys.referenceStatistics, keys.metadata];
}

/**
 * Creates a model and an endpoint configuration for the version, points the endpoint at them
 * (creating it on a stage deployed without a model), and waits until it serves them. Names carry
 * a timestamp so promoting the same version again, after a failure, never collides.
 */
async function moveEndpoint(
  deployment: StageDeployment,
  version: string,
  dependencies: PromotionDependencies,
) {
  const { sagemaker, clock } = dependencies;
  const current = await describeEndpoint(sagemaker, deployment.endpointName);
  if (current !== undefined && current.EndpointStatus !== "InService") {
    throw new ChurnError(
      "deploy.endpoint_busy",
      `Endpoint ${deployment.endpointName} is ${current.EndpointStatus}; wait until it is InService, then promote ${version} again.`,
      { context: { endpointName: deployment.endpointName, status: current.EndpointStatus } },
    );
  }

  const name = promotionResourceName(deployment.app, deployment.stage, version, clock.now());
  const serving = await currentServing(sagemaker, current, deployment.serving);
  await sagemaker.send(
    new CreateModelCommand({
      ModelName: name,
      ExecutionRoleArn: deployment.modelRoleArn,
      PrimaryContainer: {
        Image: deployment.imageUri,
        ModelDataUrl: `s3://${deployment.bucketName}/${modelVersionKeys(version).archive}`,
      },
    }),
  );
  await sagemaker.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: name,
      ProductionVariants: [productionVariant(name, serving)],
    }),
  );
  const target = { EndpointName: deployment.endpointName, EndpointConfigName: name };
  await sagemaker.send(
    current === undefined ? new CreateEndpointCommand(target) : new UpdateEndpointCommand(target),
  );

  await waitUntilServing(deployment.endpointName, name, dependencies);
  return { name: deployment.endpointName, modelName: name, configName: name };
}

/** The endpoint, or undefined when SageMaker has none of that name. */
export async function describeEndpoint(
  sagemaker: Pick<SageMakerClient, "send">,
  endpointName: string,
): Promise<DescribeEndpointCommandOutput | undefined> {
  try {
    return await sagemaker.send(new DescribeEndpointCommand({ EndpointName: endpointName }));
  } catch (error) {
    // SageMaker answers a missing endpoint with a ValidationException, not a 404.
    if (error instanceof Error && /could not find endpoint/i.test(error.message)) return undefined;
    throw error;
  }
}

/**
 * Keeps what the stage runs (serverless or provisioned, and their sizes), so a promotion never
 * changes capacity; a new endpoint takes the stage's deploy-time choice.
 */
async function currentServing(
  sagemaker: Pick<SageMakerClient, "send">,
  endpoint: DescribeEndpointCommandOutput | undefined,
  fallback: ServingConfig,
): Promise<ServingConfig> {
  if (endpoint?.EndpointConfigName === undefined) return fallback;
  const config = await sagemaker.send(
    new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName }),
  );
  const variant = config.ProductionVariants?.[0];
  const serverless = variant?.ServerlessConfig;
  if (serverless?.MemorySizeInMB !== undefined && serverless.MaxConcurrency !== undefined) {
    return {
      kind: "serverless",
      memorySizeMb: serverless.MemorySizeInMB,
      maxConcurrency: serverless.MaxConcurrency,
    };
  }
  if (variant?.InstanceType !== undefined) {
    return {
      kind: "provisioned",
      instanceType: variant.InstanceType,
      instanceCount: variant.InitialInstanceCount ?? 1,
    };
  }
  return fallback;
}

/**
 * Polls until the endpoint is InService on the new configuration. A failed update rolls the
 * endpoint back to its previous configuration and reports InService there, with a failure
 * reason: that is a failure, not a success.
 */
async function waitUntilServing(
  endpointName: string,
  configName: string,
  dependencies: PromotionDependencies,
): Promise<void> {
  const { sagemaker, clock, sleep, logger } = dependencies;
  const pollIntervalMs = dependencies.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const deadlineMs = clock.now().getTime() + (dependencies.timeoutMs ?? DEFAULT_TIMEOUT_MS);

  for (;;) {
    const endpoint = await describeEndpoint(sagemaker, endpointName);
    const status = endpoint?.EndpointStatus;
    const isOnNewConfig = endpoint?.EndpointConfigName === configName;
    if (status === "InService" && isOnNewConfig) return;
    const isRolledBack = status === "InService" && endpoint?.FailureReason !== undefined;
    if (status === "Failed" || status === "UpdateRollbackFailed" || isRolledBack) {
      throw new ChurnError(
        "deploy.endpoint_failed",
        `Endpoint ${endpointName} did not take configuration ${configName} (${status}: ${endpoint?.FailureReason ?? "no reason given"}); the alias was not moved.`,
        { context: { endpointName, configName, status, reason: endpoint?.FailureReason } },
      );
    }
    if (clock.now().getTime() + pollIntervalMs > deadlineMs) {
      throw new ChurnError(
        "deploy.endpoint_timeout",
        `Endpoint ${endpointName} is still ${status ?? "missing"} after waiting for ${configName}; check it in the SageMaker console, then promote again.`,
        { context: { endpointName, configName, status } },
      );
    }
    logger.info("Waiting for the endpoint", { endpointName, status });
    await sleep(pollIntervalMs);
  }
}
