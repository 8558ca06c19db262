/**
 * The adapters behind the core's ports: object stores (local folder, S3), predictors
 * (SageMaker, in-process), notifiers (SNS, outbox), loggers, and the database openers
 * (docs/storage.md).
 */
export {
  type EmbeddedDatabaseServer,
  type MigrationOptions,
  type OpenedDatabase,
  openDatabase,
  openEmbeddedDatabase,
  openPostgresDatabase,
  serveEmbeddedDatabase,
} from "./database.ts";
export { createLocalObjectStore } from "./local-object-store.ts";
export { createLocalPredictor } from "./local-predictor.ts";
export {
  type ConsoleLoggerOptions,
  createConsoleLogger,
  createLambdaLogger,
  LOG_LEVELS,
  type LogLevel,
} from "./loggers.ts";
export { createOutboxNotifier, type OutboxOptions } from "./outbox-notifier.ts";
export { DEFAULT_RETRY_POLICY, type RetryPolicy, withRetries } from "./retry.ts";
export { createS3ObjectStore } from "./s3-object-store.ts";
export { createSageMakerPredictor, type SageMakerPredictorOptions } from "./sagemaker-predictor.ts";
export { createSnsNotifier } from "./sns-notifier.ts";
