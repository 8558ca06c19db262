import { describe, expect, it } from "vitest";
import { mapWithLimit, type RetryPolicy, withRetries } from "./retry.ts";

function policy(delays: number[], random = 1 - Number.EPSILON): RetryPolicy {
  return {
    maxAttempts: 5,
    baseDelayMs: 100,
    maxDelayMs: 300,
    random: () => random,
    sleep: async (delayMs) => {
      delays.push(delayMs);
    },
  };
}

describe("withRetries", () => {
  it("returns the first success, waiting up to a doubling cap held under the maximum", async () => {
    const delays: number[] = [];
    let calls = 0;

    const result = await withRetries(
      policy(delays),
      () => true,
      async () => {
        calls += 1;
        if (calls < 5) throw new Error("busy");
        return "done";
      },
    );

    expect(result).toBe("done");
    expect(delays).toEqual([100, 200, 300, 300]);
  });

  it("rethrows at once an error that is not transient", async () => {
    const delays: number[] = [];
    const failure = new Error("bad request");

    const outcome = withRetries(
      policy(delays),
      () => false,
      async () => {
        throw failure;
      },
    );

    await expect(outcome).rejects.toBe(failure);
    expect(delays).toEqual([]);
  });

  it("rethrows the last error when the attempts run out", async () => {
    const delays: number[] = [];
    let calls = 0;

    const outcome = withRetries(
      policy(delays, 0),
      () => true,
      async () => {
        calls += 1;
        throw new Error(`attempt ${calls}`);
      },
    );

    await expect(outcome).rejects.toThrow("attempt 5");
    expect(delays).toEqual([0, 0, 0, 0]);
  });
});

describe("mapWithLimit", () => {
  it("keeps item order and never runs more than the limit at once", async () => {
    let running = 0;
    let peak = 0;

    const results = await mapWithLimit([5, 1, 4, 2, 3], 2, async (item) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, item));
      running -= 1;
      return item * 10;
    });

    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});
