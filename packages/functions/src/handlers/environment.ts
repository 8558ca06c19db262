import { DEFAULT_PIPELINE_SETTINGS, type PipelineSettings } from "@churn/core/pipeline";
import * as v from "valibot";

const NumberText = (fallback: number, min: number, max: number) =>
  v.pipe(
    v.optional(v.string(), String(fallback)),
    v.transform(Number),
    v.number(),
    v.minValue(min),
    v.maxValue(max),
  );

/** The settings every step shares, as the environment spells them (CONTRACTS: Lambda env). */
const SettingsEnvSchema = v.object({
  MODEL_ALIAS: v.optional(v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]*$/)), "staging"),
  DRIFT_SHARE_THRESHOLD: NumberText(DEFAULT_PIPELINE_SETTINGS.driftShareThreshold, 0, 1),
  SCORE_THRESHOLD: NumberText(DEFAULT_PIPELINE_SETTINGS.scoreThreshold, 0, 1),
  MIN_ROW_COUNT: v.pipe(NumberText(DEFAULT_PIPELINE_SETTINGS.minRowCount, 1, 1e9), v.integer()),
  SITE_URL: v.optional(v.pipe(v.string(), v.url())),
});

/** The Lambda functions' environment: where the bucket, the database and the model live. */
export const LambdaEnvSchema = v.object({
  CHURN_BUCKET: v.pipe(v.string(), v.minLength(1)),
  DATABASE_URL: v.pipe(v.string(), v.regex(/^postgres(ql)?:\/\//)),
  SAGEMAKER_ENDPOINT_NAME: v.optional(v.pipe(v.string(), v.minLength(1))),
});

/**
 * The pipeline settings from environment variables, with the seed platform's defaults. Throws a
 * valibot error naming the variable when one is malformed.
 */
export function readPipelineSettings(
  env: Readonly<Record<string, string | undefined>>,
): PipelineSettings {
  const parsed = v.parse(SettingsEnvSchema, pickDefined(env));
  return {
    modelAlias: parsed.MODEL_ALIAS,
    driftShareThreshold: parsed.DRIFT_SHARE_THRESHOLD,
    scoreThreshold: parsed.SCORE_THRESHOLD,
    minRowCount: parsed.MIN_ROW_COUNT,
    siteUrl: parsed.SITE_URL ?? null,
  };
}

/** An empty variable counts as unset, as shells and deploy tools often leave them. */
function pickDefined(env: Readonly<Record<string, string | undefined>>) {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
}
