import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { ChurnError, isChurnError } from "../errors/index.ts";
import type * as schema from "./schema.ts";

/**
 * Any Drizzle PostgreSQL database opened with this schema: PGlite, postgres.js, or a
 * transaction of either. The store uses only the query builder, so every driver behaves alike.
 */
export type MetricsDatabase = PgDatabase<PgQueryResultHKT, typeof schema>;

// PostgreSQL's connection-exception class (08) and "cannot connect now" (57P03) while a server
// or a paused Aurora cluster starts, plus the socket errors Node raises before any protocol.
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01",
  "57P03",
]);

/**
 * Runs one store operation and translates a driver error into a `ChurnError`: code
 * `db.unavailable` when the database cannot be reached (worth retrying), else `db.query_failed`.
 */
export async function withStoreContext<T>(
  operation: string,
  context: Record<string, unknown>,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isChurnError(error)) throw error;
    const code = findErrorCode(error);
    const isUnavailable = isDatabaseUnavailable(error);
    const reason = rootMessage(error);
    throw new ChurnError(
      isUnavailable ? "db.unavailable" : "db.query_failed",
      isUnavailable
        ? `Could not ${operation}: the database is unreachable (${reason}); check DATABASE_URL and retry.`
        : `Could not ${operation}: ${reason}; ${hintFor(code)}.`,
      { context: { ...context, driverCode: code }, cause: error },
    );
  }
}

/** True when `error` (or its cause) says the database could not be reached, not that a query was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = findErrorCode(error);
  return code !== undefined && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"));
}

function hintFor(code: string | undefined): string {
  // 26000 is invalid_sql_statement_name: another connection to the embedded server replaced
  // this one's unnamed prepared statement.
  if (code === "26000") {
    return "every client of the embedded database server must use withNamedStatements";
  }
  return "check that the migrations have been applied";
}

/** The first `code` along the cause chain (Drizzle wraps the driver's error in its own). */
function findErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (typeof current !== "object") return undefined;
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function rootMessage(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  const message = current instanceof Error ? current.message : String(current);
  return message.split("\n")[0] ?? message;
}
