import { createHash } from "node:crypto";
import { isChurnError, type ObjectStore } from "@churn/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

export interface OpenedObjectStore {
  readonly store: ObjectStore;
  close(): Promise<void>;
}

/** Bytes of a deterministic text of `sizeBytes`, split into chunks of `chunkBytes`. */
export async function* generatedChunks(sizeBytes: number, chunkBytes = 64 * 1024) {
  for (let offset = 0; offset < sizeBytes; offset += chunkBytes) {
    const length = Math.min(chunkBytes, sizeBytes - offset);
    yield Buffer.alloc(length, `row ${offset},`);
  }
}

export async function sha256Of(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of chunks) hash.update(chunk);
  return hash.digest("hex");
}

async function collectKeys(store: ObjectStore, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of store.list(prefix)) keys.push(object.key);
  return keys;
}

/** The behaviour every ObjectStore adapter shares, run against a real backend. */
export function describeObjectStoreContract(
  label: string,
  open: () => Promise<OpenedObjectStore>,
): void {
  describe(`${label} (object store contract)`, () => {
    let opened: OpenedObjectStore;
    let store: ObjectStore;

    beforeAll(async () => {
      opened = await open();
      store = opened.store;
    });
    afterAll(async () => {
      await opened?.close();
    });

    it("reads back what it wrote, with the size and ETag stat reports", async () => {
      const written = await store.write("reports/a.json", '{"ok":true}', {
        contentType: "application/json",
      });

      const bytes = await store.readBytes("reports/a.json");
      const stat = await store.stat("reports/a.json");

      expect(Buffer.from(bytes).toString("utf8")).toBe('{"ok":true}');
      expect(written).toMatchObject({ key: "reports/a.json", sizeBytes: 11 });
      expect(stat).toMatchObject({ sizeBytes: 11, etag: written.etag });
    });

    it("streams a written stream back byte for byte", async () => {
      const sizeBytes = 3 * 1024 * 1024 + 17;
      await store.write("data/input/big.csv", generatedChunks(sizeBytes));

      const readHash = await sha256Of(store.read("data/input/big.csv"));

      expect(readHash).toBe(await sha256Of(generatedChunks(sizeBytes)));
      expect((await store.stat("data/input/big.csv"))?.sizeBytes).toBe(sizeBytes);
    });

    it("gives the same ETag to the same bytes and a new one to new bytes", async () => {
      const first = await store.write("etag/one.txt", "same");
      const second = await store.write("etag/two.txt", new TextEncoder().encode("same"));
      const changed = await store.write("etag/two.txt", "different");

      expect(second.etag).toBe(first.etag);
      expect(changed.etag).not.toBe(first.etag);
    });

    it("throws store.not_found when a missing object is read", async () => {
      const streamed = await (async () => {
        for await (const _chunk of store.read("missing/file.csv")) return undefined;
      })().catch((error: unknown) => error);
      const whole = await store.readBytes("missing/file.csv").catch((error: unknown) => error);

      expect(isChurnError(streamed, "store.not_found")).toBe(true);
      expect(isChurnError(whole, "store.not_found")).toBe(true);
      expect(await store.stat("missing/file.csv")).toBeUndefined();
    });

    it("lists the objects under a prefix in key order", async () => {
      // s3rver, unlike S3, lists "a/z" before "a.csv"; the keys avoid that tie ("." < "/").
      for (const key of ["list/b.csv", "list/a/z.csv", "list/ab.csv", "list/c.csv", "lists.csv"]) {
        await store.write(key, key);
      }

      const keys = await collectKeys(store, "list/");

      expect(keys).toEqual(["list/a/z.csv", "list/ab.csv", "list/b.csv", "list/c.csv"]);
      expect(await collectKeys(store, "list/a")).toEqual(["list/a/z.csv", "list/ab.csv"]);
      expect(await collectKeys(store, "nothing/")).toEqual([]);
    });

    it("copies an object under a new key and keeps the source", async () => {
      const source = await store.write("data/input/customer churn é.csv", "a,b\n1,2\n");

      const copied = await store.copy(
        "data/input/customer churn é.csv",
        "data/processed/customer churn é.csv",
      );

      expect(copied).toMatchObject({ key: "data/processed/customer churn é.csv", sizeBytes: 8 });
      expect(await store.stat("data/input/customer churn é.csv")).toMatchObject({
        etag: source.etag,
      });
      const bytes = await store.readBytes("data/processed/customer churn é.csv");
      expect(Buffer.from(bytes).toString("utf8")).toBe("a,b\n1,2\n");
    });

    it("copies with ifMatch only the object of that ETag, and nothing when it was replaced", async () => {
      const announced = await store.write("data/input/redrop.csv", "first drop\n");
      const claimed = await store.copy("data/input/redrop.csv", "data/processing/r1/redrop.csv", {
        ifMatch: announced.etag,
      });
      await store.write("data/input/redrop.csv", "second drop\n");

      const error = await store
        .copy("data/input/redrop.csv", "data/processing/r2/redrop.csv", {
          ifMatch: announced.etag,
        })
        .catch((caught: unknown) => caught);

      expect(claimed.sizeBytes).toBe(11);
      expect(isChurnError(error, "store.changed")).toBe(true);
      expect(await store.stat("data/processing/r2/redrop.csv")).toBeUndefined();
      const bytes = await store.readBytes("data/processing/r1/redrop.csv");
      expect(Buffer.from(bytes).toString("utf8")).toBe("first drop\n");
    });

    it("deletes with ifMatch only the object of that ETag", async () => {
      const first = await store.write("delete/replaced.txt", "first");
      await store.write("delete/replaced.txt", "second");

      const error = await store
        .delete("delete/replaced.txt", { ifMatch: first.etag })
        .catch((caught: unknown) => caught);
      const current = await store.stat("delete/replaced.txt");
      await store.delete("delete/replaced.txt", { ifMatch: current?.etag ?? "" });
      await store.delete("delete/replaced.txt", { ifMatch: first.etag });

      expect(isChurnError(error, "store.changed")).toBe(true);
      expect(current?.sizeBytes).toBe(6);
      expect(await store.stat("delete/replaced.txt")).toBeUndefined();
    });

    it("deletes an object, and deleting a missing one is not an error", async () => {
      await store.write("delete/me.txt", "x");

      await store.delete("delete/me.txt");
      await store.delete("delete/me.txt");

      expect(await store.stat("delete/me.txt")).toBeUndefined();
    });
  });
}
