import { readCsvRecords } from "@churn/core/csv";
import { ModelVersionMetadataSchema, modelVersionKeys } from "@churn/core/registry";
import * as v from "valibot";
import { readBucketObject } from "./bucket.ts";
import type { ProfileColumn } from "./model-view.ts";
import { profileByChurnClass } from "./profile.ts";

/** What the models page takes from a version's files in the registry, beside the database. */
export interface ModelFiles {
  /** Mean |SHAP| per feature from the version's metadata, largest first. */
  readonly shapImportance: readonly { feature: string; value: number }[];
  /** Each feature by churn class over the version's reference (holdout) rows. */
  readonly profile: readonly ProfileColumn[];
  readonly profileRowCount: number;
}

const NO_FILES: ModelFiles = { shapImportance: [], profile: [], profileRowCount: 0 };

/**
 * Reads a model version's metadata and reference CSV from the registry in the bucket. These
 * files add to what the database holds and are optional: when the site has no bucket, or a file
 * is missing or does not parse, the part is empty and the page says so.
 */
export async function readModelFiles(version: string): Promise<ModelFiles> {
  const keys = modelVersionKeys(version);
  const [metadataText, referenceRecords] = await Promise.all([
    readText(keys.metadata),
    readRecords(keys.reference),
  ]);
  const metadata = v.safeParse(ModelVersionMetadataSchema, parseJson(metadataText));

  return {
    shapImportance: metadata.success
      ? metadata.output.shapImportance
          .map((row) => ({ feature: row.feature, value: row.meanAbsShap }))
          .sort((a, b) => b.value - a.value)
      : NO_FILES.shapImportance,
    profile: profileByChurnClass(referenceRecords),
    profileRowCount: Math.max(0, referenceRecords.length - 1),
  };
}

async function readText(key: string): Promise<string | undefined> {
  const read = await readBucketObject(key).catch(() => undefined);
  if (read === undefined || !read.isFound) return undefined;
  return new Response(read.object.body).text();
}

async function readRecords(key: string): Promise<string[][]> {
  const read = await readBucketObject(key).catch(() => undefined);
  if (read === undefined || !read.isFound) return [];
  const records: string[][] = [];
  for await (const record of readCsvRecords(chunksOf(read.object.body))) records.push(record);
  return records;
}

async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
