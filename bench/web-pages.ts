/**
 * How fast the report site answers with many runs in the metrics store. Seeds a fresh
 * PostgreSQL database (on DATABASE_URL's server, default postgres://postgres@127.0.0.1:5432/test)
 * with the test seed plus `runCount` processed runs (default 10,000) through the store's writes,
 * starts the production build with `next start`, and prints the median and slowest answer time
 * of each page over a few requests. Run with `node bench/web-pages.ts [runCount]`.
 */
import { createMetricsStore } from "@churn/core/db";
import { createTestDatabase } from "../packages/web/test/support/database.ts";
import { seedManyRuns, seedSite } from "../packages/web/test/support/seed.ts";
import { buildSite, startSite } from "../packages/web/test/support/site.ts";

const REQUESTS_PER_PAGE = 7;

const runCount = Number(process.argv[2] ?? 10_000);
buildSite();
const database = await createTestDatabase("churn_web_bench");
try {
  const seedStartMs = performance.now();
  const store = createMetricsStore(database.db);
  const seeded = await seedSite(store);
  await seedManyRuns(store, runCount);
  const seedSeconds = (performance.now() - seedStartMs) / 1000;
  console.log(`seeded ${runCount + seeded.runs.length} runs in ${seedSeconds.toFixed(1)} s`);

  const drifted = seeded.runs.find((run) => run.isDatasetDrifted)?.runId ?? "";
  const lastPage = Math.ceil((runCount + seeded.runs.length) / 25);
  const pages = [
    "/runs",
    `/runs?page=${lastPage}`,
    "/runs?status=rejected",
    `/runs/${drifted}`,
    "/trends",
    "/trends?runs=1000",
    "/models",
  ];

  const site = await startSite({ DATABASE_URL: database.url });
  try {
    console.log("page                         median ms   slowest ms   KB");
    for (const path of pages) {
      const timesMs: number[] = [];
      let sizeBytes = 0;
      for (let request = 0; request < REQUESTS_PER_PAGE; request += 1) {
        const startMs = performance.now();
        const response = await fetch(`${site.url}${path}`);
        sizeBytes = (await response.arrayBuffer()).byteLength;
        if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
        timesMs.push(performance.now() - startMs);
      }
      // The first request of each page warms the server's code for it, so it is left out.
      const warm = timesMs.slice(1).sort((a, b) => a - b);
      const median = warm[Math.floor(warm.length / 2)] ?? 0;
      const slowest = warm.at(-1) ?? 0;
      console.log(
        `${path.padEnd(28)} ${median.toFixed(0).padStart(9)} ${slowest.toFixed(0).padStart(12)} ${(sizeBytes / 1024).toFixed(0).padStart(6)}`,
      );
    }
  } finally {
    await site.stop();
  }
} finally {
  await database.drop();
}
