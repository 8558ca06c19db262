/**
 * An ObjectStore held in a Map, for core's unit tests of the pipeline steps: it keeps the port's
 * contract (ETags that change with the bytes, `ifAbsent`, `ifMatch`, `store.*` error codes) so a
 * step behaves as it does over the bucket or the local folder.
 */
import { createHash } from "node:crypto";
import { ChurnError } from "../src/errors/index.ts";
import type { ObjectInfo, ObjectStore } from "../src/ports/index.ts";

export function createMemoryObjectStore(now: () => Date = () => new Date(0)): ObjectStore {
  const objects = new Map<string, { bytes: Uint8Array; info: ObjectInfo }>();

  function find(key: string) {
    const found = objects.get(key);
    if (found === undefined) {
      throw new ChurnError("store.not_found", `${key} does not exist.`, { context: { key } });
    }
    return found;
  }

  function put(key: string, bytes: Uint8Array, ifAbsent: boolean): ObjectInfo {
    if (ifAbsent && objects.has(key)) {
      throw new ChurnError("store.exists", `${key} exists already.`, { context: { key } });
    }
    const etag = createHash("sha256").update(bytes).digest("hex");
    const info = { key, sizeBytes: bytes.length, etag, lastModified: now() };
    objects.set(key, { bytes, info });
    return info;
  }

  function checkEtag(key: string, expected: string | undefined): void {
    if (expected !== undefined && objects.get(key)?.info.etag !== expected) {
      throw new ChurnError("store.changed", `${key} no longer holds ETag ${expected}.`, {
        context: { key },
      });
    }
  }

  return {
    async *read(key) {
      yield find(key).bytes;
    },
    readBytes: async (key) => find(key).bytes,
    async write(key, body, options = {}) {
      const bytes = await collect(body);
      return put(key, bytes, options.ifAbsent === true);
    },
    stat: async (key) => objects.get(key)?.info,
    async *list(prefix) {
      const keys = [...objects.keys()].filter((key) => key.startsWith(prefix)).sort();
      for (const key of keys) yield find(key).info;
    },
    async copy(fromKey, toKey, options = {}) {
      const source = find(fromKey);
      checkEtag(fromKey, options.ifMatch);
      return put(toKey, source.bytes, options.ifAbsent === true);
    },
    async delete(key, options = {}) {
      if (!objects.has(key)) return;
      checkEtag(key, options.ifMatch);
      objects.delete(key);
    },
  };
}

async function collect(body: Uint8Array | string | AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  if (typeof body === "string") return new TextEncoder().encode(body);
  if (body instanceof Uint8Array) return body.slice();
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}
