import { describe, expect, it } from "vitest";
import { readCsvRecords } from "./records.ts";
import { bytesOf, validCsv } from "./test-fixtures.ts";
import { validateCsv } from "./validate.ts";
import type { CsvValidation } from "./verdict.ts";

// A small seeded generator (mulberry32) so every run sees the same cases.
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const CSV_BYTES = new TextEncoder().encode('0123456789.,,,"\n\r -eNA\uFEFF');

function randomBytes(random: () => number): Uint8Array {
  const length = Math.floor(random() * 3000);
  const isCsvLike = random() < 0.5;
  return Uint8Array.from({ length }, () =>
    isCsvLike
      ? (CSV_BYTES[Math.floor(random() * CSV_BYTES.length)] ?? 0)
      : Math.floor(random() * 256),
  );
}

function mutate(random: () => number, original: Uint8Array): Uint8Array {
  const bytes = [...original];
  const mutationCount = 1 + Math.floor(random() * 20);
  for (let i = 0; i < mutationCount; i += 1) {
    const at = Math.floor(random() * bytes.length);
    const choice = random();
    if (choice < 0.3) bytes[at] = Math.floor(random() * 256);
    else if (choice < 0.6) bytes.splice(at, 0, CSV_BYTES[Math.floor(random() * 6) + 10] ?? 44);
    else if (choice < 0.8) bytes.splice(at, Math.floor(random() * 50));
    else bytes.length = at;
  }
  return Uint8Array.from(bytes);
}

async function countRecords(bytes: Uint8Array): Promise<number> {
  let count = 0;
  for await (const _ of readCsvRecords(bytesOf(bytes))) count += 1;
  return count;
}

async function expectConsistent(result: CsvValidation, bytes: Uint8Array): Promise<void> {
  const { summary, table, rowNumbers, issues } = result;
  expect(table.rowCount).toBe(rowNumbers.length);
  expect(summary.keptRowCount + summary.badRowCount).toBe(summary.rowCount);
  expect(issues.length).toBeLessThanOrEqual(Math.min(100, result.issueCount));
  for (const name of table.columnNames) {
    const values = table.column(name) ?? table.textColumn(name);
    expect(values?.length).toBe(table.rowCount);
  }
  for (let i = 1; i < rowNumbers.length; i += 1) {
    expect(rowNumbers[i]).toBeGreaterThan(rowNumbers[i - 1] ?? 0);
  }
  if (result.verdict.isValid) {
    expect(await countRecords(bytes)).toBe(summary.rowCount + 1);
  }
}

describe("validateCsv on random input", () => {
  it("never throws and stays consistent on 300 random byte strings", async () => {
    const random = seededRandom(20261203);

    for (let i = 0; i < 300; i += 1) {
      const bytes = randomBytes(random);
      const chunkSize = 1 + Math.floor(random() * 512);

      const result = await validateCsv(bytesOf(bytes, chunkSize), { minRowCount: 0 });

      await expectConsistent(result, bytes);
    }
  });

  it("never throws and stays consistent on 300 mutations of a valid file", async () => {
    const random = seededRandom(563);
    const original = new TextEncoder().encode(validCsv(60));
    let validCount = 0;

    for (let i = 0; i < 300; i += 1) {
      const bytes = mutate(random, original);
      const chunkSize = 1 + Math.floor(random() * 4096);

      const result = await validateCsv(bytesOf(bytes, chunkSize), { maxBadRowShare: 1 });

      await expectConsistent(result, bytes);
      if (result.verdict.isValid) validCount += 1;
    }
    // The mutations must leave some files valid, or this test would only exercise rejections.
    expect(validCount).toBeGreaterThan(20);
  });
});
