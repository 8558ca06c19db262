import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ALL_FUNCTIONS, handlerModulePath, TASK_FUNCTIONS } from "./tasks.ts";

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

describe("the functions the stacks deploy", () => {
  it.each(ALL_FUNCTIONS.map((spec) => [spec.handler, spec] as const))(
    "%s names a module that exists and exports handler",
    async (_, spec) => {
      const path = join(repositoryRoot, handlerModulePath(spec));

      const module = existsSync(path) ? ((await import(pathToFileURL(path).href)) as object) : {};

      expect(existsSync(path), `${handlerModulePath(spec)} is missing`).toBe(true);
      expect(typeof (module as { handler?: unknown }).handler).toBe("function");
    },
    // The first import loads the AWS SDK and the domain, which takes seconds on a busy machine.
    60_000,
  );

  it("puts only the steps that open the database inside the VPC", () => {
    const inVpc = Object.entries(TASK_FUNCTIONS)
      .filter(([, spec]) => spec.touchesDatabase)
      .map(([step]) => step);

    expect(inVpc).toEqual(["claimFile", "saveReport", "finishRun", "failRun"]);
  });
});
