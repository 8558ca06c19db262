/**
 * Deletes what serving left of a stage in SageMaker outside its stack, before `sst remove`: the
 * stage's endpoint (which the first promotion creates unless the stack did), and the endpoint
 * configurations and models that promotions created for it.
 */
import {
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  ListEndpointConfigsCommand,
  ListModelsCommand,
  type SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import { ChurnError, type Clock, type Logger } from "@churn/core";
import { describeEndpoint } from "./promote-endpoint.ts";
import { endpointNameFor, isPromotionResourceName, sagemakerName } from "./serving.ts";

/** The stage sst.config.ts protects against `sst remove`; its serving is never deleted either. */
export const PROTECTED_STAGE = "production";

export interface ServingRemovalRequest {
  readonly app: string;
  readonly stage: string;
}

export interface ServingRemovalDependencies {
  readonly sagemaker: Pick<SageMakerClient, "send">;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly sleep: (durationMs: number) => Promise<void>;
  /** How often to ask SageMaker whether the endpoint is gone; 15 s by default. */
  readonly pollIntervalMs?: number;
  /** When to give up waiting for the endpoint's deletion; 20 minutes by default. */
  readonly timeoutMs?: number;
}

export interface ServingRemovalResult {
  readonly endpointName: string;
  /** False when the stage had no endpoint. */
  readonly isEndpointDeleted: boolean;
  readonly endpointConfigNames: readonly string[];
  readonly modelNames: readonly string[];
  readonly durationMs: number;
}

const DEFAULT_POLL_INTERVAL_MS = 15_000;
const DEFAULT_TIMEOUT_MS = 20 * 60_000;

/** States in which SageMaker refuses DeleteEndpoint until the change under way ends. */
const BUSY_STATUSES: ReadonlySet<string> = new Set([
  "Creating",
  "Updating",
  "SystemUpdating",
  "RollingBack",
]);

/**
 * Deletes the stage's endpoint and waits until it is gone, then the endpoint configurations and
 * models whose names promotion gave them on this stage (exact names, never a broader match).
 * What the stack created itself (its configuration, and the model named without a timestamp) is
 * left to `sst remove`. Throws `ChurnError` codes `deploy.stage_protected`,
 * `deploy.endpoint_busy`, `deploy.endpoint_failed` and `deploy.endpoint_timeout`.
 */
export async function removeStageServing(
  request: ServingRemovalRequest,
  dependencies: ServingRemovalDependencies,
): Promise<ServingRemovalResult> {
  const { app, stage } = request;
  const { sagemaker, clock, logger } = dependencies;
  assertStageRemovable(stage);
  const startedMs = clock.now().getTime();
  const endpointName = endpointNameFor(app, stage);

  const isEndpointDeleted = await deleteEndpoint(endpointName, dependencies);
  const owner = { app, stage, now: clock.now() };
  // SageMaker filters by substring only, which also matches other stages (`churn-dev-` is in
  // `churn-dev-2-…`): the exact check below keeps this stage's names alone.
  const nameContains = `${sagemakerName(app, stage)}-`;
  const isOwned = (name: string) => isPromotionResourceName(name, owner);

  const endpointConfigNames = (
    await listAllNames(
      (token) =>
        sagemaker.send(
          new ListEndpointConfigsCommand({ NameContains: nameContains, NextToken: token }),
        ),
      (page) => (page.EndpointConfigs ?? []).map((config) => config.EndpointConfigName),
    )
  ).filter(isOwned);
  for (const name of endpointConfigNames) {
    await ignoreMissing(
      sagemaker.send(new DeleteEndpointConfigCommand({ EndpointConfigName: name })),
    );
  }
  const modelNames = (
    await listAllNames(
      (token) =>
        sagemaker.send(new ListModelsCommand({ NameContains: nameContains, NextToken: token })),
      (page) => (page.Models ?? []).map((model) => model.ModelName),
    )
  ).filter(isOwned);
  for (const name of modelNames) {
    await ignoreMissing(sagemaker.send(new DeleteModelCommand({ ModelName: name })));
  }

  const durationMs = clock.now().getTime() - startedMs;
  logger.info("Stage serving removed", {
    stage,
    endpointName,
    isEndpointDeleted,
    endpointConfigCount: endpointConfigNames.length,
    modelCount: modelNames.length,
    durationMs,
  });
  return { endpointName, isEndpointDeleted, endpointConfigNames, modelNames, durationMs };
}

/** Throws `ChurnError` `deploy.stage_protected` for the stage sst.config.ts protects. */
export function assertStageRemovable(stage: string): void {
  if (stage === PROTECTED_STAGE) {
    throw new ChurnError(
      "deploy.stage_protected",
      `Stage ${stage} is protected against removal (sst.config.ts); its endpoint, configurations and models stay.`,
      { context: { stage } },
    );
  }
}

/**
 * Deletes the endpoint and polls until SageMaker no longer knows it, so that `sst remove`, which
 * deletes the stack's own endpoint of that name when the stack made it, finds nothing to wait on.
 */
async function deleteEndpoint(
  endpointName: string,
  dependencies: ServingRemovalDependencies,
): Promise<boolean> {
  const { sagemaker, clock, sleep, logger } = dependencies;
  const current = await describeEndpoint(sagemaker, endpointName);
  if (current === undefined) return false;
  const status = current.EndpointStatus ?? "unknown";
  if (BUSY_STATUSES.has(status)) {
    throw new ChurnError(
      "deploy.endpoint_busy",
      `Endpoint ${endpointName} is ${status}; wait until it is InService, then remove the stage again.`,
      { context: { endpointName, status } },
    );
  }
  if (status !== "Deleting") {
    await ignoreMissing(sagemaker.send(new DeleteEndpointCommand({ EndpointName: endpointName })));
  }

  const pollIntervalMs = dependencies.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const deadlineMs = clock.now().getTime() + (dependencies.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  for (;;) {
    const endpoint = await describeEndpoint(sagemaker, endpointName);
    if (endpoint === undefined) return true;
    if (endpoint.EndpointStatus !== "Deleting") {
      throw new ChurnError(
        "deploy.endpoint_failed",
        `Endpoint ${endpointName} was not deleted (${endpoint.EndpointStatus}: ${endpoint.FailureReason ?? "no reason given"}); delete it in the SageMaker console, then remove the stage again.`,
        { context: { endpointName, status: endpoint.EndpointStatus } },
      );
    }
    if (clock.now().getTime() + pollIntervalMs > deadlineMs) {
      throw new ChurnError(
        "deploy.endpoint_timeout",
        `Endpoint ${endpointName} is still being deleted; remove the stage again once it is gone.`,
        { context: { endpointName } },
      );
    }
    logger.info("Waiting for the endpoint to be deleted", { endpointName });
    await sleep(pollIntervalMs);
  }
}

/** Every name across a listing's pages. */
async function listAllNames<Page extends { readonly NextToken?: string | undefined }>(
  listPage: (nextToken: string | undefined) => Promise<Page>,
  namesOf: (page: Page) => readonly (string | undefined)[],
): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await listPage(nextToken);
    for (const name of namesOf(page)) if (name !== undefined) names.push(name);
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  return names;
}

/**
 * A resource deleted meanwhile (by a second removal, or the console) is what was wanted;
 * SageMaker reports it as a ValidationException saying it could not find it.
 */
async function ignoreMissing(deletion: Promise<unknown>): Promise<void> {
  try {
    await deletion;
  } catch (error) {
    if (error instanceof Error && /could not find/i.test(error.message)) return;
    throw error;
  }
}
