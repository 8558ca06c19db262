import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

export interface TestBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Debian's Chromium (CHROMIUM_PATH overrides /usr/bin/chromium) in a new, empty profile, with
 * everything that would reach the network on its own switched off.
 */
export async function launchBrowser(
  options: {
    viewport?: { width: number; height: number };
    httpCredentials?: { username: string; password: string };
  } = {},
): Promise<TestBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), "churn-web-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
    viewport: options.viewport ?? { width: 1280, height: 800 },
    ...(options.httpCredentials === undefined ? {} : { httpCredentials: options.httpCredentials }),
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
