import * as v from "valibot";
import { openPostgresDatabase } from "../adapters/database.ts";
import { createLambdaLogger } from "../adapters/loggers.ts";

const MigrateEnvSchema = v.object({
  DATABASE_URL: v.pipe(v.string(), v.regex(/^postgres(ql)?:\/\//)),
});

/** Applies the metrics store's migrations; invoked once on each deploy. */
export async function handler(): Promise<{ isMigrated: true; durationMs: number }> {
  const env = v.parse(MigrateEnvSchema, process.env);
  const logger = createLambdaLogger({ serviceName: "churn-migrate" });
  const startedMs = Date.now();
  // A paused Aurora cluster takes a while to resume, so the first connection may wait long.
  const opened = await openPostgresDatabase(env.DATABASE_URL, { connectTimeoutSeconds: 60 });
  await opened.close();
  const durationMs = Date.now() - startedMs;
  logger.info("Migrations applied", { durationMs });
  return { isMigrated: true, durationMs };
}
