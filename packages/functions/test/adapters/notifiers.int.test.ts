import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { PublishCommand, SNSClient, SNSServiceException } from "@aws-sdk/client-sns";
import { isChurnError, type Logger } from "@churn/core";
import { type AlertFacts, buildDriftAlert, buildScoreAlert } from "@churn/core/pipeline";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutboxNotifier } from "../../src/adapters/outbox-notifier.ts";
import { createSnsNotifier } from "../../src/adapters/sns-notifier.ts";

const alert = {
  subject: "Drift detected in customer_churn_2.csv — 8 of 11 columns",
  body: "File: customer_churn_2.csv\nModel version: v3\n\nseconds_of_use: K-S p = 0.0001 < 0.05\n",
};

// There is no SNS server to run here, so the client is mocked at the SDK boundary.
describe("createSnsNotifier", () => {
  const client = new SNSClient({ region: "us-east-1" });
  const mock = mockClient(client);
  const topicArn = "arn:aws:sns:us-east-1:123456789012:churn-alerts";

  it("publishes the body with an SNS-safe subject and returns the message id", async () => {
    mock.reset();
    mock.on(PublishCommand).resolves({ MessageId: "msg-1" });
    const notifier = createSnsNotifier({ topicArn, client });

    const messageId = await notifier.publish(alert);

    expect(messageId).toBe("msg-1");
    expect(mock.commandCalls(PublishCommand)[0]?.args[0].input).toEqual({
      TopicArn: topicArn,
      Subject: "Drift detected in customer_churn_2.csv ? 8 of 11 columns",
      Message: alert.body,
    });
  });

  it.each([
    ["Throttling", 400, "notifier.unavailable"],
    ["InternalError", 500, "notifier.unavailable"],
    ["AuthorizationError", 403, "notifier.request_failed"],
  ])("throws a ChurnError when SNS answers %s (HTTP %i)", async (name, status, code) => {
    mock.reset();
    mock
      .on(PublishCommand)
      .rejects(
        new SNSServiceException({ name, $fault: "client", $metadata: { httpStatusCode: status } }),
      );
    const notifier = createSnsNotifier({ topicArn, client });

    const error = await notifier.publish(alert).catch((caught: unknown) => caught);

    expect(isChurnError(error, code)).toBe(true);
  });
});

const facts: AlertFacts = {
  runId: "customer_churn_2-0123456789abcdef",
  fileName: "customer_churn_2.csv",
  modelVersion: "v3",
  modelAlias: "staging",
  driftShare: 2 / 12,
  driftShareThreshold: 0.5,
  columnCount: 12,
  driftedColumns: [
    { column: "call_failure", test: "K-S p-value", score: 1.56e-28, threshold: 0.05 },
    { column: "age_group", test: "chi-square p-value", score: 6.14e-8, threshold: 0.05 },
  ],
  lowScores: [{ metric: "F1 score", value: 0.5432, threshold: 0.7, referenceValue: 0.8125 }],
  siteUrl: "http://localhost:3000",
};

/** A logger that keeps every call's level, message and fields. */
function recordingLogger(logged: Record<string, unknown>[]): Logger {
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    logged.push({ level, message, ...fields });
  return {
    debug: record("debug"),
    info: record("info"),
    warn: record("warn"),
    error: record("error"),
  };
}

/** Decodes RFC 2047 base64 words written back to back, as a mail client would. */
function decodeEncodedWords(text: string): string {
  const words = [...text.matchAll(/=\?UTF-8\?B\?([^?]*)\?=/g)];
  return Buffer.concat(words.map((word) => Buffer.from(word[1]!, "base64"))).toString("utf8");
}

