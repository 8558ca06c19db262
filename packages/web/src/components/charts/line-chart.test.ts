import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LineChart } from "./line-chart.tsx";

const series = [
  {
    name: '<img src=x onerror="alert(1)">',
    points: [
      { x: 0, y: 0.2 },
      { x: 1, y: 0.8 },
    ],
  },
];

function render(props: Partial<Parameters<typeof LineChart>[0]> = {}): string {
  return renderToStaticMarkup(
    createElement(LineChart, {
      label: "F1 over time",
      series,
      xKind: "number",
      yDomain: [0, 1],
      width: 200,
      height: 100,
      ...props,
    }),
  );
}

describe("LineChart", () => {
  it("draws a threshold line at its value on the y scale", () => {
    // Plot area: y from 100 - 30 (bottom margin) at 0 to 12 (top margin) at 1; 0.7 sits at 29.4.
    const markup = render({ thresholds: [{ value: 0.7, label: "alert under 0.70" }] });

    expect(markup).toContain('y1="29.4" y2="29.4"');
    expect(markup).toContain("alert under 0.70");
  });

  it("shades one band per tone", () => {
    const markup = render({
      bands: [
        { from: 0, to: 0.5, tone: "bad" },
        { from: 0.5, to: 1, tone: "good" },
      ],
    });

    expect(markup.match(/class="band band-/g)).toHaveLength(2);
  });

  it("writes a series name with markup as escaped text", () => {
    const markup = render();

    expect(markup).not.toContain("<img");
    expect(markup).toContain("&lt;img src=x");
  });

  it("says so when there is nothing to draw", () => {
    expect(render({ series: [] })).toContain("No data yet");
  });
});
