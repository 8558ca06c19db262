import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import {
  type OpenedDatabase,
  openEmbeddedDatabase,
  openPostgresDatabase,
} from "../../src/adapters/database.ts";

export const DATABASE_DRIVERS = ["embedded", "postgres"] as const;
export type DatabaseDriver = (typeof DATABASE_DRIVERS)[number];

const SERVER_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/**
 * A migrated, empty database: in-memory PGlite, or a uniquely named database on the PostgreSQL
 * server of DATABASE_URL that is dropped on close.
 */
export async function openTestDatabase(driver: DatabaseDriver): Promise<OpenedDatabase> {
  if (driver === "embedded") return openEmbeddedDatabase();

  const name = `churn_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const opened = await openPostgresDatabase(url.toString(), { maxConnections: 2 });

  return {
    db: opened.db,
    close: async () => {
      await opened.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Empties every table of the metrics store between tests. */
export async function truncateAll(opened: OpenedDatabase): Promise<void> {
  await opened.db.execute(sql`truncate runs, training_runs, model_versions cascade`);
}