describe("createOutboxNotifier", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "churn-outbox-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes an RFC 5322 message", async () => {
    const notifier = createOutboxNotifier({
      dir,
      clock: { now: () => new Date("2026-12-03T19:25:08.123Z") },
      newToken: () => "abc123",
    });

    const messageId = await notifier.publish(alert);

    const files = await readdir(dir);
    expect(files).toEqual(["2026-12-03T19-25-08-123Z-abc123.eml"]);
    const text = await readFile(path.join(dir, files[0]!), "utf8");
    const separator = text.indexOf("\r\n\r\n");
    const head = text.slice(0, separator);
    const body = text.slice(separator + 4);
    const headers = head.split("\r\n");
    const subjectLines = headers.filter((line) => /^(Subject: | )/.test(line));
    expect(headers.filter((line) => !subjectLines.includes(line))).toEqual([
      "From: Churn monitoring <alerts@churn.local>",
      "To: Model owners <owners@churn.local>",
      "Date: Thu, 03 Dec 2026 19:25:08 +0000",
      `Message-ID: ${messageId}`,
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=UTF-8",
      "Content-Transfer-Encoding: 8bit",
    ]);
    expect(subjectLines.length).toBeGreaterThan(1);
    expect(subjectLines.every((line) => line.length <= 78)).toBe(true);
    expect(decodeEncodedWords(subjectLines.join("").replace(/^Subject: /, ""))).toBe(alert.subject);
    expect(body).toBe(alert.body.replaceAll("\n", "\r\n"));
  });

  it.each([
    [
      "drift",
      buildDriftAlert(facts),
      [
        "Alert: Customer Data Drift Alert: 2 Column(s) Drifted (mail in <file>)",
        "  File: customer_churn_2.csv",
        "  Model version: v3 (alias staging)",
        "  Run: customer_churn_2-0123456789abcdef",
        "  - call_failure: K-S p-value 1.56e-28 (threshold 0.05)",
        "  - age_group: chi-square p-value 6.14e-8 (threshold 0.05)",
      ],
    ],
    [
      "score",
      buildScoreAlert(facts),
      [
        "Alert: Customer Prediction Scores Alert: 1 Score(s) Below Threshold (mail in <file>)",
        "  File: customer_churn_2.csv",
        "  Model version: v3 (alias staging)",
        "  Run: customer_churn_2-0123456789abcdef",
        "  - F1 score: 0.543 (threshold 0.7, reference 0.813)",
      ],
    ],
  ])("echoes the %s alert's subject and key lines as a warning", async (_kind, message, echo) => {
    const other = await mkdtemp(path.join(tmpdir(), "churn-outbox-"));
    const logged: { level: string; message: string }[] = [];
    const notifier = createOutboxNotifier({ dir: other, logger: recordingLogger(logged) });

    const messageId = await notifier.publish(message);

    const [file] = await readdir(other);
    const expected = echo.join("\n").replace("<file>", path.join(other, file ?? ""));
    expect(logged).toEqual([{ level: "warn", message: expected, messageId }]);
    await rm(other, { recursive: true, force: true });
  });

  it("keeps every alert in its own file", async () => {
    const other = await mkdtemp(path.join(tmpdir(), "churn-outbox-"));
    const notifier = createOutboxNotifier({ dir: other });

    const ids = [await notifier.publish(alert), await notifier.publish(alert)];

    expect(new Set(ids).size).toBe(2);
    expect(await readdir(other)).toHaveLength(2);
    await rm(other, { recursive: true, force: true });
  });
});

describe("createLambdaLogger", () => {
  it("writes one Powertools JSON object per line with the fields", async () => {
    const module = pathToFileURL(path.resolve("packages/functions/src/adapters/loggers.ts")).href;
    const script = `
      const { createLambdaLogger } = await import(${JSON.stringify(module)});
      const logger = createLambdaLogger({ serviceName: "churn-test" });
      logger.info("Validated file", { runId: "r1", rowCount: 1050, durationMs: 12 });`;

    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--input-type=module", "-e", script],
      {
        env: {
          ...process.env,
          POWERTOOLS_DEV: "",
          AWS_LAMBDA_LOG_LEVEL: "",
          POWERTOOLS_LOG_LEVEL: "",
        },
      },
    );

    const entry = JSON.parse(stdout.trim());
    expect(entry).toMatchObject({
      level: "INFO",
      message: "Validated file",
      service: "churn-test",
      runId: "r1",
      rowCount: 1050,
      durationMs: 12,
    });
  });
});
