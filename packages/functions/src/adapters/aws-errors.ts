/** The HTTP status an AWS SDK v3 error carries, or undefined when no response arrived. */
export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("$metadata" in error)) return undefined;
  const metadata = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
  return metadata?.httpStatusCode;
}

/**
 * True for failures worth retrying: no response at all (a network error), HTTP 429 or 5xx, and
 * the throttling and not-ready errors some services send with HTTP 400.
 */
export function isTransientAwsError(error: unknown): boolean {
  const status = httpStatusOf(error);
  if (status === undefined) return true;
  const name = error instanceof Error ? error.name : "";
  return (
    status === 429 ||
    status >= 500 ||
    /Throttl|TooManyRequests|SlowDown|ModelNotReady|ServiceUnavailable|InternalFailure/.test(name)
  );
}

/** `ThrottlingException (HTTP 429): Rate exceeded`, for messages and logs. */
export function describeAwsError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = httpStatusOf(error);
  return `${error.name}${status === undefined ? "" : ` (HTTP ${status})`}: ${error.message}`;
}
