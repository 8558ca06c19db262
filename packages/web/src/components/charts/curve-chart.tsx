import { formatScore } from "../../lib/format.ts";
import { LineChart } from "./line-chart.tsx";

export interface CurvePoint {
  readonly x: number;
  readonly y: number;
}

export interface CurveChartProps {
  readonly kind: "roc" | "pr";
  readonly points: readonly CurvePoint[];
  /** The area under the curve (ROC AUC or average precision), shown in the title. */
  readonly area?: number | null;
  /** For a PR curve: the share of positives, the precision of a model that guesses. */
  readonly baseline?: number;
}

/** A ROC curve (false- against true-positive rate) or a precision–recall curve on the unit square. */
export function CurveChart({ kind, points, area, baseline }: CurveChartProps) {
  const isRoc = kind === "roc";
  const name = isRoc ? "ROC curve" : "Precision–recall curve";
  const areaName = isRoc ? "AUC" : "AP";

  return (
    <div>
      <h4>
        {name}
        {area !== undefined && area !== null && ` (${areaName} ${formatScore(area)})`}
      </h4>
      <LineChart
        label={name}
        series={[{ name, points: points.map((point) => ({ x: point.x, y: point.y })) }]}
        xKind="number"
        xDomain={[0, 1]}
        yDomain={[0, 1]}
        hasDiagonal={isRoc}
        thresholds={!isRoc && baseline !== undefined ? [{ value: baseline, label: "chance" }] : []}
        xTitle={isRoc ? "false-positive rate" : "recall"}
        yTitle={isRoc ? "true-positive rate" : "precision"}
        width={320}
        height={260}
        formatY={(value) => formatScore(value, 1)}
      />
    </div>
  );
}
