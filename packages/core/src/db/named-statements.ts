/** The part of a postgres.js client that Drizzle calls to run queries and transactions. */
interface QueryClient {
  unsafe(query: string, parameters?: unknown, options?: { prepare?: boolean }): unknown;
}

/**
 * A postgres.js client (`postgres(url)`) that sends every query as a named prepared statement;
 * hand it to `drizzle({ client })`. Drizzle asks postgres.js for unnamed statements, and the
 * embedded database's socket server, which runs both of its connections in one PostgreSQL
 * session, then lets one connection's unnamed statement replace the other's between Parse and
 * Bind ("unnamed prepared statement does not exist"). postgres.js names statements with a
 * random prefix per client, so two clients never collide; on a real server nothing changes.
 */
export function withNamedStatements<Client extends QueryClient>(client: Client): Client {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        return (query: string, parameters?: unknown, options?: { prepare?: boolean }) =>
          target.unsafe(query, parameters, { ...options, prepare: true });
      }
      const value = Reflect.get(target, property, receiver);
      if ((property === "begin" || property === "savepoint") && typeof value === "function") {
        // The transaction's own client arrives as the callback's argument; it is wrapped too.
        return (...args: unknown[]) => {
          const work = args.at(-1) as (inner: Client) => unknown;
          return value.call(target, ...args.slice(0, -1), (inner: Client) =>
            work(withNamedStatements(inner)),
          );
        };
      }
      return value;
    },
  });
}
