import type { Tone } from "../../lib/bands.ts";
import { formatAxisTime, formatNumber } from "../../lib/format.ts";
import { ChartSvg } from "./chart-svg.tsx";
import { extent, linearScale, linePath, niceTicks, round, timeTicks } from "./scale.ts";

export interface ChartPoint {
  readonly x: number;
  readonly y: number;
  /** Shown on hover; defaults to the formatted y value. */
  readonly label?: string;
}

export interface LineSeries {
  readonly name: string;
  readonly points: readonly ChartPoint[];
}

export interface ThresholdLine {
  readonly value: number;
  readonly label: string;
}

export interface Band {
  readonly from: number;
  readonly to: number;
  readonly tone: Tone;
}

export interface LineChartProps {
  /** What the chart shows, for screen readers and tests. */
  readonly label: string;
  readonly series: readonly LineSeries[];
  /** "time": x values are epoch milliseconds. */
  readonly xKind: "time" | "number";
  readonly xDomain?: readonly [number, number];
  readonly yDomain?: readonly [number, number];
  readonly thresholds?: readonly ThresholdLine[];
  readonly bands?: readonly Band[];
  /** Draws the y = x line, the chance level of a ROC curve. */
  readonly hasDiagonal?: boolean;
  readonly xTitle?: string;
  readonly yTitle?: string;
  readonly width?: number;
  readonly height?: number;
  readonly formatY?: (value: number) => string;
}

const MARGIN = { top: 12, right: 16, bottom: 30, left: 48 };

/** Markers are drawn only on sparse series; a dense series reads better as a plain line. */
const MAX_MARKERS = 120;

/** A line chart drawn on the server as SVG, with optional threshold lines and tone bands. */
export function LineChart(props: LineChartProps) {
  const width = props.width ?? 640;
  const height = props.height ?? 220;
  const formatY = props.formatY ?? formatNumber;
  // A y-axis title sits above the plot, so the plot starts lower to leave it room.
  const top = props.yTitle === undefined ? MARGIN.top : MARGIN.top + 12;
  const allPoints = props.series.flatMap((series) => series.points);
  const xDomain = props.xDomain ?? padDomain(extent(allPoints.map((point) => point.x)));
  const yDomain =
    props.yDomain ??
    padDomain(
      extent([
        ...allPoints.map((point) => point.y),
        ...(props.thresholds ?? []).map((line) => line.value),
      ]),
    );
  const x = linearScale(xDomain, [MARGIN.left, width - MARGIN.right]);
  const y = linearScale(yDomain, [height - MARGIN.bottom, top]);
  const xTicks =
    props.xKind === "time" ? timeTicks(xDomain[0], xDomain[1]) : niceTicks(xDomain[0], xDomain[1]);
  const yTicks = niceTicks(yDomain[0], yDomain[1], 4);
  const formatX =
    props.xKind === "time"
      ? (value: number) => formatAxisTime(value, xDomain[1] - xDomain[0])
      : formatNumber;
  const isEmpty = allPoints.length === 0;

  return (
    <figure className="chart">
      <ChartSvg label={props.label} width={width} height={height}>
        {(props.bands ?? []).map((band) => (
          <rect
            key={`${band.from}-${band.to}`}
            className={`band band-${band.tone}`}
            x={MARGIN.left}
            width={width - MARGIN.left - MARGIN.right}
            y={round(y(clamp(band.to, yDomain)))}
            height={round(Math.abs(y(clamp(band.from, yDomain)) - y(clamp(band.to, yDomain))))}
          />
        ))}
        {yTicks.map((tick) => (
          <g key={`y${tick}`} className="tick">
            <line
              x1={MARGIN.left}
              x2={width - MARGIN.right}
              y1={round(y(tick))}
              y2={round(y(tick))}
            />
            <text x={MARGIN.left - 6} y={round(y(tick))} dy="0.32em" textAnchor="end">
              {formatY(tick)}
            </text>
          </g>
        ))}
        {xTicks.map((tick) => (
          <text
            key={`x${tick}`}
            className="tick"
            x={round(x(tick))}
            y={height - MARGIN.bottom + 16}
            textAnchor="middle"
          >
            {formatX(tick)}
          </text>
        ))}
        {props.hasDiagonal === true && (
          <line
            className="diagonal"
            x1={round(x(xDomain[0]))}
            y1={round(y(yDomain[0]))}
            x2={round(x(xDomain[1]))}
            y2={round(y(yDomain[1]))}
          />
        )}
        {(props.thresholds ?? []).map((line) => (
          <g key={`t${line.value}`} className="threshold">
            <line
              x1={MARGIN.left}
              x2={width - MARGIN.right}
              y1={round(y(line.value))}
              y2={round(y(line.value))}
            />
            <text x={width - MARGIN.right - 4} y={round(y(line.value)) - 4} textAnchor="end">
              {line.label}
            </text>
          </g>
        ))}
        {props.series.map((series, index) => (
          <g key={series.name} className={`series series-${index % 4}`}>
            <path d={linePath(series.points.map((p) => ({ x: x(p.x), y: y(p.y) })))} />
            {series.points.length <= MAX_MARKERS &&
              series.points.map((point, pointIndex) => (
                // Points of one series never move, so their position is a stable key.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <circle key={pointIndex} cx={round(x(point.x))} cy={round(y(point.y))} r={2.5}>
                  <title>{`${series.name} ${formatX(point.x)}: ${point.label ?? formatY(point.y)}`}</title>
                </circle>
              ))}
          </g>
        ))}
        {props.xTitle !== undefined && (
          <text className="axis-title" x={width - MARGIN.right} y={height - 2} textAnchor="end">
            {props.xTitle}
          </text>
        )}
        {props.yTitle !== undefined && (
          <text className="axis-title" x={4} y={top - 12}>
            {props.yTitle}
          </text>
        )}
        {isEmpty && (
          <text className="empty" x={width / 2} y={height / 2} textAnchor="middle">
            No data yet
          </text>
        )}
      </ChartSvg>
      {props.series.length > 1 && (
        <figcaption className="legend">
          {props.series.map((series, index) => (
            <span key={series.name} className={`legend-item series-${index % 4}`}>
              {series.name}
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}

function padDomain(domain: [number, number] | undefined): [number, number] {
  if (domain === undefined) return [0, 1];
  const [min, max] = domain;
  if (min === max) return [min - 1, max + 1];
  return [min, max];
}

function clamp(value: number, domain: readonly [number, number]): number {
  return Math.min(Math.max(value, domain[0]), domain[1]);
}
