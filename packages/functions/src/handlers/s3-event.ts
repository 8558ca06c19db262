import { type DropIdentity, isInputKey } from "@churn/core/pipeline";
import * as v from "valibot";

/** The part of an S3 event notification the starter reads. */
export const S3EventSchema = v.object({
  Records: v.array(
    v.object({
      eventName: v.string(),
      s3: v.object({
        bucket: v.object({ name: v.string() }),
        object: v.object({
          key: v.string(),
          eTag: v.optional(v.string()),
          versionId: v.optional(v.string()),
          sequencer: v.optional(v.string()),
        }),
      }),
    }),
  ),
});

export type S3Event = v.InferOutput<typeof S3EventSchema>;

/** A drop the starter will run, or the reason it skips a record. */
export type DropOrSkip =
  | { readonly isDrop: true; readonly drop: DropIdentity & { readonly etag: string } }
  | { readonly isDrop: false; readonly key: string; readonly reason: string };

/**
 * The drops an S3 event announces. Keys arrive URL-encoded with `+` for spaces; events other
 * than object creation, and objects outside `data/input/`, are skipped with their reason.
 */
export function readDrops(event: S3Event): DropOrSkip[] {
  return event.Records.map((record): DropOrSkip => {
    const key = decodeS3Key(record.s3.object.key);
    if (!record.eventName.startsWith("ObjectCreated:")) {
      return { isDrop: false, key, reason: `event ${record.eventName} does not create a file` };
    }
    if (!isInputKey(key)) return { isDrop: false, key, reason: "not directly under data/input/" };

    const etag = (record.s3.object.eTag ?? "").replaceAll('"', "");
    const version = record.s3.object.versionId ?? etag;
    const sequencer = record.s3.object.sequencer;
    return {
      isDrop: true,
      drop: { key, etag, version, ...(sequencer === undefined ? {} : { sequencer }) },
    };
  });
}

/** S3 writes keys in events form-encoded: `+` for a space, `%xx` for the rest. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replaceAll("+", " "));
}
