import type { Clock, ObjectStore } from "../ports/index.ts";

/**
 * Appends one timestamped line to a run's log in the bucket. Objects cannot be appended to, so
 * the log is read and written back whole; the steps of one run never run at the same time, and
 * the log is the only object a run ever rewrites.
 */
export async function appendRunLog(
  store: ObjectStore,
  clock: Clock,
  logKey: string,
  message: string,
): Promise<void> {
  const line = `${clock.now().toISOString()} ${message.replaceAll("\n", " ")}\n`;
  const existing = await store.stat(logKey);
  const before =
    existing === undefined ? "" : new TextDecoder().decode(await store.readBytes(logKey));
  await store.write(logKey, before + line, { contentType: "text/plain; charset=utf-8" });
}

/** Copies an object to its new key, then deletes the old one, and logs the move with its reason. */
export async function moveObject(
  store: ObjectStore,
  clock: Clock,
  move: { from: string; to: string; logKey: string; reason: string },
): Promise<void> {
  await store.copy(move.from, move.to);
  await store.delete(move.from);
  await appendRunLog(store, clock, move.logKey, `Moved ${move.from} → ${move.to}. ${move.reason}`);
}
