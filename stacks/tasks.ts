/**
 * The Lambda functions of the platform and what each one may touch. Pure, so that handler paths
 * and permissions are tested without Pulumi.
 */
import type { TaskStep } from "@churn/core/pipeline";

/** A Lambda function of the platform, as the stacks deploy it. */
export interface FunctionSpec {
  /** The SST handler string: module path from the repository root, then `.handler`. */
  readonly handler: string;
  /** Functions that open the database run inside the VPC; the others stay out of it. */
  readonly touchesDatabase: boolean;
  /** Whether the function calls the SageMaker endpoint. */
  readonly invokesModel: boolean;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
}

const HANDLERS_DIR = "packages/functions/src/handlers";

/** The SST handler string of a module in packages/functions/src/handlers. */
export function handlerOf(file: string): string {
  return `${HANDLERS_DIR}/${file}.handler`;
}

/**
 * The state machine's task functions. Timeouts leave room for the largest file the platform
 * takes (a few hundred thousand rows); scoring waits on SageMaker's 60-second serverless limit
 * per request, several requests per file.
 */
export const TASK_FUNCTIONS: Readonly<Record<TaskStep, FunctionSpec>> = {
  claimFile: {
    handler: handlerOf("claim-file"),
    touchesDatabase: true,
    invokesModel: false,
    timeoutSeconds: 60,
    memoryMb: 512,
  },
  validateFile: {
    handler: handlerOf("validate-file"),
    touchesDatabase: false,
    invokesModel: false,
    timeoutSeconds: 300,
    memoryMb: 2048,
  },
  scoreFile: {
    handler: handlerOf("score-file"),
    touchesDatabase: false,
    invokesModel: true,
    timeoutSeconds: 900,
    memoryMb: 2048,
  },
  buildReport: {
    handler: handlerOf("build-report"),
    touchesDatabase: false,
    invokesModel: false,
    timeoutSeconds: 300,
    memoryMb: 2048,
  },
  saveReport: {
    handler: handlerOf("save-report"),
    touchesDatabase: true,
    invokesModel: false,
    timeoutSeconds: 120,
    memoryMb: 1024,
  },
  finishRun: {
    handler: handlerOf("finish-run"),
    touchesDatabase: true,
    invokesModel: false,
    timeoutSeconds: 120,
    memoryMb: 1024,
  },
  failRun: {
    handler: handlerOf("fail-run"),
    touchesDatabase: true,
    invokesModel: false,
    timeoutSeconds: 120,
    memoryMb: 1024,
  },
};

/** Turns an S3 event into an execution; it needs the state machine, not the database. */
export const STARTER_FUNCTION: FunctionSpec = {
  handler: handlerOf("start-run"),
  touchesDatabase: false,
  invokesModel: false,
  timeoutSeconds: 30,
  memoryMb: 256,
};

/** Applies the database migrations on every deploy. */
export const MIGRATOR_FUNCTION: FunctionSpec = {
  handler: handlerOf("migrate"),
  touchesDatabase: true,
  invokesModel: false,
  timeoutSeconds: 300,
  memoryMb: 512,
};

/** Every function the stacks deploy, for the test that their handler modules exist. */
export const ALL_FUNCTIONS: readonly FunctionSpec[] = [
  ...Object.values(TASK_FUNCTIONS),
  STARTER_FUNCTION,
  MIGRATOR_FUNCTION,
];

/**
 * The module an SST handler string names, as a path from the repository root, and the export
 * that handles: `packages/functions/src/handlers/migrate.handler` is `handler` of `migrate.ts`.
 */
export function handlerModule(handler: string): { path: string; exportName: string } {
  const dot = handler.lastIndexOf(".");
  return { path: `${handler.slice(0, dot)}.ts`, exportName: handler.slice(dot + 1) };
}
