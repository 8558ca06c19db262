/**
 * Groups text lines into UTF-8 chunks of about `chunkBytes`, so outputs stream to the object
 * store without holding a whole file in memory nor writing one tiny chunk per row.
 */
export async function* encodeLines(
  lines: AsyncIterable<string>,
  chunkBytes = 1 << 20,
): AsyncIterable<Uint8Array> {
  const encoder = new TextEncoder();
  let pending: string[] = [];
  let pendingLength = 0;
  for await (const line of lines) {
    pending.push(line);
    pendingLength += line.length;
    if (pendingLength >= chunkBytes) {
      yield encoder.encode(pending.join(""));
      pending = [];
      pendingLength = 0;
    }
  }
  if (pending.length > 0) yield encoder.encode(pending.join(""));
}
