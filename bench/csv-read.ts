/**
 * Reads and validates a generated 1,000,000-row churn file through the streaming path and prints
 * rows per second and peak memory. Run with `node bench/csv-read.ts [rowCount]`. The file is
 * generated (seeded) in this process; it is read in a fresh child process, so the memory
 * figures are those of reading alone.
 */
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resourceUsage } from "node:process";
import { validateCsv } from "@churn/core/csv";
import { generateChurnLines } from "@churn/data";

const SEED = 20261203;
const MB = 1024 * 1024;

if (process.argv[2] === "--read") await readAndReport(process.argv[3] ?? "");
else await generateAndRead(Number(process.argv[2] ?? 1_000_000));

async function generateAndRead(rowCount: number): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "churn-bench-"));
  try {
    const path = join(dir, "bench.csv");
    const startMs = performance.now();
    await writeLines(path, generateChurnLines("stable", { seed: SEED, rowCount }));
    const sizeMb = (await stat(path)).size / MB;
    const seconds = (performance.now() - startMs) / 1000;
    console.log(
      `Generated ${rowCount} rows (${sizeMb.toFixed(1)} MB, seed ${SEED}) in ${seconds.toFixed(1)} s.`,
    );

    execFileSync(process.execPath, [import.meta.filename, "--read", path], { stdio: "inherit" });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function readAndReport(path: string): Promise<void> {
  const sizeBytes = (await stat(path)).size;
  const rssBeforeBytes = process.memoryUsage().rss;
  let peakRssBytes = rssBeforeBytes;
  const sampler = setInterval(() => {
    peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss);
  }, 20);

  const startMs = performance.now();
  const cpuStart = process.cpuUsage();
  const result = await validateCsv(createReadStream(path, { highWaterMark: 1024 * 1024 }), {
    fileLabel: "bench.csv",
  });
  const seconds = (performance.now() - startMs) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  clearInterval(sampler);
  peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss);

  const { table, summary } = result;
  const tableMb = (table.columnNames.length * table.rowCount * 8) / MB;
  console.log(`Verdict: ${result.verdict.isValid ? "valid" : result.verdict.message}`);
  console.log(`Rows kept: ${table.rowCount} of ${summary.rowCount}`);
  console.log(`Read and validated in ${seconds.toFixed(2)} s (wall clock)`);
  console.log(`CPU time (user + system): ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`);
  console.log(`Rows per second: ${Math.round(summary.rowCount / seconds).toLocaleString("en")}`);
  console.log(`Throughput: ${(sizeBytes / MB / seconds).toFixed(1)} MB/s`);
  console.log(`RSS before reading: ${(rssBeforeBytes / MB).toFixed(0)} MB`);
  console.log(`Peak RSS while reading (sampled every 20 ms): ${(peakRssBytes / MB).toFixed(0)} MB`);
  console.log(`Peak RSS of the process (maxRSS): ${(resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  console.log(
    `Columnar table: ${tableMb.toFixed(0)} MB (${table.columnNames.length} float64 columns)`,
  );
}

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const stream = createWriteStream(path);
  let batch: string[] = [];
  for (const line of lines) {
    batch.push(line);
    if (batch.length === 10_000) {
      if (!stream.write(`${batch.join("\n")}\n`)) await once(stream, "drain");
      batch = [];
    }
  }
  stream.end(batch.length > 0 ? `${batch.join("\n")}\n` : "");
  await once(stream, "finish");
}
