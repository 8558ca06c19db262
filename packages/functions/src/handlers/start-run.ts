import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import type { Logger } from "@churn/core";
import { runIdFor } from "@churn/core/pipeline";
import * as v from "valibot";
import {
  createLambdaLogger,
  type LambdaInvocation,
  type LambdaLogger,
} from "../adapters/loggers.ts";
import { readDrops, S3EventSchema } from "./s3-event.ts";

const StarterEnvSchema = v.object({ STATE_MACHINE_ARN: v.pipe(v.string(), v.minLength(1)) });

/** Starts one execution; resolves `false` when an execution of that name already exists. */
export type StartExecution = (name: string, input: string) => Promise<boolean>;

/**
 * Starts one run per file an S3 event announces, named by `runIdFor` so that a notification
 * delivered twice starts one execution; events outside `data/input/` are skipped.
 */
export async function startRuns(
  event: unknown,
  start: StartExecution,
  logger: Logger = createLambdaLogger({ serviceName: "churn-start-run" }),
): Promise<{ started: string[]; skipped: string[] }> {
  const drops = readDrops(v.parse(S3EventSchema, event));
  const started: string[] = [];
  const skipped: string[] = [];

  for (const item of drops) {
    if (!item.isDrop) {
      logger.info("Skipped an S3 event", { key: item.key, reason: item.reason });
      skipped.push(item.key);
      continue;
    }
    const runId = runIdFor(item.drop);
    const input = JSON.stringify({ runId, key: item.drop.key, etag: item.drop.etag });
    const isNew = await start(runId, input);
    logger.info(isNew ? "Started a run" : "The run had already started", {
      runId,
      key: item.drop.key,
    });
    started.push(runId);
  }
  return { started, skipped };
}

let client: SFNClient | undefined;
let lambdaLogger: LambdaLogger | undefined;

/**
 * The Lambda entry point: an S3 notification in, `StartExecution` calls out. The logger lives as
 * long as the container, so its cold-start flag is true on the first invocation only, and each
 * invocation's request id is attached to its lines.
 */
export async function handler(
  event: unknown,
  invocation?: LambdaInvocation,
): Promise<{ started: string[]; skipped: string[] }> {
  const env = v.parse(StarterEnvSchema, process.env);
  client ??= new SFNClient({});
  lambdaLogger ??= createLambdaLogger({ serviceName: "churn-start-run" });
  if (invocation !== undefined) lambdaLogger.addContext(invocation);
  const sfn = client;
  return startRuns(
    event,
    async (name, input) => {
      try {
        await sfn.send(
          new StartExecutionCommand({ stateMachineArn: env.STATE_MACHINE_ARN, name, input }),
        );
        return true;
      } catch (error) {
        // Step Functions refuses a second execution of one name: the drop is already running.
        if (error instanceof ExecutionAlreadyExists) return false;
        throw error;
      }
    },
    lambdaLogger,
  );
}
