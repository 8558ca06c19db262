import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { isChurnError } from "@churn/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalObjectStore } from "../../src/adapters/local-object-store.ts";
import { describeObjectStoreContract } from "../support/object-store-contract.ts";

async function temporaryFolder(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), "churn-bucket-"));
}

describeObjectStoreContract("local folder", async () => {
  const root = await temporaryFolder();
  return {
    store: createLocalObjectStore(root),
    close: () => rm(root, { recursive: true, force: true }),
  };
});

describe("createLocalObjectStore", () => {
  let root: string;

  beforeAll(async () => {
    root = await temporaryFolder();
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("lays objects out as files under the folder, with the SHA-256 as ETag", async () => {
    const store = createLocalObjectStore(root);

    const written = await store.write("data/input/a.csv", "a,b\n");

    const onDisk = await readFile(path.join(root, "data", "input", "a.csv"), "utf8");
    expect(onDisk).toBe("a,b\n");
    expect(written.etag).toBe(createHash("sha256").update("a,b\n").digest("hex"));
  });

  it("refuses to overwrite with ifAbsent and keeps the first content", async () => {
    const store = createLocalObjectStore(root);
    await store.write("claims/run-1.json", "first", { ifAbsent: true });

    const error = await store
      .write("claims/run-1.json", "second", { ifAbsent: true })
      .catch((caught: unknown) => caught);

    expect(isChurnError(error, "store.exists")).toBe(true);
    expect(Buffer.from(await store.readBytes("claims/run-1.json")).toString()).toBe("first");
  });

  it("refuses to copy over an existing object with ifAbsent and keeps it", async () => {
    const store = createLocalObjectStore(root);
    await store.write("copies/source.csv", "new");
    await store.write("copies/target.csv", "kept");

    const error = await store
      .copy("copies/source.csv", "copies/target.csv", { ifAbsent: true })
      .catch((caught: unknown) => caught);

    expect(isChurnError(error, "store.exists")).toBe(true);
    expect(Buffer.from(await store.readBytes("copies/target.csv")).toString()).toBe("kept");
    expect((await readdir(path.join(root, "copies"))).sort()).toEqual(["source.csv", "target.csv"]);
  });

  it("lets exactly one of many concurrent ifAbsent writers win", async () => {
    const store = createLocalObjectStore(root);

    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, index) =>
        store.write("claims/race.json", `writer ${index}`, { ifAbsent: true }),
      ),
    );

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((result) => result.status === "rejected");
    expect(rejected.every((result) => isChurnError(result.reason, "store.exists"))).toBe(true);
  });

  it("leaves no object and no temporary file when the body fails midway", async () => {
    const store = createLocalObjectStore(root);
    async function* failing() {
      yield Buffer.from("half a file");
      throw new Error("source went away");
    }

    const error = await store.write("broken/out.csv", failing()).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Error);
    expect(await store.stat("broken/out.csv")).toBeUndefined();
    expect(await readdir(path.join(root, "broken"))).toEqual([]);
  });

  it("keeps the old content readable until an overwrite is complete", async () => {
    const store = createLocalObjectStore(root);
    await store.write("reports/r.json", "old");
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* slow() {
      yield Buffer.from("new ");
      await gate;
      yield Buffer.from("content");
    }

    const writing = store.write("reports/r.json", slow());
    await new Promise((resolve) => setTimeout(resolve, 20));
    const during = Buffer.from(await store.readBytes("reports/r.json")).toString();
    release();
    await writing;

    expect(during).toBe("old");
    expect(Buffer.from(await store.readBytes("reports/r.json")).toString()).toBe("new content");
  });

  it.each(["../escape.csv", "/abs.csv", "data//x.csv", "", "data/./x.csv", "a\\b.csv"])(
    "throws store.bad_key when the key is %j",
    async (key) => {
      const store = createLocalObjectStore(root);

      const error = await store.write(key, "x").catch((caught: unknown) => caught);

      expect(isChurnError(error, "store.bad_key")).toBe(true);
    },
  );

  it("lists keys in the byte order S3 uses, where a.csv comes before a/z.csv", async () => {
    const store = createLocalObjectStore(root);
    for (const key of ["order/a/z.csv", "order/a.csv", "order/B.csv", "order/é.csv"]) {
      await store.write(key, key);
    }

    const keys: string[] = [];
    for await (const object of store.list("order/")) keys.push(object.key);

    expect(keys).toEqual(["order/B.csv", "order/a.csv", "order/a/z.csv", "order/é.csv"]);
  });

  it("recomputes the ETag when a file is changed behind its back", async () => {
    const store = createLocalObjectStore(root);
    const first = await store.write("manual/file.txt", "one");

    await createLocalObjectStore(root).write("manual/file.txt", "two, longer");

    expect((await store.stat("manual/file.txt"))?.etag).not.toBe(first.etag);
  });
});
