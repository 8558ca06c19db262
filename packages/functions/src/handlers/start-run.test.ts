import { silentLogger } from "@churn/core";
import { describe, expect, it } from "vitest";
import { startRuns } from "./start-run.ts";

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
