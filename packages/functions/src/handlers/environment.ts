import { ChurnError } from "@churn/core";
import {
  DEFAULT_PIPELINE_SETTINGS,
  type PipelineSettings,
  resolveScoreThresholds,
} from "@churn/core/pipeline";
import * as v from "valibot";

/** A plain decimal, so that `0x1`, `Infinity` or a lone space are not taken for numbers. */
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

const NumberText = (min: number, max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.regex(DECIMAL, "a decimal number"),
    v.transform(Number),
    v.number(),
    v.minValue(min, `at least ${min}`),
    v.maxValue(max, `at most ${max}`),
  );

/** The settings every step shares, as the environment spells them. */
const SettingsEnvSchema = v.object({
  MODEL_ALIAS: v.optional(
    v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]*$/, "lower case letters, digits and dashes")),
    DEFAULT_PIPELINE_SETTINGS.modelAlias,
  ),
  DRIFT_SHARE_THRESHOLD: v.optional(
    NumberText(0, 1),
    String(DEFAULT_PIPELINE_SETTINGS.driftShareThreshold),
  ),
  SCORE_THRESHOLD: v.optional(NumberText(0, 1), String(DEFAULT_PIPELINE_SETTINGS.scoreThreshold)),
  // Each score's own threshold; unset, it is SCORE_THRESHOLD's.
  F1_THRESHOLD: v.optional(NumberText(0, 1)),
  PRECISION_THRESHOLD: v.optional(NumberText(0, 1)),
  RECALL_THRESHOLD: v.optional(NumberText(0, 1)),
  ACCURACY_THRESHOLD: v.optional(NumberText(0, 1)),
  MIN_ROW_COUNT: v.optional(
    v.pipe(NumberText(1, 1e9), v.integer("a whole number")),
    String(DEFAULT_PIPELINE_SETTINGS.minRowCount),
  ),
  MAX_BAD_ROW_SHARE: v.optional(NumberText(0, 1), String(DEFAULT_PIPELINE_SETTINGS.maxBadRowShare)),
  SITE_URL: v.optional(v.pipe(v.string(), v.url("a URL"))),
});

/**
 * The Lambda functions' environment: where the bucket, the database and the model live. Only
 * the steps that record runs (claim, save report, finish, fail) open the database, so only they
 * need DATABASE_URL; the others run without it.
 */
export const LambdaEnvSchema = v.object({
  CHURN_BUCKET: v.pipe(v.string(), v.minLength(1)),
  DATABASE_URL: v.optional(v.pipe(v.string(), v.regex(/^postgres(ql)?:\/\//))),
  SAGEMAKER_ENDPOINT_NAME: v.optional(v.pipe(v.string(), v.minLength(1))),
});

/**
 * The database URL of a step that opens the database. Throws `settings.no_database_url` when
 * DATABASE_URL is unset, naming the variable and the function that lacks it.
 */
export function requireDatabaseUrl(
  env: Pick<v.InferOutput<typeof LambdaEnvSchema>, "DATABASE_URL">,
  functionName: string,
): string {
  if (env.DATABASE_URL === undefined) {
    throw new ChurnError(
      "settings.no_database_url",
      `DATABASE_URL is not set for ${functionName}, which records runs in the database; ` +
        "give this function the database's URL.",
      { context: { functionName } },
    );
  }
  return env.DATABASE_URL;
}

/**
 * The pipeline settings from environment variables, with the seed platform's defaults. Throws
 * `ChurnError` code `settings.invalid` naming the first malformed variable and its value.
 */
export function readPipelineSettings(
  env: Readonly<Record<string, string | undefined>>,
): PipelineSettings {
  const defined = pickDefined(env);
  const result = v.safeParse(SettingsEnvSchema, defined);
  if (!result.success) {
    const [issue] = result.issues;
    const name = v.getDotPath(issue) ?? "a setting";
    throw new ChurnError(
      "settings.invalid",
      `${name} is ${JSON.stringify(defined[name] ?? "")}, but it must be ${issue.message}; ` +
        "fix it or leave it unset for the default.",
      { context: { name } },
    );
  }
  const parsed = result.output;
  const scoreThresholds = resolveScoreThresholds({
    scoreThreshold: parsed.SCORE_THRESHOLD,
    scoreThresholds: pickDefined({
      f1: parsed.F1_THRESHOLD,
      precision: parsed.PRECISION_THRESHOLD,
      recall: parsed.RECALL_THRESHOLD,
      accuracy: parsed.ACCURACY_THRESHOLD,
    }),
  });
  return {
    modelAlias: parsed.MODEL_ALIAS,
    driftShareThreshold: parsed.DRIFT_SHARE_THRESHOLD,
    scoreThreshold: parsed.SCORE_THRESHOLD,
    scoreThresholds,
    minRowCount: parsed.MIN_ROW_COUNT,
    maxBadRowShare: parsed.MAX_BAD_ROW_SHARE,
    siteUrl: parsed.SITE_URL ?? null,
  };
}

/** Drops unset entries; an empty variable counts as unset, as shells and deploy tools leave them. */
function pickDefined<T>(record: Readonly<Record<string, T | undefined>>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(record).filter(
      (entry): entry is [string, T] => entry[1] !== undefined && entry[1] !== "",
    ),
  );
}
