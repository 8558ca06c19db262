import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMetricsStore } from "@churn/core/db";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { formatDriftScore, formatScore } from "../src/lib/format.ts";
import { launchBrowser, type TestBrowser } from "./support/browser.ts";
import { createTestDatabase, type TestDatabase } from "./support/database.ts";
import {
  HOSTILE_COLUMN,
  HOSTILE_FILE_NAME,
  HOSTILE_TEXT,
  type Seeded,
  seedSite,
} from "./support/seed.ts";
import { SCORED_CSV, writeSeedBucket } from "./support/seed-bucket.ts";
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
  it("lists every run newest first with the scores and drift stored for it", async () => {
    const page = await open("/runs");

    const ids = await page
      .locator("tbody tr[data-run-id]")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-run-id")));
    expect(ids).toEqual(seeded.runs.map((run) => run.runId).reverse());
    for (const run of seeded.runs.filter((entry) => entry.metrics.length > 0)) {
      const row = page.locator(`tr[data-run-id="${run.runId}"]`);
      for (const metric of run.metrics.filter((entry) => entry.name !== "rocAuc")) {
        await expect
          .poll(() => row.locator(`td[data-score="${metric.name}"]`).textContent())
          .toBe(formatScore(metric.value));
      }
    }
    const drifted = runOf((run) => run.isDatasetDrifted);
    const driftedCount = drifted.drift.filter((column) => column.isDrifted).length;
    expect(await page.locator(`tr[data-run-id="${drifted.runId}"]`).textContent()).toContain(
      `${driftedCount}/${drifted.drift.length}`,
    );
  });

  it.each(["rejected", "failed", "running"])("filters the runs %s", async (status) => {
    const page = await open("/runs");

    await page.getByRole("link", { name: status, exact: true }).click();
    await page.waitForURL(new RegExp(`status=${status}`));

    const ids = await page
      .locator("tbody tr[data-run-id]")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-run-id")));
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
    const matrix = await page.getByRole("table", { name: "Confusion matrix" }).textContent();
    expect(matrix).toContain(String(quality?.confusionMatrix.truePositive));
    expect(matrix).toContain(String(quality?.confusionMatrix.trueNegative));
    expect(await page.getByRole("img", { name: "ROC curve" }).count()).toBe(1);
    expect(await page.getByRole("img", { name: "Precision–recall curve" }).count()).toBe(1);
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

  it("serves the scored file from the bucket by the key stored with the run", async () => {
    const page = await open("/runs/run-00007");

    const href = await page.getByRole("link", { name: "scored file" }).getAttribute("href");
    const response = await page.request.get(`${site.url}${href}`);

    expect(response.status()).toBe(200);
    expect(await response.text()).toBe(SCORED_CSV);
  });

  it.each([
    ["a run that does not exist", "/runs/no-such-run"],
    ["a file kind no run has", "/runs/run-00007/files/secrets"],
    ["a file the run did not write", "/runs/run-00008-rejected/files/scored"],
    ["a model version that does not exist", "/models/99"],
  ])("answers 404 for %s", async (_case, path) => {
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

describe("models page", () => {
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
    const run = runOf((entry) => entry.status === "processed");
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
