import { createReadStream, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateCsv } from "./validate.ts";

// The original data set's files live beside the repository and may not be committed.
const dataDir = join(import.meta.dirname, "../../../../../shared/data");

const files = [
  ["customer_churn_0.csv", 1050, 171],
  ["customer_churn_1.csv", 1050, 168],
  ["customer_churn_2.csv", 1050, 156],
  ["customer_churn_synthetic_1.csv", 1000, 134],
  ["customer_churn_synthetic_2.csv", 1000, 151],
  ["customer_churn_synthetic_3.csv", 1000, 126],
  ["customer_churn_synthetic_4.csv", 1000, 183],
  ["customer_churn_synthetic_5.csv", 1000, 144],
  ["customer_churn_synthetic_6.csv", 1000, 145],
] as const;

describe.skipIf(!existsSync(dataDir))("validateCsv on the original data set", () => {
  it.each(files)("reads %s as valid with %d rows and %d churners", async (file, rows, churners) => {
    const result = await validateCsv(createReadStream(join(dataDir, file)), { fileLabel: file });

    expect(result.verdict).toEqual({ isValid: true });
    expect(result.issueCount).toBe(0);
    expect(result.table.rowCount).toBe(rows);
    expect(result.summary.columns.unknown).toEqual([]);
    expect(result.table.column("churn")?.reduce((sum, value) => sum + value, 0)).toBe(churners);
  });
});
