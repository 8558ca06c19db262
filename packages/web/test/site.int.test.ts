import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMetricsStore } from "@churn/core/db";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  formatCount,
  formatDateTime,
  formatDriftScore,
  formatDurationMs,
  formatNumber,
  formatScore,
  formatShare,
} from "../src/lib/format.ts";
import { launchBrowser, type TestBrowser } from "./support/browser.ts";
import { createTestDatabase, type TestDatabase } from "./support/database.ts";
import {
  HOSTILE_COLUMN,
  HOSTILE_FILE_NAME,
  HOSTILE_TEXT,
  type Seeded,
  seedSite,
} from "./support/seed.ts";
import { SCORED_CSV, seedLogOf, writeSeedBucket } from "./support/seed-bucket.ts";
import { buildSite, type RunningSite, startSite } from "./support/site.ts";

const USER = "churn";
const PASSWORD = "correct horse battery staple";

let database: TestDatabase;
let seeded: Seeded;
let site: RunningSite;
let browser: TestBrowser;
let bucketDir: string;
let pageProblems: string[] = [];

beforeAll(async () => {
  buildSite();
  database = await createTestDatabase();
  seeded = await seedSite(createMetricsStore(database.db));
  bucketDir = await mkdtemp(join(tmpdir(), "churn-web-bucket-"));
  await writeSeedBucket(bucketDir, seeded);

  site = await startSite({
    DATABASE_URL: database.url,
    SITE_PASSWORD: PASSWORD,
    CHURN_BUCKET_DIR: bucketDir,
  });
  browser = await launchBrowser({ httpCredentials: { username: USER, password: PASSWORD } });
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
  await database?.drop();
  if (bucketDir !== undefined) await rm(bucketDir, { recursive: true, force: true });
});

afterEach(() => {
  // Console errors, uncaught exceptions and dialogs (an injected alert) fail the test that saw them.
  const problems = pageProblems;
  pageProblems = [];
  expect(problems).toEqual([]);
});

