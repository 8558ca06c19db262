import { formatShare } from "../../lib/format.ts";
import { ChartSvg } from "./chart-svg.tsx";
import { linearScale, round } from "./scale.ts";

export interface DistributionBin {
  /** The bin as written on the axis: a category or a range. */
  readonly label: string;
  readonly first: number;
  readonly second: number;
}

export interface DistributionChartProps {
  /** What the chart compares, for screen readers and tests. */
  readonly label: string;
  /** Counts or shares per bin; each side is normalised to shares before drawing. */
  readonly bins: readonly DistributionBin[];
  readonly firstName: string;
  readonly secondName: string;
  /** A small chart without axis labels, for a table cell. */
  readonly isCompact?: boolean;
}

/**
 * Two distributions over the same bins as paired bars, each side scaled to shares so files of
 * different sizes compare: reference against current, or churners against stayers.
 */
export function DistributionChart(props: DistributionChartProps) {
  const isCompact = props.isCompact === true;
  const width = isCompact ? 180 : 420;
  const height = isCompact ? 44 : 180;
  const bottom = isCompact ? 2 : 34;
  const top = isCompact ? 2 : 10;
  const firstTotal = sum(props.bins.map((bin) => bin.first));
  const secondTotal = sum(props.bins.map((bin) => bin.second));
  const shares = props.bins.map((bin) => ({
    label: bin.label,
    first: firstTotal > 0 ? bin.first / firstTotal : 0,
    second: secondTotal > 0 ? bin.second / secondTotal : 0,
  }));
  const maxShare = Math.max(0.0001, ...shares.flatMap((bin) => [bin.first, bin.second]));
  const y = linearScale([0, maxShare], [height - bottom, top]);
  const slot = (width - 8) / Math.max(1, shares.length);
  const barWidth = Math.max(1, slot / 2 - 1);
  const labelEvery = Math.ceil(shares.length / 8);

  return (
    <figure className={isCompact ? "chart chart-compact" : "chart"}>
      <ChartSvg label={props.label} width={width} height={height}>
        {shares.map((bin, index) => {
          const left = 4 + index * slot;
          return (
            <g key={bin.label}>
              <rect
                className="bar series-0"
                x={round(left)}
                width={round(barWidth)}
                y={round(y(bin.first))}
                height={round(y(0) - y(bin.first))}
              >
                <title>{`${props.firstName}, ${bin.label}: ${formatShare(bin.first)}`}</title>
              </rect>
              <rect
                className="bar series-1"
                x={round(left + barWidth + 1)}
                width={round(barWidth)}
                y={round(y(bin.second))}
                height={round(y(0) - y(bin.second))}
              >
                <title>{`${props.secondName}, ${bin.label}: ${formatShare(bin.second)}`}</title>
              </rect>
              {!isCompact && index % labelEvery === 0 && (
                <text
                  className="tick"
                  x={round(left + slot / 2)}
                  y={height - bottom + 14}
                  textAnchor="middle"
                >
                  {bin.label}
                </text>
              )}
            </g>
          );
        })}
        <line className="axis" x1={0} x2={width} y1={round(y(0))} y2={round(y(0))} />
      </ChartSvg>
      {!isCompact && (
        <figcaption className="legend">
          <span className="legend-item series-0">{props.firstName}</span>
          <span className="legend-item series-1">{props.secondName}</span>
        </figcaption>
      )}
    </figure>
  );
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
