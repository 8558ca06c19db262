import { isChurnError } from "../errors/index.ts";
import { TRANSIENT_ERROR_NAME } from "./definition.ts";

// Codes that name a fault of the moment rather than of the file: the state machine retries them.
const TRANSIENT_CODE = /\.(unavailable|throttled|transient|timeout)$/;
const TRANSIENT_NAMES = new Set([
  TRANSIENT_ERROR_NAME,
  "ThrottlingException",
  "TooManyRequestsException",
  "ServiceUnavailable",
  "InternalFailure",
  "SlowDown",
]);

/**
 * True for faults worth retrying: a `TransientError`, a `ChurnError` whose code ends in
 * `.unavailable`, `.throttled`, `.transient` or `.timeout`, and SDK errors that say they are
 * retryable or carry an HTTP status of 429 or 5xx.
 */
export function isTransientError(error: unknown): boolean {
  if (isChurnError(error)) {
    return (
      TRANSIENT_CODE.test(error.code) ||
      (error.cause !== undefined && isTransientError(error.cause))
    );
  }
  if (!(error instanceof Error)) return false;
  if (TRANSIENT_NAMES.has(error.name)) return true;
  const details = error as { $retryable?: unknown; $metadata?: { httpStatusCode?: unknown } };
  const status = details.$metadata?.httpStatusCode;
  return (
    details.$retryable !== undefined ||
    (typeof status === "number" && (status === 429 || status >= 500))
  );
}

/**
 * The error a step hands to the state machine: named `TransientError` when a retry may help, so
 * that the document's Retry matches it, and otherwise keeping the `ChurnError` code in the
 * message, where the failure route reads it back.
 */
export function toStepError(error: unknown): Error {
  const message = describeError(error);
  const stepError = new Error(message, { cause: error });
  stepError.name = isTransientError(error) ? TRANSIENT_ERROR_NAME : "RunStepError";
  return stepError;
}

/** One line: the message, then the `ChurnError` code in brackets. */
export function describeError(error: unknown): string {
  if (isChurnError(error)) return `${error.message} [${error.code}]`;
  if (error instanceof Error) return error.message.split("\n")[0] ?? error.name;
  return String(error);
}

/**
 * The reason and error code of a failure caught by the state machine. Step Functions gives a
 * Lambda's error as a JSON `Cause` holding `errorMessage`; the local runner gives the message.
 */
export function readCaughtError(caught: {
  Error?: string | undefined;
  Cause?: string | undefined;
}): {
  reason: string;
  code: string;
} {
  let reason = caught.Cause ?? caught.Error ?? "unknown error";
  try {
    const parsed: unknown = JSON.parse(reason);
    if (typeof parsed === "object" && parsed !== null && "errorMessage" in parsed) {
      reason = String(parsed.errorMessage);
    }
  } catch {
    // A plain message, as the local runner passes it.
  }
  const code = /\[([a-z0-9_.]+)\]$/.exec(reason)?.[1] ?? caught.Error ?? "run.failed";
  return { reason, code };
}
