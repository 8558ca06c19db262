import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { COLUMNS } from "@churn/core/schema";
import { describe, expect, it } from "vitest";
import { LEVEL_COLUMNS } from "./columns.ts";
import { generateChurnFile } from "./generate.ts";
import { column, correlation, mean, readTable, standardDeviation } from "./test-tables.ts";

// The original files live beside the repository and may not be committed.
const dataDir = join(import.meta.dirname, "../../../shared/data");
const names = COLUMNS.map((spec) => spec.name);

describe.skipIf(!existsSync(dataDir))("the generator against the original files", async () => {
  const real = existsSync(dataDir)
    ? await readTable(readFileSync(join(dataDir, "customer_churn_0.csv"), "utf8"))
    : undefined;
  const generated = await readTable(generateChurnFile("training", { seed: 563, rowCount: 3150 }));
  const realColumn = (name: string) =>
    real === undefined ? new Float64Array() : column(real, name);

  it("matches the churn rate within 2 points", () => {
    expect(Math.abs(mean(column(generated, "churn")) - mean(realColumn("churn")))).toBeLessThan(
      0.02,
    );
  });

  it.each(names)("matches the mean and spread of %s within 10% of a standard deviation", (name) => {
    const spread = standardDeviation(realColumn(name));

    const meanGap = Math.abs(mean(column(generated, name)) - mean(realColumn(name)));
    const spreadRatio = standardDeviation(column(generated, name)) / spread;

    expect(meanGap / spread).toBeLessThan(0.1);
    expect(spreadRatio).toBeGreaterThan(0.85);
    expect(spreadRatio).toBeLessThan(1.15);
  });

  it.each(LEVEL_COLUMNS)("matches the share of each value of %s within 3 points", (name) => {
    const share = (values: Float64Array, level: number) =>
      values.filter((value) => value === level).length / values.length;
    const levels = new Set(realColumn(name));

    for (const level of levels) {
      const gap = Math.abs(share(column(generated, name), level) - share(realColumn(name), level));
      expect(gap).toBeLessThan(0.03);
    }
  });

  it.each(names.filter((name) => name !== "churn"))(
    "matches the correlation of %s with churn within 0.06",
    (name) => {
      const realCorrelation = correlation(realColumn(name), realColumn("churn"));
      const generatedCorrelation = correlation(column(generated, name), column(generated, "churn"));

      expect(Math.abs(generatedCorrelation - realCorrelation)).toBeLessThan(0.06);
    },
  );
});
