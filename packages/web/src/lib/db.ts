import { tables, withNamedStatements } from "@churn/core/db";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";

/**
 * The site's one database client per process, opened on first use from DATABASE_URL.
 * `max: 1` because the embedded database behind pglite-socket takes at most two connections in
 * total and the pipeline holds the other; a page's few queries run one after another anyway.
 * Queries go out as named prepared statements, which the embedded database's socket server needs
 * when the pipeline shares it; on a real server this changes nothing. The client is cached on
 * `globalThis` so that development reloads do not open new ones.
 */
function openDatabase() {
  const url = process.env.DATABASE_URL;
  if (url === undefined || url === "") {
    throw new Error(
      "DATABASE_URL is not set: start the site with DATABASE_URL=postgres://… pointing at the metrics store.",
    );
  }
  const client = postgres(url, { max: 1, onnotice: () => {}, idle_timeout: 60 });
  return drizzle({ client: withNamedStatements(client), schema: tables });
}

export type SiteDatabase = ReturnType<typeof openDatabase>;

const cache = globalThis as typeof globalThis & { churnSiteDatabase?: SiteDatabase };

/** The process's database, opened on first call. */
export function getDatabase(): SiteDatabase {
  cache.churnSiteDatabase ??= openDatabase();
  return cache.churnSiteDatabase;
}
