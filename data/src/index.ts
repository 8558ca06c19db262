/**
 * Synthetic churn files for running the platform offline, calibrated on the original data set's
 * statistics (see data/README.md), and the split the original platform made of the UCI file.
 */
export type { DemoFileSpec, WrittenDemoFile } from "./demo-files.ts";
export { DEMO_FILES, writeDemoFiles } from "./demo-files.ts";
export type { ChurnFileKind, GeneratedRow, GenerateOptions } from "./generate.ts";
export {
  CHURN_FILE_KINDS,
  DEGRADED_CHURN_GIVEN_CHURNER_PROFILE,
  formatPythonFloat,
  generateChurnFile,
  generateChurnLines,
  generateChurnRows,
} from "./generate.ts";
export type { Random } from "./random.ts";
export { createRandom, deriveSeed } from "./random.ts";
export { ORIGINAL_ROW_COUNT, ORIGINAL_SPLIT, splitOriginalFile } from "./split.ts";
export { extractZipEntry } from "./zip.ts";
