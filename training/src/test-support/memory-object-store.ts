import { ChurnError, type ObjectInfo, type ObjectStore } from "@churn/core";

/**
 * An ObjectStore held in a Map, for unit tests of code that only talks to the port. The real
 * adapters (local folder, S3) are tested against the port's contract in their own package.
 */
export function createMemoryObjectStore(): ObjectStore & { keys(): string[] } {
  const objects = new Map<string, { bytes: Uint8Array; info: ObjectInfo }>();
  let writeCount = 0;

  const get = (key: string) => {
    const object = objects.get(key);
    if (object === undefined) throw new ChurnError("store.not_found", `No object at ${key}.`);
    return object;
  };

  const put = (key: string, bytes: Uint8Array): ObjectInfo => {
    writeCount += 1;
    const info = {
      key,
      sizeBytes: bytes.length,
      etag: `"${writeCount}"`,
      lastModified: new Date(0),
    };
    objects.set(key, { bytes, info });
    return info;
  };

  return {
    async *read(key) {
      yield get(key).bytes;
    },
    async readBytes(key) {
      return get(key).bytes;
    },
    async write(key, body, options) {
      if (options?.ifAbsent === true && objects.has(key)) {
        throw new ChurnError("store.exists", `An object already exists at ${key}.`);
      }
      return put(key, await toBytes(body));
    },
    async stat(key) {
      return objects.get(key)?.info;
    },
    async *list(prefix) {
      const keys = [...objects.keys()].filter((key) => key.startsWith(prefix)).sort();
      for (const key of keys) yield get(key).info;
    },
    async copy(fromKey, toKey) {
      return put(toKey, get(fromKey).bytes);
    },
    async delete(key) {
      objects.delete(key);
    },
    keys: () => [...objects.keys()].sort(),
  };
}

async function toBytes(body: Uint8Array | string | AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  if (typeof body === "string") return new TextEncoder().encode(body);
  if (body instanceof Uint8Array) return body;
  const parts: Uint8Array[] = [];
  for await (const part of body) parts.push(part);
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}
