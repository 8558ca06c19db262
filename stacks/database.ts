/** The metrics store: Aurora PostgreSQL Serverless v2, migrated on every deploy. */
import { MIGRATOR_FUNCTION } from "./tasks.ts";

/**
 * Scaling from zero: the cluster pauses after 10 idle minutes, so a stage that receives a few
 * files a day pays for storage only, and resumes in about 15 s, which the state machine's retries
 * and the site's first slow page absorb. 4 ACU (8 GiB) bounds the bill under load on production;
 * other stages stop at 2 ACU.
 */
export function databaseScaling(stage: string) {
  return {
    min: "0 ACU",
    max: stage === "production" ? "4 ACU" : "2 ACU",
    pauseAfter: "10 minutes",
  } as const;
}

export function createDatabase(options: { vpc: sst.aws.Vpc; stage: string }) {
  const database = new sst.aws.Aurora("Metrics", {
    engine: "postgres",
    version: "17",
    database: "churn",
    scaling: databaseScaling(options.stage),
    vpc: options.vpc,
    // `sst dev` talks to the PostgreSQL a developer runs locally instead of creating a cluster.
    dev: {
      host: "127.0.0.1",
      port: 5432,
      username: "postgres",
      password: "postgres",
      database: "churn",
    },
  });

  return { database, databaseUrl: databaseUrlOf(database) };
}

/**
 * The connection string the handlers and the site read as DATABASE_URL. `sslmode=require` keeps
 * the password off the wire whatever the cluster's parameter group says. The password travels in the
 * functions' environment (encrypted at rest by Lambda) because functions inside the VPC have no
 * route to Secrets Manager without a paid interface endpoint.
 */
function databaseUrlOf(database: sst.aws.Aurora) {
  return $interpolate`postgres://${database.username}:${database.password.apply(encodeURIComponent)}@${database.host}:${database.port}/${database.database}?sslmode=require`;
}

/**
 * Applies the migrations in packages/core/drizzle on every deploy: the migrator runs inside the
 * VPC and an invocation whose input changes with each deploy calls it once; a failed migration
 * fails the deploy.
 */
export function migrateOnDeploy(options: {
  vpc: sst.aws.Vpc;
  database: sst.aws.Aurora;
  databaseUrl: $util.Input<string>;
}) {
  const migrator = new sst.aws.Function("Migrator", {
    handler: MIGRATOR_FUNCTION.handler,
    timeout: `${MIGRATOR_FUNCTION.timeoutSeconds} seconds`,
    memory: `${MIGRATOR_FUNCTION.memoryMb} MB`,
    vpc: options.vpc,
    environment: { DATABASE_URL: options.databaseUrl },
    // The bundle keeps the handler's path, and `@churn/core/db` finds its migrations two folders
    // above the module that imports it: packages/functions/drizzle inside the bundle.
    copyFiles: [{ from: "packages/core/drizzle", to: "packages/functions/drizzle" }],
  });

  if (!$dev) {
    new aws.lambda.Invocation(
      "MigratorRun",
      {
        functionName: migrator.name,
        input: JSON.stringify({ reason: "deploy", requestedAt: new Date().toISOString() }),
      },
      { dependsOn: [options.database] },
    );
  }

  return { migrator };
}
