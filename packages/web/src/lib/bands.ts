/**
 * The red, yellow and green bands of a score, as the original dashboard coloured its stat
 * panels: red under 0.5, yellow from 0.5 to under 0.7 (the score alert threshold), green above.
 */

export type Tone = "bad" | "warn" | "good";

export interface ScoreBands {
  /** Scores under this are red. */
  readonly badBelow: number;
  /** Scores under this (and not red) are yellow; the score alert fires under it. */
  readonly warnBelow: number;
}

export const DEFAULT_SCORE_BANDS: ScoreBands = { badBelow: 0.5, warnBelow: 0.7 };

/** The tone of a score, or `undefined` when there is no score to judge. */
export function scoreTone(
  value: number | null | undefined,
  bands: ScoreBands = DEFAULT_SCORE_BANDS,
): Tone | undefined {
  if (value === null || value === undefined || Number.isNaN(value)) return undefined;
  if (value < bands.badBelow) return "bad";
  if (value < bands.warnBelow) return "warn";
  return "good";
}

/** The bands as ranges over [0, 1], for shading a chart's background. */
export function scoreBandRanges(
  bands: ScoreBands = DEFAULT_SCORE_BANDS,
): readonly { from: number; to: number; tone: Tone }[] {
  return [
    { from: 0, to: bands.badBelow, tone: "bad" },
    { from: bands.badBelow, to: bands.warnBelow, tone: "warn" },
    { from: bands.warnBelow, to: 1, tone: "good" },
  ];
}
