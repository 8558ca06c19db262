/** A clock and a sleep for the deploy tests: sleeping moves the clock on, and is recorded. */
export function fakeTime(startedAt: string) {
  let nowMs = Date.parse(startedAt);
  const sleeps: number[] = [];
  return {
    clock: { now: () => new Date(nowMs) },
    sleep: async (durationMs: number) => {
      sleeps.push(durationMs);
      nowMs += durationMs;
    },
    sleeps,
  };
}
