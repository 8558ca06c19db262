import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { silentLogger } from "@churn/core";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { captureOutput, invocationOf } from "../../test/support/lambda-output.ts";
import { handler, startRuns } from "./start-run.ts";

function record(key: string, sequencer = "0062E99A88DC407460") {
  return {
    eventName: "ObjectCreated:Put",
    s3: { bucket: { name: "b" }, object: { key, eTag: '"e1"', sequencer } },
  };
}

/** An in-memory Step Functions that refuses a second execution of one name, as AWS does. */
function executions() {
  const byName = new Map<string, string>();
  const start = async (name: string, input: string) => {
    if (byName.has(name)) return false;
    byName.set(name, input);
    return true;
  };
  return { byName, start };
}

describe("startRuns", () => {
  it("starts one execution when the same notification is delivered twice", async () => {
    const sfn = executions();
    const event = { Records: [record("data/input/customer_churn_2.csv")] };

    await startRuns(event, sfn.start, silentLogger);
    await startRuns(event, sfn.start, silentLogger);

    expect(sfn.byName.size).toBe(1);
  });

  it("starts a second execution when the same file is dropped again", async () => {
    const sfn = executions();

    await startRuns({ Records: [record("data/input/a.csv", "01")] }, sfn.start, silentLogger);
    await startRuns({ Records: [record("data/input/a.csv", "02")] }, sfn.start, silentLogger);

    expect(sfn.byName.size).toBe(2);
  });

  it("passes the decoded key, the ETag and the run id as the execution input", async () => {
    const sfn = executions();

    const { started } = await startRuns(
      { Records: [record("data/input/my+file.csv")] },
      sfn.start,
      silentLogger,
    );

    const [runId] = started;
    expect(runId).toMatch(/^my_file-[0-9a-f]{16}$/);
    expect(JSON.parse(sfn.byName.get(runId ?? "") ?? "")).toEqual({
      runId,
      key: "data/input/my file.csv",
      etag: "e1",
    });
  });

  it("skips objects written outside data/input/", async () => {
    const sfn = executions();

    const result = await startRuns(
      { Records: [record("data/processed/r1/a.csv"), record("reports/r1.json")] },
      sfn.start,
      silentLogger,
    );

    expect(result).toEqual({
      started: [],
      skipped: ["data/processed/r1/a.csv", "reports/r1.json"],
    });
    expect(sfn.byName.size).toBe(0);
  });

  it("throws on an event that is not an S3 notification", async () => {
    await expect(startRuns({ detail: {} }, executions().start, silentLogger)).rejects.toThrow();
  });
});

describe("handler", () => {
  // Step Functions cannot run here; its client is replaced by a mock that answers as AWS does.
  const sfn = mockClient(SFNClient);
  const stateMachineArn = "arn:aws:states:eu-west-1:123456789012:stateMachine:churn-dev-runs";

  beforeAll(() => {
    vi.stubEnv("STATE_MACHINE_ARN", stateMachineArn);
    vi.stubEnv("POWERTOOLS_LOG_LEVEL", "INFO");
    vi.stubEnv("AWS_LAMBDA_LOG_LEVEL", "");
    vi.stubEnv("POWERTOOLS_DEV", "");
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    sfn.restore();
  });

  it("counts a run that already exists as started and logs with the request id", async () => {
    sfn
      .on(StartExecutionCommand)
      .resolvesOnce({ executionArn: "arn:1", startDate: new Date() })
      .rejectsOnce(new ExecutionAlreadyExists({ message: "exists", $metadata: {} }));
    const event = { Records: [record("data/input/a.csv")] };
    const results: unknown[] = [];

    const lines = await captureOutput(async () => {
      results.push(await handler(event, invocationOf("req-1", "churn-start-run")));
      results.push(await handler(event, invocationOf("req-2", "churn-start-run")));
    });

    const [first, second] = results as { started: string[] }[];
    expect(first?.started).toHaveLength(1);
    expect(second?.started).toEqual(first?.started);
    const calls = sfn.commandCalls(StartExecutionCommand);
    expect(calls.map((call) => call.args[0].input.stateMachineArn)).toEqual([
      stateMachineArn,
      stateMachineArn,
    ]);
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged.map((line) => [line.message, line.function_request_id])).toEqual([
      ["Started a run", "req-1"],
      ["The run had already started", "req-2"],
    ]);
  });

  it("lets any other Step Functions error fail the invocation, so S3 retries it", async () => {
    sfn.on(StartExecutionCommand).rejects(new Error("throttled"));

    await expect(handler({ Records: [record("data/input/b.csv")] })).rejects.toThrow("throttled");
  });
});
