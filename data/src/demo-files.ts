import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type ChurnFileKind, generateChurnFile } from "./generate.ts";
import { deriveSeed } from "./random.ts";

export interface DemoFileSpec {
  readonly fileName: string;
  readonly kind: ChurnFileKind;
  readonly rowCount: number;
}

/**
 * The standard set: a training file as large as the whole UCI set (a model trained on 1050 rows
 * of this data scores too close to 0.7 on stable files), then files to drop one by one.
 */
export const DEMO_FILES: readonly DemoFileSpec[] = [
  { fileName: "customer_churn_training.csv", kind: "training", rowCount: 3150 },
  { fileName: "customer_churn_stable_1.csv", kind: "stable", rowCount: 1000 },
  { fileName: "customer_churn_stable_2.csv", kind: "stable", rowCount: 1000 },
  { fileName: "customer_churn_stable_3.csv", kind: "stable", rowCount: 1000 },
  { fileName: "customer_churn_drifted.csv", kind: "drifted", rowCount: 1050 },
  { fileName: "customer_churn_degraded.csv", kind: "degraded", rowCount: 1000 },
  { fileName: "customer_churn_unlabelled.csv", kind: "unlabelled", rowCount: 1000 },
];

export interface WrittenDemoFile extends DemoFileSpec {
  readonly path: string;
}

/** Writes the standard set of synthetic files into `dir` (created if needed); same seed, same bytes. */
export async function writeDemoFiles(
  dir: string,
  options: { seed: number },
): Promise<WrittenDemoFile[]> {
  await mkdir(dir, { recursive: true });
  const written: WrittenDemoFile[] = [];
  for (const spec of DEMO_FILES) {
    const path = join(dir, spec.fileName);
    const seed = deriveSeed(options.seed, spec.fileName);
    await writeFile(path, generateChurnFile(spec.kind, { seed, rowCount: spec.rowCount }));
    written.push({ ...spec, path });
  }
  return written;
}
