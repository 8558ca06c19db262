import { FEATURE_NAMES } from "@churn/core/schema";
import { describe, expect, it } from "vitest";
import { AGE_BY_AGE_GROUP, RAW_HEADERS } from "./columns.ts";
import { formatPythonFloat, generateChurnFile } from "./generate.ts";
import { churnShareWhere, column, mean, readTable, standardDeviation } from "./test-tables.ts";

describe("generateChurnFile", () => {
  it("writes the same bytes for the same seed, and others for another seed", () => {
    const first = generateChurnFile("training", { seed: 1, rowCount: 200 });

    expect(generateChurnFile("training", { seed: 1, rowCount: 200 })).toBe(first);
    expect(generateChurnFile("training", { seed: 2, rowCount: 200 })).not.toBe(first);
  });

  it("writes the raw format: the original header with its double spaces, LF lines", () => {
    const text = generateChurnFile("stable", { seed: 3, rowCount: 5 });
    const lines = text.split("\n");

    expect(lines[0]).toBe(RAW_HEADERS.join(","));
    expect(lines[0]).toContain("Call  Failure");
    expect(lines).toHaveLength(7);
    expect(text).not.toContain("\r");
  });

  it.each(["training", "stable", "drifted", "degraded"] as const)(
    "writes a %s file that validates with every row good",
    async (kind) => {
      const table = await readTable(generateChurnFile(kind, { seed: 4, rowCount: 300 }));

      expect(table.rowCount).toBe(300);
      expect(table.column("churn")).toBeDefined();
    },
  );

  it("writes an unlabelled file without the churn column", async () => {
    const text = generateChurnFile("unlabelled", { seed: 5, rowCount: 100 });

    const table = await readTable(text);

    expect(text.split("\n")[0]).not.toContain("Churn");
    expect(table.column("churn")).toBeUndefined();
    for (const name of FEATURE_NAMES) expect(table.column(name)).toBeDefined();
  });

  it("derives age from the age group and customer value from usage, as the UCI files do", async () => {
    const table = await readTable(generateChurnFile("training", { seed: 6, rowCount: 500 }));
    const ageGroup = column(table, "age_group");
    const age = column(table, "age");
    const value = column(table, "customer_value");
    const seconds = column(table, "seconds_of_use");
    const calls = column(table, "frequency_of_use");
    const sms = column(table, "frequency_of_sms");
    const rates = [0, 0.055, 0.045, 0.04, 0.025, 0.015];

    for (let row = 0; row < table.rowCount; row += 1) {
      const group = ageGroup[row] ?? 0;
      const usage = (seconds[row] ?? 0) + (calls[row] ?? 0) + 100 * (sms[row] ?? 0);
      expect(age[row]).toBe(AGE_BY_AGE_GROUP[group]);
      expect(value[row]).toBeCloseTo((rates[group] ?? 0) * usage, 6);
    }
  });

  it.each([
    [0, "0.0"],
    [180, "180.0"],
    [197.64, "197.64"],
    [46.035, "46.035"],
  ])("writes customer value %d as %s, as Python's repr does", (value, text) => {
    expect(formatPythonFloat(value)).toBe(text);
  });
});

describe("the drifted kind", () => {
  const rowCount = 3000;

  it("shifts most features the way customer_churn_2.csv is shifted, and keeps churn", async () => {
    const base = await readTable(generateChurnFile("stable", { seed: 8, rowCount }));
    const drifted = await readTable(generateChurnFile("drifted", { seed: 8, rowCount }));
    const shift = (name: string) => mean(column(drifted, name)) - mean(column(base, name));
    const spread = (name: string) => standardDeviation(column(base, name));

    // Mean shifts of the original files (customer_churn_0 → 2), with room for sampling error.
    expect(shift("subscription_length")).toBeCloseTo(2, 0);
    expect(shift("call_failure")).toBeGreaterThan(3.5);
    expect(shift("charge_amount")).toBeGreaterThan(0.5);
    expect(shift("seconds_of_use")).toBeGreaterThan(200);
    expect(shift("frequency_of_use")).toBeGreaterThan(4);
    expect(shift("frequency_of_sms")).toBeGreaterThan(4);
    expect(shift("distinct_called_numbers")).toBeGreaterThan(1.5);
    expect(shift("age_group")).toBeGreaterThan(0.15);
    for (const name of ["complains", "status", "churn"]) {
      expect(Math.abs(shift(name)) / spread(name)).toBeLessThan(0.1);
    }
  });
});

describe("the degraded kind", () => {
  const rowCount = 4000;

  // The check that a model trained on the training file falls below 0.7 in F1 on this file
  // needs the trainer, so it lives with the end-to-end tests; here the relation itself is checked.
  it("breaks the rule that complaining customers churn, at the same churn rate", async () => {
    const training = await readTable(generateChurnFile("training", { seed: 9, rowCount }));
    const degraded = await readTable(generateChurnFile("degraded", { seed: 9, rowCount }));
    const complains = (table: typeof training) => {
      const values = column(table, "complains");
      return (row: number) => values[row] === 1;
    };
    const inactive = (table: typeof training) => {
      const values = column(table, "status");
      return (row: number) => values[row] === 2;
    };

    // In customer_churn_0.csv, 78% of the customers who complain churn, 48% of inactive ones.
    expect(churnShareWhere(training, complains(training))).toBeGreaterThan(0.7);
    expect(churnShareWhere(degraded, complains(degraded))).toBeLessThan(0.45);
    expect(churnShareWhere(training, inactive(training))).toBeGreaterThan(0.43);
    expect(churnShareWhere(degraded, inactive(degraded))).toBeLessThan(0.3);
    expect(mean(column(degraded, "churn"))).toBeCloseTo(mean(column(training, "churn")), 1);
  });

  it("keeps every feature's distribution as trained", async () => {
    const training = await readTable(generateChurnFile("training", { seed: 10, rowCount }));
    const degraded = await readTable(generateChurnFile("degraded", { seed: 11, rowCount }));

    for (const name of FEATURE_NAMES) {
      const difference = mean(column(degraded, name)) - mean(column(training, name));
      expect(Math.abs(difference) / standardDeviation(column(training, name))).toBeLessThan(0.08);
    }
  });
});
