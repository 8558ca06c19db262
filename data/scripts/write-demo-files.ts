/**
 * Writes the standard set of synthetic churn files: `node data/scripts/write-demo-files.ts
 * <folder> [seed]` (seed 1 by default). The same seed always gives the same bytes.
 */
import { resolve } from "node:path";
import { writeDemoFiles } from "../src/demo-files.ts";

const [dirArgument, seedArgument = "1"] = process.argv.slice(2);
const seed = Number(seedArgument);
if (dirArgument === undefined || !Number.isInteger(seed)) {
  console.error("Usage: node data/scripts/write-demo-files.ts <folder> [seed]");
  process.exit(2);
}
for (const file of await writeDemoFiles(resolve(dirArgument), { seed })) {
  console.log(`${file.kind.padEnd(10)} ${file.rowCount} rows  ${file.path}`);
}
