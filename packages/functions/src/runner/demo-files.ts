import { stat } from "node:fs/promises";
import path from "node:path";
import { writeDemoFiles } from "@churn/data";
import type { LocalPaths } from "./local-environment.ts";

/** The seed of the demo files: fixed, so every fresh clone sees the same demo. */
export const DEMO_SEED = 20_260_301;

/** The generated demo files, written once into `<home>/demo/`; training file first. */
export async function demoFiles(paths: LocalPaths): Promise<{ training: string; drops: string[] }> {
  const dir = path.join(paths.home, "demo");
  const written = await writeDemoFiles(dir, { seed: DEMO_SEED }).catch(async (error: unknown) => {
    // A read-only home still works when the files are already there.
    if (await stat(dir).catch(() => undefined)) return undefined;
    throw error;
  });
  const files = written ?? [];
  const training = files.find((file) => file.kind === "training");
  return {
    training: training?.path ?? path.join(dir, "customer_churn_training.csv"),
    drops: files.filter((file) => file.kind !== "training").map((file) => file.path),
  };
}
