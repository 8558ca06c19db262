import { gzipSync } from "node:zlib";

/**
 * The one file SageMaker's XGBoost container loads from the archive (docs/model-format.md,
 * "Compatibility with XGBoost 1.7–3.x and SageMaker").
 */
export const ARCHIVE_MODEL_FILE_NAME = "xgboost-model";

const BLOCK_SIZE = 512;

/**
 * `model.tar.gz` for SageMaker: a POSIX ustar archive holding exactly one regular file,
 * `xgboost-model`, with the model's JSON text, gzip-compressed. `modifiedAt` is the file's
 * mtime, so equal inputs give equal bytes.
 */
export function createModelArchive(modelJson: string, modifiedAt: Date): Uint8Array {
  const content = new TextEncoder().encode(modelJson);
  const header = ustarHeader(ARCHIVE_MODEL_FILE_NAME, content.length, modifiedAt);
  const paddedSize = Math.ceil(content.length / BLOCK_SIZE) * BLOCK_SIZE;
  // Header, content padded to a whole block, then two zero blocks that end the archive.
  const tar = new Uint8Array(BLOCK_SIZE + paddedSize + 2 * BLOCK_SIZE);
  tar.set(header, 0);
  tar.set(content, BLOCK_SIZE);
  return new Uint8Array(gzipSync(tar, { level: 9 }));
}

function ustarHeader(name: string, sizeBytes: number, modifiedAt: Date): Uint8Array {
  const header = new Uint8Array(BLOCK_SIZE);
  const put = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) header[offset + i] = text.charCodeAt(i);
  };
  const octal = (value: number, width: number) => `${value.toString(8).padStart(width - 1, "0")}\0`;

  put(0, name);
  put(100, octal(0o644, 8));
  put(108, octal(0, 8));
  put(116, octal(0, 8));
  put(124, octal(sizeBytes, 12));
  put(136, octal(Math.floor(modifiedAt.getTime() / 1000), 12));
  put(148, "        ");
  put(156, "0");
  put(257, "ustar\0");
  put(263, "00");
  put(265, "root");
  put(297, "root");

  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  put(148, `${checksum.toString(8).padStart(6, "0")}\0 `);
  return header;
}
