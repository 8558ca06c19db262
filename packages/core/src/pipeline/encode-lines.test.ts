import { describe, expect, it } from "vitest";
import { encodeLines } from "./encode-lines.ts";

describe("encodeLines", () => {
  it("returns every line once, grouped in chunks", async () => {
    async function* lines() {
      for (let index = 0; index < 10; index += 1) yield `${index}\n`;
    }
    const chunks: Uint8Array[] = [];

    for await (const chunk of encodeLines(lines(), 6)) chunks.push(chunk);

    expect(chunks.length).toBe(4);
    expect(chunks.map((chunk) => new TextDecoder().decode(chunk)).join("")).toBe(
      "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n",
    );
  });
});
