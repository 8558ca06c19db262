/**
 * The pipeline: the state machine of one run, the steps it calls, run ids and keys, and the
 * texts of the alerts it sends. See docs/pipeline.md.
 */
export * from "./alerts.ts";
export * from "./csv-output.ts";
export * from "./definition.ts";
export * from "./run-keys.ts";
export * from "./run-log.ts";
export * from "./step-error.ts";
