import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { isChurnError } from "@churn/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLocalObjectStore } from "../adapters/local-object-store.ts";
import { dropInputFile, numberedName } from "./drop-input-file.ts";

describe("numberedName", () => {
  it.each([
    ["a.csv", 1, "a.csv"],
    ["a.csv", 2, "a-2.csv"],
    ["customer_churn_2.csv", 3, "customer_churn_2-3.csv"],
    ["data.backup.csv", 2, "data.backup-2.csv"],
    ["plain", 2, "plain-2"],
  ])("names %s number %i %s", (name, number, expected) => {
    expect(numberedName(name, number)).toBe(expected);
  });
});

describe("dropInputFile", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "churn-drop-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const inputDir = () => path.join(dir, "bucket", "data", "input");

  it("drops the file under its own name when the name is free", async () => {
    await writeFile(path.join(dir, "a.csv"), "x\n1\n");
    const store = createLocalObjectStore(path.join(dir, "bucket"));

    const dropped = await dropInputFile(store, path.join(dir, "a.csv"));

    expect(dropped).toEqual({ key: "data/input/a.csv", isRenamed: false });
    expect(await readFile(path.join(inputDir(), "a.csv"), "utf8")).toBe("x\n1\n");
  });

  it("drops under the next free numbered name while the name waits unclaimed", async () => {
    const store = createLocalObjectStore(path.join(dir, "bucket"));
    await store.write("data/input/a.csv", "x\nfirst\n");
    await store.write("data/input/a-2.csv", "x\nsecond\n");
    await writeFile(path.join(dir, "a.csv"), "x\nthird\n");

    const dropped = await dropInputFile(store, path.join(dir, "a.csv"));

    expect(dropped).toEqual({ key: "data/input/a-3.csv", isRenamed: true });
    expect((await readdir(inputDir())).sort()).toEqual(["a-2.csv", "a-3.csv", "a.csv"]);
    expect(await readFile(path.join(inputDir(), "a.csv"), "utf8")).toBe("x\nfirst\n");
    expect(await readFile(path.join(inputDir(), "a-2.csv"), "utf8")).toBe("x\nsecond\n");
    expect(await readFile(path.join(inputDir(), "a-3.csv"), "utf8")).toBe("x\nthird\n");
  });

  it("throws drop.names_taken when every numbered name is taken", async () => {
    const store = createLocalObjectStore(path.join(dir, "bucket"));
    for (let number = 1; number <= 100; number += 1) {
      await store.write(`data/input/${numberedName("a.csv", number)}`, "x\n");
    }
    await writeFile(path.join(dir, "a.csv"), "x\nnew\n");

    const error = await dropInputFile(store, path.join(dir, "a.csv")).catch((caught) => caught);

    expect(isChurnError(error, "drop.names_taken")).toBe(true);
    expect(await readdir(inputDir())).toHaveLength(100);
  });
});
