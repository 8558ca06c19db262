import { inflateRawSync } from "node:zlib";
import { ChurnError } from "@churn/core";

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/**
 * The bytes of the first entry of a ZIP archive whose name satisfies `isWanted`, read through
 * the central directory (PKWARE APPNOTE 6.3, sections 4.3.7, 4.3.12 and 4.3.16). Handles stored
 * and deflated entries, not ZIP64 or encryption, which the UCI archives do not use. Throws
 * `data.bad_zip` when the bytes are not such an archive or hold no wanted entry.
 */
export function extractZipEntry(zip: Uint8Array, isWanted: (name: string) => boolean): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = findEndOfCentralDirectory(view);
  const entryCount = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);

  for (let index = 0; index < entryCount; index += 1) {
    if (view.getUint32(offset, true) !== CENTRAL_DIRECTORY_ENTRY) break;
    const method = view.getUint16(offset + 10, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const localOffset = view.getUint32(offset + 42, true);
    const name = new TextDecoder().decode(zip.subarray(offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
    if (!isWanted(name)) continue;

    const data = zip.subarray(
      dataOffset(view, localOffset),
      dataOffset(view, localOffset) + compressedSize,
    );
    const bytes = method === STORED ? data : method === DEFLATED ? inflateRawSync(data) : undefined;
    if (bytes === undefined || bytes.length !== size) {
      throw badZip(`its entry ${name} uses compression method ${method} or is damaged`);
    }
    return new Uint8Array(bytes);
  }
  throw badZip("it holds no entry of the expected name");
}

function findEndOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const last = view.byteLength - 22;
  for (let offset = last; offset >= Math.max(0, last - 65_535); offset -= 1) {
    if (view.getUint32(offset, true) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  throw badZip("it has no end-of-central-directory record");
}

function dataOffset(view: DataView, localOffset: number): number {
  if (view.getUint32(localOffset, true) !== LOCAL_FILE_HEADER) {
    throw badZip("an entry's local header is missing");
  }
  return (
    localOffset +
    30 +
    view.getUint16(localOffset + 26, true) +
    view.getUint16(localOffset + 28, true)
  );
}

function badZip(reason: string): ChurnError {
  return new ChurnError("data.bad_zip", `The downloaded archive is not usable: ${reason}.`);
}
