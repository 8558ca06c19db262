import { describe, expect, it } from "vitest";
import { forEachWithLimit, type RetryPolicy, withRetries } from "./retry.ts";

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

describe("forEachWithLimit", () => {
  it("pulls items lazily and never runs more than the limit at once", async () => {
    let running = 0;
    let peak = 0;
    const pulled: number[] = [];
    function* items() {
      for (const item of [5, 1, 4, 2, 3]) {
        pulled.push(item);
        yield item;
      }
    }
    const done: number[] = [];

    await forEachWithLimit(items(), 2, async (item) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, item));
      running -= 1;
      done.push(item);
    });

    expect(done.toSorted()).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(pulled).toEqual([5, 1, 4, 2, 3]);
  });

  it("starts no new item after a failure and throws that failure", async () => {
    const started: number[] = [];

    const outcome = forEachWithLimit([1, 2, 3, 4, 5, 6], 2, async (item) => {
      started.push(item);
      if (item === 2) throw new Error("item 2 failed");
      await new Promise((resolve) => setTimeout(resolve, 5));
    });

    await expect(outcome).rejects.toThrow("item 2 failed");
    expect(started).toEqual([1, 2]);
  });
});
