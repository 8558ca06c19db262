import { randomBytes } from "node:crypto";
import { type MetricsDatabase, MIGRATIONS_FOLDER, tables } from "@churn/core/db";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

/** A migrated PostgreSQL database made for one test file, dropped by `drop`. */
export interface TestDatabase {
  readonly url: string;
  readonly db: MetricsDatabase;
  drop(): Promise<void>;
}

/** The server the test databases are created on; DATABASE_URL names it, as in the other suites. */
function serverUrl(): URL {
  return new URL(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test");
}

/**
 * Creates a uniquely named database on the local PostgreSQL server and applies the migrations,
 * so that parallel test files and leftovers of crashed runs never meet.
 */
export async function createTestDatabase(prefix = "churn_web"): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(serverUrl().toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);

  const url = serverUrl();
  url.pathname = `/${name}`;
  const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const db = drizzle({ client, schema: tables });
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });

  return {
    url: url.toString(),
    db,
    drop: async () => {
      await client.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