async function open(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") pageProblems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => pageProblems.push(`page error: ${error.message}`));
  page.on("dialog", async (dialog) => {
    pageProblems.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  const response = await page.goto(`${site.url}${path}`);
  expect(response?.status(), `GET ${path}\n${site.output()}`).toBe(200);
  return page;
}

function runOf(predicate: (run: Seeded["runs"][number]) => boolean) {
  const run = seeded.runs.find(predicate);
  if (run === undefined) throw new Error("the seed lacks the run this test needs");
  return run;
}

/** The run ids of the rows on a runs page, top to bottom. */
function listedRunIds(page: Page): Promise<(string | null)[]> {
  return page
    .locator("tbody tr[data-run-id]")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-run-id")));
}

/** Each row's cell texts, for comparing a whole table with what the store holds. */
function cellTexts(page: Page, rows: string): Promise<string[][]> {
  return page
    .locator(rows)
    .evaluateAll((found) =>
      found.map((row) =>
        Array.from(row.querySelectorAll("th, td"), (cell) => cell.textContent ?? ""),
      ),
    );
}

/** Checks each listed run's watched scores against those stored for it. */
async function expectStoredScores(page: Page, runs: readonly Seeded["runs"][number][]) {
  for (const run of runs.filter((entry) => entry.metrics.length > 0)) {
    const row = page.locator(`tr[data-run-id="${run.runId}"]`);
    for (const metric of run.metrics.filter((entry) => entry.name !== "rocAuc")) {
      expect(await row.locator(`td[data-score="${metric.name}"]`).textContent()).toBe(
        formatScore(metric.value),
      );
    }
  }
}

const PAGE_SIZE = 25;

function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

describe("access", () => {
  it.each([
    ["401 to a request without credentials", undefined, 401],
    ["401 to a wrong password", [USER, "guess"], 401],
    ["401 to a wrong user", ["admin", PASSWORD], 401],
    ["200 to the site's credentials", [USER, PASSWORD], 200],
  ] as const)("answers %s when SITE_PASSWORD is set", async (_case, login, status) => {
    const authorization = login === undefined ? undefined : basicAuth(login[0], login[1]);

    const response = await fetch(`${site.url}/runs`, {
      headers: authorization === undefined ? {} : { authorization },
    });

    expect(response.status).toBe(status);
    if (status === 401) expect(response.headers.get("www-authenticate")).toMatch(/^Basic /);
  });
});

describe("access without SITE_PASSWORD", () => {
  it("lets anyone in, as on a developer's machine", async () => {
    const openSite = await startSite({
      DATABASE_URL: database.url,
      SITE_PASSWORD: "",
      CHURN_SITE_PASSWORD: "",
    });
    try {
      const response = await fetch(`${openSite.url}/runs`);

      expect(response.status).toBe(200);
    } finally {
      await openSite.stop();
    }
  });
});

describe("runs page", () => {
  it("lists the newest runs first with the scores and drift stored for them", async () => {
    const newestFirst = [...seeded.runs].reverse();
    const page = await open("/runs");

    const ids = await listedRunIds(page);

    expect(seeded.runs.length).toBeGreaterThan(PAGE_SIZE);
    expect(ids).toEqual(newestFirst.slice(0, PAGE_SIZE).map((run) => run.runId));
    await expectStoredScores(page, newestFirst.slice(0, PAGE_SIZE));
    const drifted = runOf((run) => run.isDatasetDrifted);
    const driftedCount = drifted.drift.filter((column) => column.isDrifted).length;
    expect(await page.locator(`tr[data-run-id="${drifted.runId}"]`).textContent()).toContain(
      `${driftedCount}/${drifted.drift.length}`,
    );
  });

  it("pages to the older runs and back", async () => {
    const newestFirst = [...seeded.runs].reverse();
    const total = seeded.runs.length;
    const page = await open("/runs");
    const pager = page.getByRole("navigation", { name: "Pages" });
    expect(await pager.textContent()).toContain(`1–${PAGE_SIZE} of ${total} (page 1 of 2)`);

    await pager.getByRole("link", { name: "Older →" }).click();
    await page.waitForURL(/\/runs\?page=2$/);

    expect(await listedRunIds(page)).toEqual(newestFirst.slice(PAGE_SIZE).map((run) => run.runId));
    await expectStoredScores(page, newestFirst.slice(PAGE_SIZE));
    expect(await pager.textContent()).toContain(
      `${PAGE_SIZE + 1}–${total} of ${total} (page 2 of 2)`,
    );
    expect(await pager.getByRole("link", { name: "Older →" }).count()).toBe(0);

    await pager.getByRole("link", { name: "← Newer" }).click();
    await page.waitForURL(/\/runs$/);

    expect(await listedRunIds(page)).toEqual(
      newestFirst.slice(0, PAGE_SIZE).map((run) => run.runId),
    );
  });

  it("keeps the status filter when it pages", async () => {
    const processed = seeded.runs.filter((run) => run.status === "processed").reverse();
    const page = await open("/runs?status=processed");

    await page
      .getByRole("navigation", { name: "Pages" })
      .getByRole("link", { name: "Older →" })
      .click();
    await page.waitForURL(/\/runs\?status=processed&page=2$/);

    expect(processed.length).toBeGreaterThan(PAGE_SIZE);
    expect(await listedRunIds(page)).toEqual(processed.slice(PAGE_SIZE).map((run) => run.runId));
  });

  it.each(["rejected", "failed", "running"])("filters the runs %s", async (status) => {
    const page = await open("/runs");

    await page.getByRole("link", { name: status, exact: true }).click();
    await page.waitForURL(new RegExp(`status=${status}`));

    const ids = await listedRunIds(page);
    expect(ids).toEqual(seeded.runs.filter((run) => run.status === status).map((run) => run.runId));
  });
});

describe("run page", () => {
  it("shows the drift verdict, each column's drift score and the quality as stored", async () => {
    const drifted = runOf((run) => run.isDatasetDrifted);
    const quality = drifted.quality;
    const page = await open(`/runs/${drifted.runId}`);

    const verdict = await page.getByTestId("drift-verdict").textContent();
    const driftedCount = drifted.drift.filter((column) => column.isDrifted).length;
    expect(verdict).toContain("Dataset drift detected");
    expect(verdict).toContain(`${driftedCount} of ${drifted.drift.length} columns drifted`);
    const driftTable = page.getByRole("table", { name: "Drift by column" });
    for (const column of drifted.drift) {
      const row = driftTable.locator(`tr[data-column="${column.columnName}"]`);
      expect(await row.locator('[data-field="drift-score"]').textContent()).toBe(
        formatDriftScore(column.driftScore),
      );
      expect(await row.textContent()).toContain(column.isDrifted ? "drifted" : "stable");
    }
    for (const metric of drifted.metrics) {
      expect(
        await page.locator(`tr[data-metric="${metric.name}"] [data-field="value"]`).textContent(),
      ).toBe(formatScore(metric.value));
    }
    const cells = await page
      .getByRole("table", { name: "Confusion matrix" })
      .locator("tbody tr")
      .evaluateAll((rows) =>
        rows.map((row) =>
          Array.from(row.querySelectorAll("td strong"), (cell) => cell.textContent),
        ),
      );
    const matrix = quality?.confusionMatrix;
    expect(cells).toEqual([
      [formatCount(matrix?.trueNegative), formatCount(matrix?.falsePositive)],
      [formatCount(matrix?.falseNegative), formatCount(matrix?.truePositive)],
    ]);
    expect(await page.getByRole("img", { name: "ROC curve" }).count()).toBe(1);
    expect(await page.getByRole("img", { name: "Precision–recall curve" }).count()).toBe(1);
  });

  it("shows the label-free estimate of a file without labels as stored", async () => {
    const unlabelled = runOf((run) => run.status === "processed" && run.quality === undefined);
    const page = await open(`/runs/${unlabelled.runId}`);

    const rows = await cellTexts(page, 'table[aria-label="Label-free estimate"] tbody tr');

    const estimates = [...unlabelled.estimates].sort((a, b) => a.name.localeCompare(b.name));
    expect(estimates.map((estimate) => estimate.name)).toEqual([
      "accuracy",
      "f1",
      "precision",
      "recall",
    ]);
    expect(rows.map((cells) => cells.slice(1))).toEqual(
      estimates.map((estimate) => [
        estimate.method.toUpperCase(),
        formatScore(estimate.value),
        `${formatScore(estimate.lowerBound)} – ${formatScore(estimate.upperBound)}`,
        "–",
      ]),
    );
    for (const estimate of estimates) {
      const row = page.locator(`tr[data-metric="${estimate.name}"]`);
      expect(await row.locator('[data-field="value"]').textContent()).toBe(
        formatScore(estimate.value),
      );
      expect(await row.textContent()).toContain("(estimated)");
    }
    expect(await page.getByRole("table", { name: "Confusion matrix" }).count()).toBe(0);
  });

  it("shows each column's data quality as the report stored it", async () => {
    const drifted = runOf((run) => run.isDatasetDrifted);
    const columns = drifted.report?.dataQuality ?? [];
    const page = await open(`/runs/${drifted.runId}`);

    const rows = await cellTexts(page, 'table[aria-label="Data quality"] tbody tr');

    // The drifted file's usage lies past the reference's range, so the counts are not all zero.
    expect(columns.some((column) => column.outOfRangeCount > 0)).toBe(true);
    expect(rows).toEqual(
      columns.map((column) => [
        column.columnName,
        `${formatCount(column.missingCount)} (${formatShare(column.currentMissingShare)})`,
        formatShare(column.referenceMissingShare),
        column.hasMissingIncrease ? "yes" : "no",
        `${formatNumber(column.referenceMin)} – ${formatNumber(column.referenceMax)}`,
        `${formatCount(column.outOfRangeCount)} (${formatShare(column.outOfRangeShare)})`,
        column.unseenCategories.length === 0
          ? "–"
          : `${column.unseenCategories.join(", ")} ` +
            `(${formatCount(column.unseenCategoryRowCount)} rows)`,
      ]),
    );
  });

  it("shows each step with its start and duration as stored", async () => {
    const run = runOf((entry) => entry.status === "processed");
    const steps = run.report?.steps ?? [];
    const page = await open(`/runs/${run.runId}`);

    const rows = await cellTexts(page, 'table[aria-label="Steps"] tbody tr');

    expect(steps.map((step) => step.name)).toEqual(
      expect.arrayContaining(["Claim file", "Score with model", "Detect drift", "Save report"]),
    );
    expect(rows).toEqual(
      steps.map((step) => [
        step.name,
        formatDateTime(step.startedAt),
        formatDurationMs(step.durationMs),
        step.outcome ?? "–",
      ]),
    );
  });

  it("shows a file's HTML in its name, column names and values as text", async () => {
    const rejected = runOf((run) => run.status === "rejected");
    const page = await open(`/runs/${rejected.runId}`);

    expect(await page.locator("h1").textContent()).toBe(HOSTILE_FILE_NAME);
    const issues = page.getByRole("table", { name: "Validation issues" });
    expect(await issues.textContent()).toContain(HOSTILE_TEXT);
    expect(await issues.textContent()).toContain(HOSTILE_COLUMN);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    const scripts = await page
      .locator("script")
      .evaluateAll(
        (nodes) => nodes.filter((node) => node.textContent?.includes('alert("column")')).length,
      );
    expect(scripts).toBe(0);
  });

  it("says why a failed run stopped", async () => {
    const failed = runOf((run) => run.status === "failed");
    const page = await open(`/runs/${failed.runId}`);

    expect(await page.getByTestId("run-error").textContent()).toContain(
      "the endpoint did not answer",
    );
    expect(await page.getByRole("table", { name: "Drift by column" }).count()).toBe(0);
  });

  it.each([
    ["scored file", "text/csv; charset=utf-8"],
    ["log", "text/plain; charset=utf-8"],
    ["report JSON", "application/json; charset=utf-8"],
  ])("serves the run's %s from the bucket by the key stored with the run", async (name, type) => {
    const run = runOf((entry) => entry.status === "processed");
    const page = await open(`/runs/${run.runId}`);
    const expected = {
      "scored file": SCORED_CSV,
      log: seedLogOf(run),
      "report JSON": JSON.stringify(run.report),
    }[name];

    const href = await page.getByRole("link", { name, exact: true }).getAttribute("href");
    const response = await page.request.get(`${site.url}${href}`);

    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe(type);
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(await response.text()).toBe(expected);
  });

  it.each([
    ["a run that does not exist", "/runs/no-such-run"],
    ["a file kind no run has", "/runs/<processed>/files/secrets"],
    ["a file the run did not write", "/runs/<rejected>/files/scored"],
    ["a model version that does not exist", "/models/99"],
  ])("answers 404 for %s", async (_case, pattern) => {
    const path = pattern
      .replace("<processed>", runOf((run) => run.status === "processed").runId)
      .replace("<rejected>", runOf((run) => run.status === "rejected").runId);

    const response = await fetch(`${site.url}${path}`, {
      headers: { authorization: basicAuth(USER, PASSWORD) },
    });

    expect(response.status).toBe(404);
  });
});

describe("trends page", () => {
  it("shows the latest scores and one drift chart per column", async () => {
    const latest = seeded.runs.filter((run) => run.metrics.length > 0).at(-1);
    const page = await open("/trends");

    for (const [label, name] of [
      ["F1", "f1"],
      ["Precision", "precision"],
      ["Recall", "recall"],
      ["Accuracy", "accuracy"],
    ] as const) {
      const stored = latest?.metrics.find((metric) => metric.name === name)?.value;
      expect(await page.getByTestId(`tile-${label}`).textContent()).toBe(formatScore(stored));
    }
    const columnCount = seeded.runs[0]?.drift.length ?? 0;
    expect(await page.locator("section[data-column] svg").count()).toBe(columnCount);
    expect(await page.getByRole("img", { name: "Drifted column share" }).count()).toBe(1);
  });
});

describe("trends chart", () => {
  it("plots each processed run's F1 where the stored value and start time put it", async () => {
    const stored = seeded.runs.flatMap((run) =>
      run.metrics
        .filter((metric) => metric.name === "f1")
        .map((metric) => ({ ...metric, startedAtMs: run.startedAt.getTime(), file: run.fileName })),
    );
    const page = await open("/trends");
    const chart = page.getByRole("img", { name: "F1 over time" });

    const markers = await chart.locator("g.series circle").evaluateAll((circles) =>
      circles.map((circle) => ({
        cx: Number(circle.getAttribute("cx")),
        cy: Number(circle.getAttribute("cy")),
        title: circle.querySelector("title")?.textContent ?? "",
      })),
    );
    const tickY = await chart
      .locator("g.tick")
      .evaluateAll((ticks) =>
        Object.fromEntries(
          ticks.map((tick) => [
            tick.querySelector("text")?.textContent,
            Number(tick.querySelector("line")?.getAttribute("y1")),
          ]),
        ),
      );

    // Coordinates are rounded to a tenth of a pixel: a marker, and each end of the axes it is
    // placed against, may each be 0.05 px off.
    const tolerancePx = 0.16;
    expect(markers).toHaveLength(stored.length);
    const first = stored[0];
    const last = stored.at(-1);
    const [left, right] = [markers[0]?.cx ?? 0, markers.at(-1)?.cx ?? 0];
    const [zeroY, oneY] = [tickY["0.0"] ?? 0, tickY["1.0"] ?? 0];
    for (const [index, point] of stored.entries()) {
      const marker = markers[index];
      const timeShare =
        (point.startedAtMs - (first?.startedAtMs ?? 0)) /
        ((last?.startedAtMs ?? 0) - (first?.startedAtMs ?? 0));
      expect(Math.abs((marker?.cx ?? 0) - (left + timeShare * (right - left)))).toBeLessThan(
        tolerancePx,
      );
      expect(Math.abs((marker?.cy ?? 0) - (zeroY + point.value * (oneY - zeroY)))).toBeLessThan(
        tolerancePx,
      );
      expect(marker?.title.endsWith(`: ${formatScore(point.value)} (${point.file})`)).toBe(true);
    }
  });
});

describe("models page", () => {
  it("shows the shown version's parameters, train and holdout metrics as stored", async () => {
    const shown = seeded.models.find((model) => model.aliases.includes("production"));
    const page = await open("/models");

    const params = await cellTexts(page, 'table[aria-label="Parameters"] tbody tr');
    const metrics = await page
      .locator('table[aria-label="Train and holdout metrics"] tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [
          row.getAttribute("data-metric"),
          row.querySelector('[data-field="train"]')?.textContent,
          row.querySelector('[data-field="holdout"]')?.textContent,
        ]),
      );

    // The stored parameters come back in jsonb's key order, so they are compared by name.
    expect(Object.fromEntries(params)).toEqual(
      Object.fromEntries(
        Object.entries(shown?.params ?? {}).map(([name, value]) => [
          name,
          typeof value === "number" ? formatNumber(value) : String(value),
        ]),
      ),
    );
    const stored = shown?.metrics as {
      train: { metrics: Record<string, number> };
      holdout: { metrics: Record<string, number> };
    };
    expect(metrics).toEqual(
      ["accuracy", "precision", "recall", "f1", "rocAuc", "logLoss"]
        .filter((name) => typeof stored.holdout.metrics[name] === "number")
        .map((name) => [
          name,
          formatScore(stored.train.metrics[name]),
          formatScore(stored.holdout.metrics[name]),
        ]),
    );
    expect(metrics.length).toBeGreaterThanOrEqual(5);
  });

  it("shows the versions, aliases, holdout metrics and tuning trials", async () => {
    const page = await open("/models");

    const versions = page.getByRole("table", { name: "Model versions" });
    expect(await versions.locator("tbody tr").count()).toBe(seeded.models.length);
    expect(await versions.textContent()).toContain("staging");
    const newest = seeded.models.at(-1);
    // The seed records the newest version's holdout evaluation as its reference quality.
    expect(await page.locator('tr[data-metric="f1"] [data-field="holdout"]').textContent()).toBe(
      formatScore(seeded.reference.quality.f1),
    );
    expect(
      await page.getByRole("table", { name: "Tuning trials" }).locator("tbody tr").count(),
    ).toBe(seeded.trials.length);
    expect(await page.getByRole("list", { name: "SHAP importance" }).locator("li").count()).toBe(
      newest?.featureNames.length,
    );
    const profiles = page.getByRole("img", { name: /by churn class$/ });
    expect(await profiles.count()).toBe(newest?.featureNames.length);
  });
});

describe("navigation", () => {
  it("leads from the runs to a run, its model version, the trends and back", async () => {
    const run = seeded.runs.findLast((entry) => entry.status === "processed");
    if (run === undefined) throw new Error("the seed lacks a processed run");
    const page = await open("/");

    await page.waitForURL(/\/runs$/);
    await page.getByRole("link", { name: run.fileName, exact: true }).click();
    await page.waitForURL(new RegExp(`/runs/${run.runId}$`));
    expect(await page.locator("h1").textContent()).toBe(run.fileName);
    await page.getByRole("link", { name: "v2", exact: true }).click();
    await page.waitForURL(/\/models\/v2$/);
    expect(await page.locator("h2").first().textContent()).toContain("Model version v2");
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Trends" })
      .click();
    await page.waitForURL(/\/trends$/);
    expect(await page.locator("h1").textContent()).toBe("Trends");
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Runs" })
      .click();
    await page.waitForURL(/\/runs$/);
    expect(await page.locator("h1").textContent()).toBe("Runs");
  });
});
