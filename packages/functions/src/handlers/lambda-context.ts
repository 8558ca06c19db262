import { S3Client } from "@aws-sdk/client-s3";
import {
  ChurnError,
  type Clock,
  type Logger,
  type ObjectStore,
  type Predictor,
  systemClock,
} from "@churn/core";
import { createMetricsStore, type MetricsStore } from "@churn/core/db";
import type { PipelineSettings } from "@churn/core/pipeline";
import { createModelRegistry, type ModelRegistry } from "@churn/core/registry";
import * as v from "valibot";
import { openPostgresDatabase } from "../adapters/database.ts";
import {
  createLambdaLogger,
  type LambdaInvocation,
  type LambdaLogger,
} from "../adapters/loggers.ts";
import { createS3ObjectStore } from "../adapters/s3-object-store.ts";
import { createSageMakerPredictor } from "../adapters/sagemaker-predictor.ts";
import { LambdaEnvSchema, readPipelineSettings, requireDatabaseUrl } from "./environment.ts";

/** What a step's Lambda function reaches; the database opens on first use only. */
export interface LambdaContext {
  readonly store: ObjectStore;
  readonly models: ModelRegistry;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: PipelineSettings;
  metrics(): Promise<MetricsStore>;
  predictor(): Predictor;
}

/** The container's context, with the logger the invocation context is attached to. */
type ContainerContext = LambdaContext & { readonly logger: LambdaLogger };

let cached: ContainerContext | undefined;

/**
 * The context of this Lambda container, built once and reused by warm invocations, so one
 * database connection serves every invocation the container handles. The invocation's own
 * context, when given, goes to the logger, so each line carries its request id.
 */
export function lambdaContext(functionName: string, invocation?: LambdaInvocation): LambdaContext {
  cached ??= openLambdaContext(functionName);
  if (invocation !== undefined) cached.logger.addContext(invocation);
  return cached;
}

function openLambdaContext(functionName: string): ContainerContext {
  const env = v.parse(LambdaEnvSchema, process.env);
  const settings = readPipelineSettings(process.env);
  const store = createS3ObjectStore({ client: new S3Client({}), bucket: env.CHURN_BUCKET });
  const logger = createLambdaLogger({ serviceName: `churn-${functionName}` });
  let metrics: Promise<MetricsStore> | undefined;

  return {
    store,
    models: createModelRegistry(store),
    clock: systemClock,
    logger,
    settings,
    metrics() {
      // Migrations are applied by the migrate function on deploy, never by a step.
      // Inside the promise, so a missing URL rejects like any other failure to open.
      metrics ??= Promise.resolve()
        .then(() => openPostgresDatabase(requireDatabaseUrl(env, functionName), { migrate: false }))
        .then((opened) => createMetricsStore(opened.db));
      metrics.catch(() => {
        metrics = undefined;
      });
      return metrics;
    },
    predictor() {
      const endpointName = env.SAGEMAKER_ENDPOINT_NAME;
      if (endpointName === undefined) {
        throw new ChurnError(
          "pipeline.no_endpoint",
          "SAGEMAKER_ENDPOINT_NAME is not set; deploy the model endpoint before scoring files.",
        );
      }
      return createSageMakerPredictor({ endpointName, logger });
    },
  };
}
