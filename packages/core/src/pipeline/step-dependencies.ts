import type { MetricsStore } from "../db/index.ts";
import type { Clock, Logger, ObjectStore, Predictor } from "../ports/index.ts";
import type { ModelRegistry } from "../registry/index.ts";

/** The settings of the pipeline; the handlers read them from the environment. */
export interface PipelineSettings {
  /** The alias a run resolves, once, to the model version it uses (default `staging`). */
  readonly modelAlias: string;
  /** Dataset drift when the share of drifted columns is at least this (default 0.5). */
  readonly driftShareThreshold: number;
  /** A quality score under this raises the score alert (default 0.7). */
  readonly scoreThreshold: number;
  /** Fewer good rows than this reject a file (default 50). */
  readonly minRowCount: number;
  /** The report site's base URL, for the links in alerts; null when there is none. */
  readonly siteUrl: string | null;
}

export const DEFAULT_PIPELINE_SETTINGS: PipelineSettings = {
  modelAlias: "staging",
  driftShareThreshold: 0.5,
  scoreThreshold: 0.7,
  minRowCount: 50,
  siteUrl: null,
};

/** What every step may use; each step names the part it needs, so a handler opens no more. */
export interface StepDependencies {
  readonly store: ObjectStore;
  readonly metrics: MetricsStore;
  readonly models: ModelRegistry;
  readonly predictor: Predictor;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: PipelineSettings;
}
