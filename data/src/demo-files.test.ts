import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_FILES, writeDemoFiles } from "./demo-files.ts";
import { readTable } from "./test-tables.ts";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function writeSet(seed: number) {
  const dir = await mkdtemp(join(tmpdir(), "churn-demo-"));
  dirs.push(dir);
  return writeDemoFiles(join(dir, "files"), { seed });
}

describe("writeDemoFiles", () => {
  it("writes every file of the set, valid and with its row count", async () => {
    const written = await writeSet(1);

    expect(written.map((file) => file.fileName)).toEqual(DEMO_FILES.map((spec) => spec.fileName));
    expect(written.map((file) => file.kind)).toEqual(
      expect.arrayContaining(["training", "stable", "drifted", "degraded", "unlabelled"]),
    );
    for (const file of written) {
      const table = await readTable(await readFile(file.path, "utf8"));
      expect(table.rowCount).toBe(file.rowCount);
    }
  });

  it("writes the same bytes for the same seed", async () => {
    const [first, second] = [await writeSet(5), await writeSet(5)];

    for (const [index, file] of first.entries()) {
      expect(await readFile(file.path, "utf8")).toBe(
        await readFile(second[index]?.path ?? "", "utf8"),
      );
    }
  });
});
