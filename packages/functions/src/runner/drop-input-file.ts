import { createReadStream } from "node:fs";
import path from "node:path";
import { ChurnError, isChurnError, type ObjectStore } from "@churn/core";
import { INPUT_PREFIX } from "@churn/core/pipeline";

/** How many numbered names are tried before a drop gives up. */
const MAX_NUMBERED_NAMES = 100;

/** Where a file was dropped, and whether its own name was taken. */
export interface DroppedFile {
  readonly key: string;
  readonly isRenamed: boolean;
}

/**
 * Writes a local file into `data/input/` under its own name or, while a file of that name still
 * waits there unclaimed, under the first free numbered name (`a-2.csv`, `a-3.csv`, …), so a drop
 * never replaces another. Throws `drop.names_taken` when every numbered name is taken too.
 */
export async function dropInputFile(
  store: ObjectStore,
  file: string,
  name: string = path.basename(file),
): Promise<DroppedFile> {
  let taken: unknown;
  for (let number = 1; number <= MAX_NUMBERED_NAMES; number += 1) {
    const key = `${INPUT_PREFIX}${numberedName(name, number)}`;
    const body = createReadStream(file);
    try {
      await store.write(key, body, { contentType: "text/csv", ifAbsent: true });
      return { key, isRenamed: number > 1 };
    } catch (error) {
      if (!isChurnError(error, "store.exists")) throw error;
      taken = error;
    } finally {
      // A store that refuses the key before reading leaves the stream open.
      body.destroy();
    }
  }
  throw new ChurnError(
    "drop.names_taken",
    `${name} and its ${MAX_NUMBERED_NAMES - 1} numbered names all wait in ${INPUT_PREFIX}; ` +
      "let the pipeline claim them before dropping this file again.",
    { context: { file: name }, cause: taken },
  );
}

/** `a.csv`, then `a-2.csv`, `a-3.csv`, …: the number goes before the extension. */
export function numberedName(name: string, number: number): string {
  if (number === 1) return name;
  const extension = path.extname(name);
  return `${name.slice(0, name.length - extension.length)}-${number}${extension}`;
}
