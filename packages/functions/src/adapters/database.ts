import { mkdir } from "node:fs/promises";
import { ChurnError } from "@churn/core";
import {
  isDatabaseUnavailable,
  type MetricsDatabase,
  MIGRATIONS_FOLDER,
  tables as schema,
  withNamedStatements,
} from "@churn/core/db";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

/** A migrated database and the way to close its connections. */
export interface OpenedDatabase {
  readonly db: MetricsDatabase;
  close(): Promise<void>;
}

export interface MigrationOptions {
  /** Apply the migrations on open (default true); at most one process should do it at a time. */
  readonly migrate?: boolean;
  readonly migrationsFolder?: string;
}

/**
 * Opens embedded PostgreSQL (PGlite) in `dataDir`, or in memory when it is omitted, and applies
 * the migrations. One process only may open a directory: PGlite takes no lock, and a second
 * process silently loses writes. Share it with `serveEmbeddedDatabase` instead.
 */
export async function openEmbeddedDatabase(
  options: MigrationOptions & { dataDir?: string } = {},
): Promise<OpenedDatabase & { client: PGlite }> {
  if (options.dataDir !== undefined) await mkdir(options.dataDir, { recursive: true });
  const client = await PGlite.create(
    options.dataDir === undefined ? {} : { dataDir: options.dataDir },
  );
  const db = drizzlePglite({ client, schema });

  if (options.migrate !== false) {
    await applyMigrations("the embedded database", options, () =>
      migratePglite(db, { migrationsFolder: options.migrationsFolder ?? MIGRATIONS_FOLDER }),
    );
  }
  return { db, client, close: () => client.close() };
}

/**
 * Opens PostgreSQL at `url` through postgres.js and applies the migrations. `maxConnections`
 * defaults to 1, the right size for one Lambda container and the only safe size against
 * `serveEmbeddedDatabase`; raise it only against a real PostgreSQL server.
 */
export async function openPostgresDatabase(
  url: string,
  options: MigrationOptions & { maxConnections?: number; connectTimeoutSeconds?: number } = {},
): Promise<OpenedDatabase> {
  const client = postgres(url, {
    max: options.maxConnections ?? 1,
    connect_timeout: options.connectTimeoutSeconds ?? 10,
    onnotice: () => {},
  });
  const db = drizzlePostgres({ client: withNamedStatements(client), schema });
  const close = () => client.end({ timeout: 5 });

  if (options.migrate !== false) {
    try {
      await applyMigrations(`the database at ${redactUrl(url)}`, options, () =>
        migratePostgres(db, { migrationsFolder: options.migrationsFolder ?? MIGRATIONS_FOLDER }),
      );
    } catch (error) {
      await close();
      throw error;
    }
  }
  return { db, close };
}

/**
 * Opens the metrics store named by `location`: a `postgres://` or `postgresql://` URL through
 * postgres.js, `memory://` as an in-memory embedded database, anything else as an embedded
 * database directory.
 */
export function openDatabase(location: string, options: MigrationOptions = {}) {
  if (/^postgres(ql)?:\/\//.test(location)) return openPostgresDatabase(location, options);
  if (location === "memory://") return openEmbeddedDatabase(options);
  return openEmbeddedDatabase({ ...options, dataDir: location });
}

/** An embedded database served over PostgreSQL's wire protocol. */
export interface EmbeddedDatabaseServer {
  /** A `postgres://` URL for `openPostgresDatabase` with one connection. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves the embedded database in `dataDir` (migrated first) on 127.0.0.1 so that two
 * processes, such as the local runner and the report site, share it. The server accepts two
 * connections in total; each client must open it with one connection, or statements interleave.
 */
export async function serveEmbeddedDatabase(
  options: MigrationOptions & { dataDir?: string; port?: number; host?: string } = {},
): Promise<EmbeddedDatabaseServer> {
  const opened = await openEmbeddedDatabase(options);
  const host = options.host ?? "127.0.0.1";
  const server = new PGLiteSocketServer({
    db: opened.client,
    host,
    port: options.port ?? 0,
    maxConnections: 2,
  });
  try {
    await server.start();
  } catch (error) {
    await opened.close();
    throw new ChurnError(
      "db.serve_failed",
      `Could not serve the embedded database on ${host}:${options.port ?? 0}: ${String(error)}; pick another port.`,
      { cause: error },
    );
  }

  const port = Number(server.getServerConn().split(":").at(-1));
  return {
    url: `postgres://postgres@${host}:${port}/postgres`,
    port,
    close: async () => {
      await server.stop();
      await opened.close();
    },
  };
}

async function applyMigrations(
  where: string,
  options: MigrationOptions,
  run: () => Promise<void>,
): Promise<void> {
  try {
    await run();
  } catch (error) {
    const folder = options.migrationsFolder ?? MIGRATIONS_FOLDER;
    throw new ChurnError(
      isDatabaseUnavailable(error) ? "db.unavailable" : "db.migration_failed",
      `Could not apply the migrations in ${folder} to ${where}: ${error instanceof Error ? error.message : String(error)}.`,
      { context: { migrationsFolder: folder }, cause: error },
    );
  }
}

/** A URL without its password, for messages. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    return "the configured URL";
  }
}
