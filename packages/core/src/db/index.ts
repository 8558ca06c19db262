/**
 * The metrics store: the Drizzle schema of runs and their figures, and the writes and reads the
 * pipeline and the report site share. Works over any Drizzle PostgreSQL driver.
 */
import { fileURLToPath } from "node:url";

export { isDatabaseUnavailable, type MetricsDatabase } from "./database.ts";
export { createMetricsStore, type MetricsStore } from "./metrics-store.ts";
export type * from "./model-records.ts";
export type * from "./run-reads.ts";
export type * from "./run-writes.ts";
export * from "./schema.ts";
/** Every table, for `drizzle({ client, schema: tables })`. */
export * as tables from "./schema.ts";

/** The folder of drizzle-kit's SQL migrations, for `migrate(db, { migrationsFolder })`. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../drizzle", import.meta.url));
