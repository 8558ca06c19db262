import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DistributionChart } from "./distribution-chart.tsx";

function barHeights(markup: string): number[] {
  return [...markup.matchAll(/<rect class="bar series-\d"[^>]* height="([\d.]+)"/g)].map((match) =>
    Number(match[1]),
  );
}

describe("DistributionChart", () => {
  it("scales each side to shares, so files of different sizes compare", () => {
    const markup = renderToStaticMarkup(
      createElement(DistributionChart, {
        label: "complains",
        bins: [
          { label: "0", first: 90, second: 9 },
          { label: "1", first: 10, second: 1 },
        ],
        firstName: "reference",
        secondName: "current",
      }),
    );

    const [reference0, current0, reference1, current1] = barHeights(markup);
    expect(reference0).toBe(current0);
    expect(reference1).toBe(current1);
    expect(markup).toContain("reference, 0: 90.0 %");
  });

  it("draws empty bars when a side has no rows", () => {
    const markup = renderToStaticMarkup(
      createElement(DistributionChart, {
        label: "status",
        bins: [{ label: "1", first: 0, second: 4 }],
        firstName: "stayed",
        secondName: "churned",
        isCompact: true,
      }),
    );

    expect(barHeights(markup)[0]).toBe(0);
  });
});
