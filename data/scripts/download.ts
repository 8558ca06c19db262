/**
 * Downloads the UCI "Iranian Churn" data set (dataset 563, CC BY 4.0) and writes the three files
 * the original platform shipped, split the same way, into data/original/ (or the folder given):
 * `node data/scripts/download.ts [<folder>]`. Needs access to archive.ics.uci.edu.
 */
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { ORIGINAL_SPLIT, splitOriginalFile } from "../src/split.ts";
import { extractZipEntry } from "../src/zip.ts";

const ARCHIVE_URL = "https://archive.ics.uci.edu/static/public/563/iranian+churn+dataset.zip";
const outputDir = resolve(process.argv[2] ?? join(import.meta.dirname, "../original"));

console.log(`Downloading ${ARCHIVE_URL} …`);
const response = await fetch(ARCHIVE_URL);
if (!response.ok) {
  console.error(`Download failed: HTTP ${response.status} ${response.statusText}.`);
  process.exit(1);
}
const archive = new Uint8Array(await response.arrayBuffer());
const csv = extractZipEntry(archive, (name) => name.toLowerCase().endsWith(".csv"));

async function* bytes(): AsyncGenerator<Uint8Array> {
  yield csv;
}
const files = await splitOriginalFile(bytes());

await mkdir(outputDir, { recursive: true });
let mismatchCount = 0;
for (const file of files) {
  await writeFile(join(outputDir, file.fileName), file.text);
  const sha256 = createHash("sha256").update(file.text).digest("hex");
  const expected = ORIGINAL_SPLIT.find((spec) => spec.fileName === file.fileName)?.sha256;
  const isSame = sha256 === expected;
  if (!isSame) mismatchCount += 1;
  console.log(
    `Wrote ${join(outputDir, file.fileName)} (${isSame ? "identical to" : "differs from"} the original platform's file)`,
  );
}
if (mismatchCount > 0) {
  console.warn("Some files differ from the originals: the UCI archive may have changed since.");
}
