import type { ModelVersionRow, TrainingRunDetail } from "@churn/core/db";
import { type ModelFiles, readModelFiles } from "./model-files.ts";
import { getStore } from "./store.ts";

/** The aliases whose version the models page opens on, in order of preference. */
const PREFERRED_ALIASES = ["production", "staging"];

export interface ModelsPageData {
  readonly models: readonly ModelVersionRow[];
  readonly selected: ModelVersionRow | undefined;
  readonly training: TrainingRunDetail | undefined;
  readonly files: ModelFiles | undefined;
}

/**
 * Every model version, and the details of one: `version` when given, else the version a
 * preferred alias names, else the newest.
 */
export async function readModelsPage(version?: string): Promise<ModelsPageData> {
  const store = getStore();
  const models = await store.listModelVersions();
  const selected =
    version === undefined
      ? (PREFERRED_ALIASES.map((alias) =>
          models.find((model) => model.aliases.includes(alias)),
        ).find((model) => model !== undefined) ?? models[0])
      : models.find((model) => model.version === version);
  const trainingRunId = selected?.trainingRunId ?? undefined;
  const training =
    trainingRunId === undefined ? undefined : await store.getTrainingRun(trainingRunId);
  const files = selected === undefined ? undefined : await readModelFiles(selected.version);
  return { models, selected, training, files };
}
