/**
 * The pipeline: the state machine of one run, the steps it calls, run ids and keys, and the
 * texts of the alerts it sends. See docs/pipeline.md.
 */
export * from "./alerts.ts";
export * from "./build-report.ts";
export * from "./claim-file.ts";
export * from "./definition.ts";
export * from "./encode-lines.ts";
export * from "./fail-run.ts";
export * from "./finish-run.ts";
export * from "./record-trained-version.ts";
export * from "./run-keys.ts";
export * from "./run-log.ts";
export * from "./run-steps.ts";
export * from "./save-report.ts";
export * from "./score-file.ts";
export * from "./step-dependencies.ts";
export * from "./step-error.ts";
export * from "./step-io.ts";
export * from "./validate-file.ts";
