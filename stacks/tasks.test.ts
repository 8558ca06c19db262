import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as tasks from "./tasks.ts";
import {
  ALL_FUNCTIONS,
  type FunctionSpec,
  handlerModule,
  handlerOf,
  TASK_FUNCTIONS,
} from "./tasks.ts";

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The infrastructure's sources: sst.config.ts and every stack module, tests aside. */
const STACK_SOURCES = [
  "sst.config.ts",
  ...readdirSync(join(repositoryRoot, "stacks"))
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .map((file) => `stacks/${file}`),
];

/** Every `handler:` property the sources assign, sorted by what the test can tell of it. */
interface HandlerProperties {
  /** Handler strings written out, or built with `handlerOf("…")`, with where they are. */
  readonly handlers: readonly { readonly handler: string; readonly where: string }[];
  /** `spec.handler` and the like: read from a FunctionSpec, which ALL_FUNCTIONS must hold. */
  readonly specReferences: readonly string[];
  /** Anything else (a variable, a template), which this test cannot check. */
  readonly unrecognised: readonly string[];
}

/**
 * Reads the `handler:` properties of the stacks' sources with TypeScript's parser, so that a
 * function a stack deploys is checked even when no list in tasks.ts names it.
 */
function scanHandlerProperties(): HandlerProperties {
  const handlers: { handler: string; where: string }[] = [];
  const specReferences: string[] = [];
  const unrecognised: string[] = [];

  for (const file of STACK_SOURCES) {
    const text = readFileSync(join(repositoryRoot, file), "utf8");
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const isHandlerProperty =
        (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) &&
        ts.isIdentifier(node.name) &&
        node.name.text === "handler";
      if (isHandlerProperty) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        const where = `${file}:${line + 1}`;
        const value = ts.isPropertyAssignment(node) ? node.initializer : undefined;
        const handler = value === undefined ? undefined : handlerStringOf(value);
        if (handler !== undefined) handlers.push({ handler, where });
        else if (value !== undefined && isSpecReference(value)) specReferences.push(where);
        else unrecognised.push(where);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { handlers, specReferences, unrecognised };
}

function handlerStringOf(value: ts.Expression): string | undefined {
  if (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)) return value.text;
  const [argument] = ts.isCallExpression(value) ? value.arguments : [];
  if (
    ts.isCallExpression(value) &&
    ts.isIdentifier(value.expression) &&
    value.expression.text === "handlerOf" &&
    value.arguments.length === 1 &&
    argument !== undefined &&
    ts.isStringLiteral(argument)
  ) {
    return handlerOf(argument.text);
  }
  return undefined;
}

function isSpecReference(value: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(value) && value.name.text === "handler";
}

function isFunctionSpec(value: unknown): value is FunctionSpec {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { handler?: unknown }).handler === "string" &&
    typeof (value as { touchesDatabase?: unknown }).touchesDatabase === "boolean"
  );
}

const scanned = scanHandlerProperties();
const everyHandler = [
  ...new Set([
    ...scanned.handlers.map(({ handler }) => handler),
    ...ALL_FUNCTIONS.map((s) => s.handler),
  ]),
];

describe("the functions the stacks deploy", () => {
  it.each(everyHandler)(
    "%s names a module that exists and exports the handler",
    async (handler) => {
      const { path, exportName } = handlerModule(handler);
      const absolute = join(repositoryRoot, path);

      const module = existsSync(absolute)
        ? ((await import(pathToFileURL(absolute).href)) as Record<string, unknown>)
        : {};

      expect(existsSync(absolute), `${path} is missing`).toBe(true);
      expect(typeof module[exportName], `${path} does not export ${exportName}`).toBe("function");
    },
    // The first import loads the AWS SDK and the domain, which takes seconds on a busy machine.
    60_000,
  );

  it("finds the handlers of the task functions, the starter and the migrator", () => {
    const files = [...scanned.handlers.map(({ where }) => where), ...scanned.specReferences].map(
      (where) => where.split(":")[0],
    );

    expect(files).toEqual(
      expect.arrayContaining(["stacks/tasks.ts", "stacks/database.ts", "stacks/pipeline.ts"]),
    );
  });

  it("can check every handler property in the stacks", () => {
    expect(scanned.unrecognised).toEqual([]);
  });

  it("lists in ALL_FUNCTIONS every spec tasks.ts exports and every handler it writes", () => {
    const exported = Object.values(tasks).filter(isFunctionSpec);
    const specs = [...exported, ...Object.values(TASK_FUNCTIONS)];

    const unlisted = specs.filter((spec) => !ALL_FUNCTIONS.includes(spec));

    expect(unlisted).toEqual([]);
    expect(new Set(ALL_FUNCTIONS.map((spec) => spec.handler))).toEqual(
      new Set(scanned.handlers.map(({ handler }) => handler)),
    );
  });

  it("puts only the steps that open the database inside the VPC", () => {
    const inVpc = Object.entries(TASK_FUNCTIONS)
      .filter(([, spec]) => spec.touchesDatabase)
      .map(([step]) => step);

    expect(inVpc).toEqual(["claimFile", "saveReport", "finishRun", "failRun"]);
  });
});

describe("handlerModule", () => {
  it("splits a handler string into its module and export", () => {
    expect(handlerModule("packages/functions/src/handlers/migrate.handler")).toEqual({
      path: "packages/functions/src/handlers/migrate.ts",
      exportName: "handler",
    });
  });
});
