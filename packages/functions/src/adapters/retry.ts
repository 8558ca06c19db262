/** How an adapter retries a transient failure: exponential backoff with full jitter. */
export interface RetryPolicy {
  /** Attempts in total, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Waits; injected so tests do not sleep. */
  readonly sleep?: (delayMs: number) => Promise<void>;
  /** A number in [0, 1); injected so tests are deterministic. */
  readonly random?: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
};

const realSleep = (delayMs: number) => new Promise<void>((resolve) => setTimeout(resolve, delayMs));

/**
 * Runs `attempt` until it succeeds, `isTransient` says an error is not worth retrying, or the
 * attempts run out; the last error is rethrown as is. Full jitter (a uniform delay up to the
 * exponential cap) spreads out the retries of parallel callers that were throttled together.
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  isTransient: (error: unknown) => boolean,
  attempt: (attemptNumber: number) => Promise<T>,
  onRetry?: (error: unknown, attemptNumber: number, delayMs: number) => void,
): Promise<T> {
  const sleep = policy.sleep ?? realSleep;
  const random = policy.random ?? Math.random;
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (attemptNumber >= policy.maxAttempts || !isTransient(error)) throw error;
      const capMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptNumber - 1));
      const delayMs = Math.round(random() * capMs);
      onRetry?.(error, attemptNumber, delayMs);
      await sleep(delayMs);
    }
  }
}

/**
 * Runs `work` on every item with at most `limit` running at once, pulling items from `items`
 * only as workers free up, so a lazy iterable is never materialised whole. After the first
 * failure no new item starts, and that failure is thrown once the running ones settle.
 */
export async function forEachWithLimit<T>(
  items: Iterable<T>,
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  let hasFailed = false;
  async function worker(): Promise<void> {
    while (!hasFailed) {
      const next = iterator.next();
      if (next.done) return;
      try {
        await work(next.value);
      } catch (error) {
        hasFailed = true;
        throw error;
      }
    }
  }
  const workers = Array.from({ length: Math.max(1, limit) }, worker);
  const settled = await Promise.allSettled(workers);
  const failure = settled.find((result) => result.status === "rejected");
  if (failure !== undefined) throw failure.reason;
}
