import { createHash, type Hash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { copyFile, link, mkdir, readdir, readFile, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { ChurnError, type ObjectInfo, type ObjectStore } from "@churn/core";

/** Suffix of the files a write fills before it renames them into place; never listed. */
const TEMP_SUFFIX = ".churn-partial";

interface CachedEtag {
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  readonly etag: string;
}

/**
 * An object store in a local folder laid out like the bucket: key `data/input/a.csv` is the file
 * `<root>/data/input/a.csv`. Writes land whole or not at all (temp file, then rename), and the
 * ETag is the SHA-256 of the content. Errors: `store.not_found`, `store.exists`, `store.changed`,
 * `store.bad_key`.
 */
export function createLocalObjectStore(rootDir: string): ObjectStore {
  const root = path.resolve(rootDir);
  // Hashing a large file on every stat would be slow; the hash is kept while size and mtime hold.
  const etags = new Map<string, CachedEtag>();

  const filePath = (key: string) => path.join(root, ...checkKey(key).split("/"));

  async function info(key: string, file: string): Promise<ObjectInfo | undefined> {
    const stats = await stat(file).catch(ignoreMissing);
    if (stats === undefined || !stats.isFile()) return undefined;
    const cached = etags.get(file);
    const etag =
      cached !== undefined && cached.sizeBytes === stats.size && cached.mtimeMs === stats.mtimeMs
        ? cached.etag
        : await hashFile(file);
    etags.set(file, { sizeBytes: stats.size, mtimeMs: stats.mtimeMs, etag });
    return { key, sizeBytes: stats.size, etag, lastModified: stats.mtime };
  }

  async function place(key: string, temp: string, file: string, ifAbsent: boolean) {
    try {
      if (ifAbsent) {
        // link() fails with EEXIST when the target exists, so no other writer can slip in.
        await link(temp, file);
        await unlink(temp);
      } else {
        await rename(temp, file);
      }
    } catch (error) {
      await unlink(temp).catch(() => {});
      if (hasCode(error, "EEXIST")) throw existsError(key);
      throw error;
    }
  }

  return {
    async *read(key) {
      const file = filePath(key);
      const stream = createReadStream(file);
      try {
        for await (const chunk of stream) yield chunk as Uint8Array;
      } catch (error) {
        if (hasCode(error, "ENOENT") || hasCode(error, "EISDIR")) throw notFoundError(key);
        throw error;
      }
    },

    async readBytes(key) {
      const bytes = await readFile(filePath(key)).catch((error: unknown) => {
        if (hasCode(error, "ENOENT") || hasCode(error, "EISDIR")) throw notFoundError(key);
        throw error;
      });
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },

    async write(key, body, options = {}) {
      const file = filePath(key);
      // A cheap early refusal; the link() in place() is what makes ifAbsent safe under races.
      if (options.ifAbsent && (await stat(file).catch(ignoreMissing)) !== undefined) {
        throw existsError(key);
      }
      await mkdir(path.dirname(file), { recursive: true });

      const temp = `${file}.${randomBytes(6).toString("hex")}${TEMP_SUFFIX}`;
      const hash = createHash("sha256");
      try {
        await pipeline(hashing(toChunks(body), hash), createWriteStream(temp, { flags: "wx" }));
      } catch (error) {
        await unlink(temp).catch(() => {});
        throw error;
      }
      await place(key, temp, file, options.ifAbsent === true);

      const stats = await stat(file);
      const etag = hash.digest("hex");
      etags.set(file, { sizeBytes: stats.size, mtimeMs: stats.mtimeMs, etag });
      return { key, sizeBytes: stats.size, etag, lastModified: stats.mtime };
    },

    stat: (key) => info(key, filePath(key)),

    async *list(prefix) {
      const start = prefix.includes("/") ? prefix.slice(0, prefix.lastIndexOf("/") + 1) : "";
      const keys = await listKeys(root, start);
      for (const key of keys.filter((candidate) => candidate.startsWith(prefix)).sort(byKey)) {
        const found = await info(key, filePath(key));
        if (found !== undefined) yield found;
      }
    },

    async copy(fromKey, toKey, options = {}) {
      const from = filePath(fromKey);
      const to = filePath(toKey);
      if (options.ifAbsent && (await stat(to).catch(ignoreMissing)) !== undefined) {
        throw existsError(toKey);
      }
      await mkdir(path.dirname(to), { recursive: true });
      const temp = `${to}.${randomBytes(6).toString("hex")}${TEMP_SUFFIX}`;
      await copyFile(from, temp).catch((error: unknown) => {
        if (hasCode(error, "ENOENT")) throw notFoundError(fromKey);
        throw error;
      });
      if (options.ifMatch !== undefined) {
        // The copy itself is hashed, so the bytes placed are exactly the bytes compared, even
        // when the source is replaced while it is being copied.
        const etag = await hashFile(temp);
        if (etag !== options.ifMatch) {
          await unlink(temp).catch(() => {});
          throw changedError(fromKey, options.ifMatch, etag);
        }
      }
      await place(toKey, temp, to, options.ifAbsent === true);
      const copied = await info(toKey, to);
      if (copied === undefined) throw notFoundError(toKey);
      return copied;
    },

    async delete(key, options = {}) {
      const file = filePath(key);
      if (options.ifMatch !== undefined) {
        // A check, then the unlink: a writer in the same folder could slip in between, which
        // the single local runner never does.
        const current = await info(key, file);
        if (current === undefined) return;
        if (current.etag !== options.ifMatch) {
          throw changedError(key, options.ifMatch, current.etag);
        }
      }
      await unlink(file).catch(ignoreMissing);
      etags.delete(file);
    },
  };
}

/** Keys are `/`-separated relative paths; anything that could escape the root is refused. */
function checkKey(key: string): string {
  const segments = key.split("/");
  const isBad =
    key === "" ||
    key.includes("\\") ||
    key.includes("\0") ||
    key.endsWith(TEMP_SUFFIX) ||
    segments.some((segment) => segment === "" || segment === "." || segment === "..");
  if (isBad) {
    throw new ChurnError(
      "store.bad_key",
      `Object key "${key}" is not a relative path of non-empty segments; use keys like data/input/file.csv.`,
      { context: { key } },
    );
  }
  return key;
}

async function listKeys(root: string, directoryKey: string): Promise<string[]> {
  const directory = path.join(root, ...directoryKey.split("/").filter(Boolean));
  const entries = await readdir(directory, { withFileTypes: true }).catch(ignoreMissing);
  if (entries === undefined) return [];

  const keys: string[] = [];
  for (const entry of entries) {
    const key = `${directoryKey}${entry.name}`;
    if (entry.isDirectory()) keys.push(...(await listKeys(root, `${key}/`)));
    else if (entry.isFile() && !entry.name.endsWith(TEMP_SUFFIX)) keys.push(key);
  }
  return keys;
}

/** S3 lists keys in the order of their UTF-8 bytes; the same order is used here. */
function byKey(left: string, right: string): number {
  return Buffer.compare(Buffer.from(left), Buffer.from(right));
}

async function* toChunks(
  body: Uint8Array | string | AsyncIterable<Uint8Array>,
): AsyncIterable<Uint8Array> {
  if (typeof body === "string") yield Buffer.from(body, "utf8");
  else if (body instanceof Uint8Array) yield body;
  else yield* body;
}

async function* hashing(chunks: AsyncIterable<Uint8Array>, hash: Hash): AsyncIterable<Uint8Array> {
  for await (const chunk of chunks) {
    hash.update(chunk);
    yield chunk;
  }
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Uint8Array);
  return hash.digest("hex");
}

function hasCode(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === code;
}

function ignoreMissing(error: unknown): undefined {
  if (hasCode(error, "ENOENT") || hasCode(error, "ENOTDIR")) return undefined;
  throw error;
}

function notFoundError(key: string): ChurnError {
  return new ChurnError("store.not_found", `Object ${key} does not exist in the local bucket.`, {
    context: { key },
  });
}

function changedError(key: string, expected: string, found: string): ChurnError {
  return new ChurnError(
    "store.changed",
    `Object ${key} now holds other bytes (ETag ${found}, expected ${expected}); ` +
      "it was replaced after it was announced.",
    { context: { key, expectedEtag: expected, etag: found } },
  );
}

function existsError(key: string): ChurnError {
  return new ChurnError(
    "store.exists",
    `Object ${key} already exists; nothing is overwritten, so write it under a new key.`,
    { context: { key } },
  );
}
