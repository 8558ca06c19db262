import { createHash } from "node:crypto";
import { ChurnError } from "../errors/index.ts";

/** Where files are dropped; anything else in the bucket never starts a run. */
export const INPUT_PREFIX = "data/input/";

/** The longest execution name Step Functions accepts. */
const MAX_NAME_LENGTH = 80;
const HASH_LENGTH = 16;

/**
 * What identifies one drop of one object: the key, its ETag or version, and the event
 * sequencer.
 */
export interface DropIdentity {
  readonly key: string;
  /** The object's version id when the bucket is versioned, otherwise its ETag. */
  readonly version: string;
  /**
   * S3's per-key event sequencer (or, locally, the file's modification time): a notification
   * delivered twice repeats it, while the same bytes dropped again under the same name do not.
   */
  readonly sequencer?: string;
}

/**
 * True when an object key is a file dropped for a run: directly under `data/input/`, as the
 * original platform drops them. Keys in folders below it never start a run, since a run's
 * outputs are named by the file name alone.
 */
export function isInputKey(key: string): boolean {
  const name = key.slice(INPUT_PREFIX.length);
  return key.startsWith(INPUT_PREFIX) && name.length > 0 && !name.includes("/");
}

/**
 * The run id of one drop, also used as the Step Functions execution name: the file's stem, then
 * a hash of the drop's identity. It is deterministic, so a duplicated notification names the same
 * execution, and it only uses letters, digits, `-` and `_`, at most 80 characters.
 */
export function runIdFor(drop: DropIdentity): string {
  const hash = createHash("sha256")
    .update(`${drop.key}\n${drop.version}\n${drop.sequencer ?? ""}`)
    .digest("hex")
    .slice(0, HASH_LENGTH);
  const stem = fileNameOf(drop.key)
    .replace(/\.csv$/i, "")
    .replace(/[^A-Za-z0-9_-]+/g, "_")
    .replace(/^[-_]+|[-_]+$/g, "")
    .slice(0, MAX_NAME_LENGTH - HASH_LENGTH - 1);
  return stem.length > 0 ? `${stem}-${hash}` : hash;
}

/** The last path segment of a key. */
export function fileNameOf(key: string): string {
  return key.slice(key.lastIndexOf("/") + 1);
}

/** Every key a run writes. Each lives under the run id, so no run overwrites another's files. */
export interface RunKeys {
  readonly processing: string;
  readonly processed: string;
  readonly errored: string;
  readonly scoredWorking: string;
  readonly scored: string;
  readonly rejectedRowsWorking: string;
  readonly rejectedRows: string;
  readonly validationWorking: string;
  readonly probabilitiesWorking: string;
  readonly reportWorking: string;
  readonly report: string;
  readonly log: string;
}

/**
 * The keys of run `runId` for the dropped file `fileName` (the bucket layout of
 * docs/pipeline.md).
 */
export function runKeys(runId: string, fileName: string): RunKeys {
  if (fileName.length === 0 || fileName.includes("/")) {
    throw new ChurnError("pipeline.bad_file_name", `"${fileName}" is not a file name.`, {
      context: { runId, fileName },
    });
  }
  const stem = fileName.replace(/\.csv$/i, "");
  const scoredName = `${stem}.scored.csv`;
  const rejectedName = `${stem}.rejected-rows.csv`;
  return {
    processing: `data/processing/${runId}/${fileName}`,
    processed: `data/processed/${runId}/${fileName}`,
    errored: `data/errored/${runId}/${fileName}`,
    scoredWorking: `data/processing/${runId}/${scoredName}`,
    scored: `data/processed/${runId}/${scoredName}`,
    rejectedRowsWorking: `data/processing/${runId}/${rejectedName}`,
    rejectedRows: `data/processed/${runId}/${rejectedName}`,
    validationWorking: `data/processing/${runId}/validation.json`,
    probabilitiesWorking: `data/processing/${runId}/probabilities.f32`,
    reportWorking: `data/processing/${runId}/report.json`,
    report: `reports/${runId}.json`,
    log: `data/logs/${runId}.log`,
  };
}
