import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { ChurnError, type Notifier } from "@churn/core";
import { httpStatusOf, isTransientAwsError } from "./aws-errors.ts";

/** SNS refuses subjects of 100 characters or more, and any that are not printable ASCII. */
const MAX_SUBJECT_LENGTH = 99;

/**
 * Publishes alerts to an SNS topic; e-mail subscribers receive the subject and the body as is.
 * The SDK client retries throttling and 5xx itself (its default three attempts). Throws
 * `ChurnError` codes `notifier.unavailable` (worth retrying) and `notifier.request_failed`.
 */
export function createSnsNotifier(options: { topicArn: string; client?: SNSClient }): Notifier {
  const client = options.client ?? new SNSClient({});
  return {
    async publish(message) {
      try {
        const result = await client.send(
          new PublishCommand({
            TopicArn: options.topicArn,
            Subject: toSnsSubject(message.subject),
            Message: message.body,
          }),
        );
        return result.MessageId ?? "";
      } catch (error) {
        throw translate(error, options.topicArn);
      }
    },
  };
}

/** The subject as SNS takes it: accents dropped, other non-ASCII as `?`, one line, < 100 chars. */
export function toSnsSubject(subject: string): string {
  const ascii = subject
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\s+/g, " ")
    .replace(/[^\x20-\x7e]/g, "?")
    .trim();
  if (ascii.length <= MAX_SUBJECT_LENGTH) return ascii === "" ? "Churn alert" : ascii;
  return `${ascii.slice(0, MAX_SUBJECT_LENGTH - 3).trimEnd()}...`;
}

function translate(error: unknown, topicArn: string): ChurnError {
  const status = httpStatusOf(error);
  const name = error instanceof Error ? error.name : "Error";
  const isTransient = isTransientAwsError(error);
  return new ChurnError(
    isTransient ? "notifier.unavailable" : "notifier.request_failed",
    `Could not publish an alert to ${topicArn}: ${name} (HTTP ${status ?? "none"}); ${
      isTransient ? "retry later" : "check the topic ARN and the role's sns:Publish permission"
    }.`,
    { context: { topicArn, status, awsError: name }, cause: error },
  );
}
