import { DEFAULT_MAX_BAD_ROW_SHARE } from "../csv/index.ts";
import type { MetricsStore } from "../db/index.ts";
import type { Clock, Logger, ObjectStore, Predictor } from "../ports/index.ts";
import { DEFAULT_SCORE_THRESHOLDS, type ScoreThresholds } from "../quality/index.ts";
import type { ModelRegistry } from "../registry/index.ts";

/** The settings of the pipeline; the handlers read them from the environment. */
export interface PipelineSettings {
  /** The alias a run resolves, once, to the model version it uses (default `staging`). */
  readonly modelAlias: string;
  /** Dataset drift when the share of drifted columns is at least this (default 0.5). */
  readonly driftShareThreshold: number;
  /** A quality score under this raises the score alert, unless `scoreThresholds` names its own. */
  readonly scoreThreshold: number;
  /** Each score's own threshold; a score absent here falls back to `scoreThreshold`. */
  readonly scoreThresholds?: Partial<ScoreThresholds>;
  /** Fewer good rows than this reject a file (default 50). */
  readonly minRowCount: number;
  /** A larger share of bad rows than this rejects a file (default the CSV reader's, 0.1). */
  readonly maxBadRowShare?: number;
  /** The report site's base URL, for the links in alerts; null when there is none. */
  readonly siteUrl: string | null;
}

/** The seed platform's settings, with every optional one filled in. */
export const DEFAULT_PIPELINE_SETTINGS: Required<PipelineSettings> = {
  modelAlias: "staging",
  driftShareThreshold: 0.5,
  scoreThreshold: 0.7,
  scoreThresholds: DEFAULT_SCORE_THRESHOLDS,
  minRowCount: 50,
  maxBadRowShare: DEFAULT_MAX_BAD_ROW_SHARE,
  siteUrl: null,
};

/** The threshold of every score: its own when the settings name one, else `scoreThreshold`. */
export function resolveScoreThresholds(
  settings: Pick<PipelineSettings, "scoreThreshold" | "scoreThresholds">,
): ScoreThresholds {
  const own = settings.scoreThresholds ?? {};
  const fallback = settings.scoreThreshold;
  return {
    f1: own.f1 ?? fallback,
    precision: own.precision ?? fallback,
    recall: own.recall ?? fallback,
    accuracy: own.accuracy ?? fallback,
  };
}

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
