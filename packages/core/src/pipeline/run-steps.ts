import * as v from "valibot";
import { buildReport } from "./build-report.ts";
import { claimFile } from "./claim-file.ts";
import type { TaskStep } from "./definition.ts";
import { failRun } from "./fail-run.ts";
import { finishRun } from "./finish-run.ts";
import { saveReport } from "./save-report.ts";
import { scoreFile } from "./score-file.ts";
import type { StepDependencies } from "./step-dependencies.ts";
import {
  ExecutionInputSchema,
  FailInputSchema,
  FinishInputSchema,
  ReportSummarySchema,
  RunInfoSchema,
  ScoringSummarySchema,
  ValidationSummarySchema,
} from "./step-io.ts";
import { validateFile } from "./validate-file.ts";

/** Every step of a run, taking the state as Step Functions hands it over (unparsed JSON). */
export type RunSteps = Record<TaskStep, (state: unknown) => Promise<unknown>>;

const RunOnlySchema = v.object({ run: RunInfoSchema });

/**
 * The steps bound to one set of dependencies, each parsing its input first: what the local
 * runner calls in-process. The Lambda handlers bind the same step functions one by one.
 */
export function createRunSteps(deps: StepDependencies): RunSteps {
  return {
    claimFile: (state) => claimFile(v.parse(ExecutionInputSchema, state), deps),
    validateFile: (state) => validateFile(v.parse(RunOnlySchema, state), deps),
    scoreFile: (state) => scoreFile(v.parse(RunOnlySchema, state), deps),
    buildReport: (state) =>
      buildReport(
        v.parse(
          v.object({
            run: RunInfoSchema,
            validation: ValidationSummarySchema,
            scoring: ScoringSummarySchema,
          }),
          state,
        ),
        deps,
      ),
    saveReport: (state) =>
      saveReport(
        v.parse(v.object({ run: RunInfoSchema, report: ReportSummarySchema }), state),
        deps,
      ),
    finishRun: (state) => finishRun(v.parse(FinishInputSchema, state), deps),
    failRun: (state) => failRun(v.parse(FailInputSchema, state), deps),
  };
}
