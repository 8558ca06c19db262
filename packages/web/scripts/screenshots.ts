/**
 * Takes a screenshot of each page of the site on a seeded database and writes them to
 * docs/screenshots/ at the repository root: the whole page at 1280 px wide, cut off at
 * MAX_HEIGHT_PX so that a long page stays readable at its natural size. Needs PostgreSQL
 * (DATABASE_URL names the server, default postgres://postgres@127.0.0.1:5432/test) and Chromium
 * (CHROMIUM_PATH, default /usr/bin/chromium). Run: node packages/web/scripts/screenshots.ts
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMetricsStore } from "@churn/core/db";
import { launchBrowser } from "../test/support/browser.ts";
import { createTestDatabase } from "../test/support/database.ts";
import { seedSite } from "../test/support/seed.ts";
import { writeSeedBucket } from "../test/support/seed-bucket.ts";
import { buildSite, startSite, WEB_DIR } from "../test/support/site.ts";

const OUTPUT_DIR = join(WEB_DIR, "..", "..", "docs", "screenshots");
const VIEWPORT = { width: 1280, height: 800 };
const MAX_HEIGHT_PX = 3600;

async function main(): Promise<void> {
  buildSite();
  const database = await createTestDatabase("churn_web_screenshots");
  const bucketDir = await mkdtemp(join(tmpdir(), "churn-web-bucket-"));
  try {
    const seeded = await seedSite(createMetricsStore(database.db));
    await writeSeedBucket(bucketDir, seeded);
    const drifted = seeded.runs.find((run) => run.isDatasetDrifted);
    const unlabelled = seeded.runs.find(
      (run) => run.estimates.length > 0 && run.quality === undefined,
    );
    const rejected = seeded.runs.find((run) => run.status === "rejected");
    const pages: readonly [string, string][] = [
      ["runs", "/runs"],
      ["run-drifted", `/runs/${drifted?.runId}`],
      ["run-unlabelled", `/runs/${unlabelled?.runId}`],
      ["run-rejected", `/runs/${rejected?.runId}`],
      ["trends", "/trends"],
      ["models", "/models"],
    ];

    const site = await startSite({ DATABASE_URL: database.url, CHURN_BUCKET_DIR: bucketDir });
    const browser = await launchBrowser({ viewport: VIEWPORT });
    try {
      await mkdir(OUTPUT_DIR, { recursive: true });
      const page = await browser.context.newPage();
      for (const [name, path] of pages) {
        await page.goto(`${site.url}${path}`, { waitUntil: "networkidle" });
        const file = join(OUTPUT_DIR, `${name}.png`);
        const heightPx = await page.evaluate(() => document.documentElement.scrollHeight);
        const clipHeightPx = Math.min(heightPx, MAX_HEIGHT_PX);
        await page.screenshot({
          path: file,
          fullPage: true,
          clip: { x: 0, y: 0, width: VIEWPORT.width, height: clipHeightPx },
        });
        console.log(`wrote ${file} (${VIEWPORT.width} × ${clipHeightPx} of ${heightPx} px)`);
      }
    } finally {
      await browser.close();
      await site.stop();
    }
  } finally {
    await database.drop();
    await rm(bucketDir, { recursive: true, force: true });
  }
}

await main();
