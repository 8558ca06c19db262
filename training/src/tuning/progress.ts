import type { TuningProgress } from "./tune.ts";

/** One line for a terminal: a bar of trials done, the count, and the best mean F1 so far. */
export function formatTuningProgress(progress: TuningProgress, width = 30): string {
  const share = progress.trialCount === 0 ? 1 : progress.completedTrialCount / progress.trialCount;
  const filled = Math.round(share * width);
  const bar = `${"#".repeat(filled)}${"-".repeat(width - filled)}`;
  const counter = `${progress.completedTrialCount}/${progress.trialCount}`;
  return `tuning [${bar}] ${counter} trials, best mean F1 ${progress.bestScore.toFixed(4)}`;
}
