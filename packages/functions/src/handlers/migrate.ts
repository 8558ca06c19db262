import * as v from "valibot";
import { openPostgresDatabase } from "../adapters/database.ts";
import {
  createLambdaLogger,
  type LambdaInvocation,
  type LambdaLogger,
} from "../adapters/loggers.ts";

const MigrateEnvSchema = v.object({
  DATABASE_URL: v.pipe(v.string(), v.regex(/^postgres(ql)?:\/\//)),
});

// Kept for the container's life, so that only its first invocation logs as a cold start.
let logger: LambdaLogger | undefined;

/** Applies the metrics store's migrations; invoked once on each deploy. */
export async function handler(
  _event?: unknown,
  invocation?: LambdaInvocation,
): Promise<{ isMigrated: true; durationMs: number }> {
  const env = v.parse(MigrateEnvSchema, process.env);
  logger ??= createLambdaLogger({ serviceName: "churn-migrate" });
  if (invocation !== undefined) logger.addContext(invocation);
  const startedMs = Date.now();
  // A paused Aurora cluster takes a while to resume, so the first connection may wait long.
  const opened = await openPostgresDatabase(env.DATABASE_URL, { connectTimeoutSeconds: 60 });
  await opened.close();
  const durationMs = Date.now() - startedMs;
  logger.info("Migrations applied", { durationMs });
  return { isMigrated: true, durationMs };
}
