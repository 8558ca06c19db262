import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { RAW_HEADERS } from "./columns.ts";
import { ORIGINAL_SPLIT, splitOriginalFile } from "./split.ts";
import { extractZipEntry } from "./zip.ts";

const dataDir = join(import.meta.dirname, "../../../shared/data");

async function* bytesOf(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

/** A UCI-shaped file: row i has call failure i and a customer value that is whole on even rows. */
function syntheticOriginal(rowCount = 3150): string {
  const rows = Array.from({ length: rowCount }, (_, index) => {
    const value = index % 2 === 0 ? String(index) : `${index}.25`;
    return `${index + 1},0,30,0,100,5,2,3,2,1,1,25,${value},0`;
  });
  return `${[RAW_HEADERS.join(","), ...rows].join("\r\n")}\r\n`;
}

/** A one-entry ZIP archive, written by hand the way APPNOTE 6.3 lays it out. */
function zipOf(name: string, content: Uint8Array): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const data = deflateRawSync(content);
  const local = new DataView(new ArrayBuffer(30));
  local.setUint32(0, 0x04034b50, true);
  local.setUint16(8, 8, true);
  local.setUint32(18, data.length, true);
  local.setUint32(22, content.length, true);
  local.setUint16(26, nameBytes.length, true);
  const central = new DataView(new ArrayBuffer(46));
  central.setUint32(0, 0x02014b50, true);
  central.setUint16(10, 8, true);
  central.setUint32(20, data.length, true);
  central.setUint32(24, content.length, true);
  central.setUint16(28, nameBytes.length, true);
  const centralOffset = 30 + nameBytes.length + data.length;
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(10, 1, true);
  end.setUint32(16, centralOffset, true);
  const parts = [local, nameBytes, data, central, nameBytes, end].map((part) =>
    part instanceof DataView ? new Uint8Array(part.buffer) : part,
  );
  return Buffer.concat(parts);
}

describe("splitOriginalFile", () => {
  it("cuts three consecutive blocks of 1050 rows, with customer value as Python writes it", async () => {
    const files = await splitOriginalFile(bytesOf(syntheticOriginal()));

    expect(files.map((file) => file.fileName)).toEqual(ORIGINAL_SPLIT.map((spec) => spec.fileName));
    const lines = files.map((file) => file.text.split("\n"));
    expect(lines.map((fileLines) => fileLines.length)).toEqual([1052, 1052, 1052]);
    expect(lines[1]?.[0]).toBe(RAW_HEADERS.join(","));
    expect(lines[1]?.[1]).toBe("1051,0,30,0,100,5,2,3,2,1,1,25,1050.0,0");
    expect(lines[2]?.[2]).toBe("2102,0,30,0,100,5,2,3,2,1,1,25,2101.25,0");
  });

  it("throws data.unexpected_original for a file of another size", async () => {
    await expect(splitOriginalFile(bytesOf(syntheticOriginal(100)))).rejects.toMatchObject({
      code: "data.unexpected_original",
    });
  });

  // The UCI file's three blocks are the three shipped files, whole numbers written without
  // ".0"; rebuilding it from them and splitting it again must give back the same bytes.
  it.skipIf(!existsSync(dataDir))(
    "rebuilds the original platform's files byte for byte",
    async () => {
      const shipped = ORIGINAL_SPLIT.map((spec) =>
        readFileSync(join(dataDir, spec.fileName), "utf8"),
      );
      const rows = shipped.flatMap((text) => text.trim().split("\n").slice(1));
      const uci = [RAW_HEADERS.join(","), ...rows.map((row) => row.replace(/\.0,(\d)$/, ",$1"))];

      const files = await splitOriginalFile(bytesOf(`${uci.join("\r\n")}\r\n`));

      for (const [index, file] of files.entries()) {
        const sha256 = createHash("sha256").update(file.text).digest("hex");
        expect(sha256).toBe(ORIGINAL_SPLIT[index]?.sha256);
      }
    },
  );
});

describe("extractZipEntry", () => {
  it("inflates the wanted entry of an archive", () => {
    const content = new TextEncoder().encode(syntheticOriginal(10));

    const extracted = extractZipEntry(zipOf("Customer Churn.csv", content), (name) =>
      name.endsWith(".csv"),
    );

    expect(new TextDecoder().decode(extracted)).toBe(new TextDecoder().decode(content));
  });

  it.each([
    ["bytes that are no archive", new Uint8Array(100)],
    ["an archive without the entry", zipOf("readme.txt", new Uint8Array(5))],
  ])("throws data.bad_zip for %s", (_, bytes) => {
    expect(() => extractZipEntry(bytes, (name) => name.endsWith(".csv"))).toThrow(
      expect.objectContaining({ code: "data.bad_zip" }),
    );
  });
});
