import type { ReactNode } from "react";

/** The SVG canvas every chart draws on: scales to its container, never past its own width. */
export function ChartSvg({
  label,
  width,
  height,
  children,
}: {
  /** What the chart shows, for screen readers and tests. */
  readonly label: string;
  readonly width: number;
  readonly height: number;
  readonly children: ReactNode;
}) {
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      className="chart-svg"
      style={{ maxWidth: width }}
    >
      {children}
    </svg>
  );
}
