import type { Clock, Logger, Notifier, ObjectStore } from "@churn/core";
import { type DropIdentity, runIdFor, type TaskStep } from "@churn/core/pipeline";
import { executeLocally, type LocalSteps } from "./state-machine.ts";

/** One run as the `churn process` command prints it. */
export interface RunSummary {
  readonly runId: string;
  readonly file: string;
  readonly key: string;
  readonly status: "processed" | "rejected" | "failed";
  readonly reason: string | null;
  readonly rows: { total: number; scored: number; rejected: number } | null;
  readonly modelVersion: string | null;
  readonly hasLabels: boolean | null;
  readonly driftShare: number | null;
  readonly driftedColumns: readonly string[];
  readonly scores: Readonly<Record<string, number | null>>;
  readonly alerts: readonly { kind: "drift" | "score"; subject: string; messageId: string }[];
  readonly report: string | null;
  readonly outputs: Readonly<Record<string, string>>;
  readonly statesEntered: readonly string[];
  readonly durationMs: number;
}

export interface LocalRunner {
  /** Runs one drop to its end; the same drop handed over twice runs once. */
  runDrop(drop: DropIdentity & { etag: string }): Promise<RunSummary>;
  /** Runs the file at `key` under `data/input/`, as the watcher sees it now. */
  runKey(key: string): Promise<RunSummary>;
}

/**
 * The embedded default's Step Functions: each drop runs the run state machine document in this
 * process, with the step functions called directly and alerts handed to the notifier.
 */
export function createLocalRunner(options: {
  steps: LocalSteps;
  store: ObjectStore;
  notifier: Notifier;
  clock: Clock;
  logger: Logger;
  /** Replaces the document's retry waits; for tests only. */
  retryIntervalMs?: number;
}): LocalRunner {
  const runs = new Map<string, Promise<RunSummary>>();

  const runDrop = (drop: DropIdentity & { etag: string }): Promise<RunSummary> => {
    const runId = runIdFor(drop);
    const existing = runs.get(runId);
    if (existing !== undefined) {
      options.logger.info("The run had already started", { runId, key: drop.key });
      return existing;
    }
    const run = executeRun(options, { runId, key: drop.key, etag: drop.etag });
    runs.set(runId, run);
    return run;
  };

  return {
    runDrop,
    async runKey(key) {
      const info = await options.store.stat(key);
      if (info === undefined) throw new Error(`${key} is not in the local bucket.`);
      // The modification time plays the part of S3's event sequencer: dropping the same bytes
      // again under the same name is a new run, while seeing one drop twice is not.
      return runDrop({
        key,
        etag: info.etag,
        version: info.etag,
        sequencer: String(info.lastModified.getTime()),
      });
    },
  };
}

interface Trace {
  outputs: Partial<Record<TaskStep, unknown>>;
  alerts: { kind: "drift" | "score"; subject: string; messageId: string }[];
}

async function executeRun(
  options: Parameters<typeof createLocalRunner>[0],
  input: { runId: string; key: string; etag: string },
): Promise<RunSummary> {
  const startedMs = options.clock.now().getTime();
  const trace: Trace = { outputs: {}, alerts: [] };
  options.logger.info("Run started", { runId: input.runId, key: input.key });

  const execution = await executeLocally({
    input,
    steps: tracedSteps(options.steps, trace),
    publish: async (message, kind) => {
      const messageId = await options.notifier.publish(message);
      trace.alerts.push({ kind, subject: message.subject, messageId });
      return messageId;
    },
    ...(options.retryIntervalMs === undefined ? {} : { retryIntervalMs: options.retryIntervalMs }),
  });

  const summary = summarise(input, trace, execution, options.clock.now().getTime() - startedMs);
  options.logger.info("Run ended", {
    runId: summary.runId,
    key: summary.key,
    status: summary.status,
    rowCount: summary.rows?.total,
    durationMs: summary.durationMs,
    ...(summary.reason === null ? {} : { reason: summary.reason }),
  });
  return summary;
}

function tracedSteps(steps: LocalSteps, trace: Trace): LocalSteps {
  const traced = { ...steps };
  for (const step of Object.keys(steps) as TaskStep[]) {
    traced[step] = async (input) => {
      const output = await steps[step](input);
      trace.outputs[step] = output;
      return output;
    };
  }
  return traced;
}

function summarise(
  input: { runId: string; key: string },
  trace: Trace,
  execution: Awaited<ReturnType<typeof executeLocally>>,
  durationMs: number,
): RunSummary {
  const run = trace.outputs.claimFile as { fileName?: string; modelVersion?: string } | undefined;
  const validation = trace.outputs.validateFile as
    | { rowCount: number; keptRowCount: number; badRowCount: number; hasLabels: boolean }
    | undefined;
  const report = trace.outputs.buildReport as
    | { driftShare: number; driftedColumns: string[]; scores: Record<string, number | null> }
    | undefined;
  const outcome = (trace.outputs.finishRun ?? trace.outputs.failRun) as
    | { status: RunSummary["status"]; reason: string | null; outputs: Record<string, string> }
    | undefined;
  const failure = execution.isSucceeded ? undefined : (execution.output as { cause?: string });

  return {
    runId: input.runId,
    file: run?.fileName ?? input.key.slice(input.key.lastIndexOf("/") + 1),
    key: input.key,
    status: outcome?.status ?? (execution.isSucceeded ? "processed" : "failed"),
    reason: outcome?.reason ?? failure?.cause ?? null,
    rows:
      validation === undefined
        ? null
        : {
            total: validation.rowCount,
            scored: validation.keptRowCount,
            rejected: validation.badRowCount,
          },
    modelVersion: run?.modelVersion ?? null,
    hasLabels: validation?.hasLabels ?? null,
    driftShare: report?.driftShare ?? null,
    driftedColumns: report?.driftedColumns ?? [],
    scores: report?.scores ?? {},
    alerts: trace.alerts,
    report: outcome?.outputs.report ?? null,
    outputs: outcome?.outputs ?? {},
    statesEntered: execution.statesEntered,
    durationMs,
  };
}
