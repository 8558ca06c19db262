import { formatCount, formatShare } from "../../lib/format.ts";

export interface ConfusionCounts {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly trueNegatives: number;
  readonly falseNegatives: number;
}

/** The 2 × 2 confusion matrix with counts and their share of all rows, shaded by share. */
export function ConfusionMatrix({ counts }: { readonly counts: ConfusionCounts }) {
  const total =
    counts.truePositives + counts.falsePositives + counts.trueNegatives + counts.falseNegatives;
  const cell = (value: number, isCorrect: boolean) => {
    const share = total > 0 ? value / total : 0;
    // The alpha rises with the share so the dominant cells stand out; 0.08 keeps empty cells visible.
    const alpha = 0.08 + share * 0.6;
    const colour = isCorrect ? `rgba(34, 134, 58, ${alpha})` : `rgba(200, 40, 40, ${alpha})`;
    return (
      <td className="num matrix-cell" style={{ background: colour }}>
        <strong>{formatCount(value)}</strong>
        <small>{formatShare(share)}</small>
      </td>
    );
  };

  return (
    <table className="matrix" aria-label="Confusion matrix">
      <thead>
        <tr>
          <th />
          <th scope="col">predicted stays</th>
          <th scope="col">predicted churns</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">stayed</th>
          {cell(counts.trueNegatives, true)}
          {cell(counts.falsePositives, false)}
        </tr>
        <tr>
          <th scope="row">churned</th>
          {cell(counts.falseNegatives, false)}
          {cell(counts.truePositives, true)}
        </tr>
      </tbody>
    </table>
  );
}
