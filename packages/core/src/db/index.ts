/**
 * The metrics store: the Drizzle schema of runs and their figures, and the writes and reads the
 * pipeline and the report site share. Works over any Drizzle PostgreSQL driver.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export { isDatabaseUnavailable, type MetricsDatabase } from "./database.ts";
export { createMetricsStore, type MetricsStore } from "./metrics-store.ts";
export type * from "./model-records.ts";
export { withNamedStatements } from "./named-statements.ts";
export type * from "./run-reads.ts";
export type * from "./run-writes.ts";
export * from "./schema.ts";
/** Every table, for `drizzle({ client, schema: tables })`. */
export * as tables from "./schema.ts";

/**
 * The folder of drizzle-kit's SQL migrations, for `migrate(db, { migrationsFolder })`. It is
 * joined as a path rather than written `new URL("../../drizzle", import.meta.url)`, because
 * bundlers (the report site's Turbopack build) resolve such a URL as an asset and fail on a folder.
 */
export const MIGRATIONS_FOLDER = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "drizzle",
);
