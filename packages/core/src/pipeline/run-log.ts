import { isChurnError } from "../errors/index.ts";
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

/**
 * Copies an object to its new key, then deletes the old one, and logs the move with its reason.
 * The copy never overwrites: every key a run writes holds its run id, so a target that exists
 * was written by an earlier attempt of this very move, which a retry then completes. With
 * `etag`, only the object of that ETag is copied (`store.changed` otherwise) and deleted: when
 * the source is replaced between the copy and the delete, the newer object stays where it is.
 */
export async function moveObject(
  store: ObjectStore,
  clock: Clock,
  move: { from: string; to: string; logKey: string; reason: string; etag?: string },
): Promise<void> {
  const condition = move.etag === undefined ? {} : { ifMatch: move.etag };
  let note = "";
  try {
    await store.copy(move.from, move.to, { ...condition, ifAbsent: true });
  } catch (error) {
    if (!isChurnError(error, "store.exists")) throw error;
    note = " The copy was already in place from an earlier attempt.";
  }
  let verb = "Moved";
  try {
    await store.delete(move.from, condition);
  } catch (error) {
    if (!isChurnError(error, "store.changed")) throw error;
    verb = "Copied";
    note += ` ${move.from} now holds a newer object, which stays there for its own run.`;
  }
  await appendRunLog(
    store,
    clock,
    move.logKey,
    `${verb} ${move.from} → ${move.to}. ${move.reason}${note}`,
  );
}
