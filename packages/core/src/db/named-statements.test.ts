import { describe, expect, it } from "vitest";
import { withNamedStatements } from "./named-statements.ts";

interface Call {
  readonly query: string;
  readonly options: { prepare?: boolean } | undefined;
}

interface RecordingClient {
  unsafe(query: string, parameters?: unknown, options?: { prepare?: boolean }): string;
  begin(work: (inner: RecordingClient) => unknown): unknown;
  readonly options: { parsers: object };
}

/** A stand-in with postgres.js's call shapes: `unsafe`, and `begin` handing a nested client. */
function recordingClient(calls: Call[]): RecordingClient {
  const client: RecordingClient = {
    unsafe: (query: string, _parameters?: unknown, options?: { prepare?: boolean }) => {
      calls.push({ query, options });
      return query;
    },
    begin: (work) => work(client),
    options: { parsers: {} },
  };
  return client;
}

describe("withNamedStatements", () => {
  it("asks for prepared statements on queries and inside transactions", async () => {
    const calls: Call[] = [];
    const client = withNamedStatements(recordingClient(calls));

    client.unsafe("select 1", [], { prepare: false });
    await client.begin(async (inner) => inner.unsafe("select 2", [], { prepare: false }));

    expect(calls).toEqual([
      { query: "select 1", options: { prepare: true } },
      { query: "select 2", options: { prepare: true } },
    ]);
  });

  it("passes every other property through", () => {
    const original = recordingClient([]);

    expect(withNamedStatements(original).options).toBe(original.options);
  });
});
