/**
 * The metrics store: the Drizzle schema of runs and their figures, and the writes and reads the
 * pipeline and the report site share. Works over any Drizzle PostgreSQL driver.
 */
import { fileURLToPath } from "node:url";

export * from "./schema.ts";

/** The folder of drizzle-kit's SQL migrations, for `migrate(db, { migrationsFolder })`. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../drizzle", import.meta.url));
