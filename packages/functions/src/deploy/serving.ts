/**
 * How a model version is served on SageMaker, shared by the infrastructure (which creates the
 * first endpoint) and by promotion (which moves it): the container image, the resource names
 * and the production variant.
 */
import { createHash } from "node:crypto";
import type { ProductionVariantInstanceType } from "@aws-sdk/client-sagemaker";
import { ChurnError } from "@churn/core";

/** The built-in XGBoost container whose XGBoost (1.7.4) matches the reference tools. */
export const XGBOOST_IMAGE_TAG = "1.7-1";

/**
 * The accounts that publish `sagemaker-xgboost` images, per region, as the SageMaker Python SDK's
 * image-URI configuration lists them for the 0.90-1 to 1.7-1 tags.
 */
const XGBOOST_IMAGE_ACCOUNTS: Readonly<Record<string, string>> = {
  "us-east-1": "683313688378",
  "us-east-2": "257758044811",
  "us-west-1": "746614075791",
  "us-west-2": "246618743249",
  "eu-west-1": "141502667606",
  "eu-west-2": "764974769150",
  "eu-central-1": "492215442770",
  "eu-north-1": "662702820516",
  "ap-south-1": "720646828776",
  "ap-southeast-1": "121021644041",
  "ap-southeast-2": "783357654285",
  "ap-northeast-1": "354813040037",
  "ca-central-1": "341280168497",
  "sa-east-1": "737474898029",
};

/** The ECR image URI of SageMaker's built-in XGBoost 1.7-1 container in `region`. */
export function xgboostImageUri(region: string): string {
  return `${xgboostImageAccount(region)}.dkr.ecr.${region}.amazonaws.com/sagemaker-xgboost:${XGBOOST_IMAGE_TAG}`;
}

/** The ARN of the ECR repository the image is pulled from, for the execution role's policy. */
export function xgboostRepositoryArn(region: string): string {
  return `arn:aws:ecr:${region}:${xgboostImageAccount(region)}:repository/sagemaker-xgboost`;
}

function xgboostImageAccount(region: string): string {
  const account = XGBOOST_IMAGE_ACCOUNTS[region];
  if (account === undefined) {
    throw new ChurnError(
      "deploy.unsupported_region",
      `SageMaker's XGBoost image is not listed for region ${region}; deploy to one of ${Object.keys(XGBOOST_IMAGE_ACCOUNTS).join(", ")} or add the region's account to serving.ts.`,
      { context: { region } },
    );
  }
  return account;
}

/**
 * Serverless inference costs nothing while idle, which suits a pipeline that scores a few files
 * a day; provisioned instances avoid cold starts for steady traffic.
 */
export type ServingConfig =
  | { readonly kind: "serverless"; readonly memorySizeMb: number; readonly maxConcurrency: number }
  | { readonly kind: "provisioned"; readonly instanceType: string; readonly instanceCount: number };

/**
 * 2 GB holds the container and a model of a few MB with room to spare; 5 concurrent invocations
 * serve five files scored at once, and SageMaker throttles beyond it rather than billing more.
 */
export const DEFAULT_SERVING: ServingConfig = {
  kind: "serverless",
  memorySizeMb: 2048,
  maxConcurrency: 5,
};

/** The one production variant every endpoint configuration of the platform has. */
export const VARIANT_NAME = "primary";

/**
 * Reads the serving choice from deploy-time settings: `CHURN_SERVING=provisioned` (with optional
 * `CHURN_INSTANCE_TYPE`, `CHURN_INSTANCE_COUNT`) or serverless (optional `CHURN_SERVERLESS_MEMORY_MB`,
 * `CHURN_SERVERLESS_MAX_CONCURRENCY`). Throws `deploy.bad_serving` on values SageMaker refuses.
 */
export function parseServingConfig(
  env: Readonly<Record<string, string | undefined>>,
): ServingConfig {
  const kind = env.CHURN_SERVING ?? DEFAULT_SERVING.kind;
  if (kind === "provisioned") {
    return {
      kind,
      instanceType: env.CHURN_INSTANCE_TYPE ?? "ml.m5.large",
      instanceCount: readInteger(env, "CHURN_INSTANCE_COUNT", 1, { min: 1, max: 10 }),
    };
  }
  if (kind !== "serverless") {
    throw badServing(`CHURN_SERVING is "${kind}"; use "serverless" or "provisioned".`);
  }

  const memorySizeMb = readInteger(env, "CHURN_SERVERLESS_MEMORY_MB", 2048, {
    min: 1024,
    max: 6144,
  });
  // SageMaker accepts serverless memory in whole gigabytes only.
  if (memorySizeMb % 1024 !== 0) {
    throw badServing(`CHURN_SERVERLESS_MEMORY_MB is ${memorySizeMb}; use a multiple of 1024.`);
  }
  const maxConcurrency = readInteger(env, "CHURN_SERVERLESS_MAX_CONCURRENCY", 5, {
    min: 1,
    max: 200,
  });
  return { kind, memorySizeMb, maxConcurrency };
}

function readInteger(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  range: { min: number; max: number },
): number {
  const text = env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw badServing(`${name} is "${text}"; use a whole number from ${range.min} to ${range.max}.`);
  }
  return value;
}

function badServing(message: string): ChurnError {
  return new ChurnError("deploy.bad_serving", `Cannot read the serving settings: ${message}`);
}

/** The production variant in the shape of SageMaker's API (CreateEndpointConfig). */
export function productionVariant<Name>(modelName: Name, serving: ServingConfig) {
  if (serving.kind === "serverless") {
    return {
      VariantName: VARIANT_NAME,
      ModelName: modelName,
      ServerlessConfig: {
        MemorySizeInMB: serving.memorySizeMb,
        MaxConcurrency: serving.maxConcurrency,
      },
    };
  }
  return {
    VariantName: VARIANT_NAME,
    ModelName: modelName,
    // The SDK's list of instance types lags SageMaker's; SageMaker itself rejects unknown ones.
    InstanceType: serving.instanceType as ProductionVariantInstanceType,
    InitialInstanceCount: serving.instanceCount,
  };
}

/** SageMaker names: letters, digits and hyphens, starting and ending alphanumeric, at most 63. */
const MAX_SAGEMAKER_NAME_LENGTH = 63;

/**
 * A valid SageMaker resource name from readable parts. Names too long for SageMaker keep their
 * start and end with a hash of the whole, so two different inputs never share a name.
 */
export function sagemakerName(...parts: readonly string[]): string {
  const joined = parts
    .join("-")
    .replace(/[^A-Za-z0-9-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "");
  if (joined.length <= MAX_SAGEMAKER_NAME_LENGTH) return joined;

  const hash = createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 8);
  const room = MAX_SAGEMAKER_NAME_LENGTH - hash.length - 1;
  const head = joined.slice(0, room).replace(/-+$/g, "");
  return `${head}-${hash}`;
}

/**
 * The name promotion gives the model and the endpoint configuration it creates for a version at
 * `createdAt`: the timestamp (milliseconds, base 36) keeps a second promotion of the same version
 * from colliding with the first.
 */
export function promotionResourceName(
  app: string,
  stage: string,
  version: string,
  createdAt: Date,
): string {
  return sagemakerName(app, stage, version, createdAt.getTime().toString(36));
}

/** No promotion predates this (2020-01-01): a stamp that decodes earlier is not a timestamp. */
const EARLIEST_PROMOTION_MS = Date.UTC(2020, 0, 1);

/**
 * Whether `name` is one that `promotionResourceName` gave a model or endpoint configuration of
 * this stage, no later than `now`. The name must come back exactly from its version and
 * timestamp, and the timestamp must fall between 2020 and `now`: that tells `churn-dev-v3-…` of
 * stage `dev` from the resources of a stage named `dev-v3` or `dev-2`. Names that `sagemakerName`
 * shortened with a hash (on stages of more than about 44 characters) are never recognised.
 */
export function isPromotionResourceName(
  name: string,
  owner: { readonly app: string; readonly stage: string; readonly now: Date },
): boolean {
  const match = /-(v[1-9][0-9]*)-([0-9a-z]+)$/.exec(name);
  if (match?.[1] === undefined || match[2] === undefined) return false;
  const createdMs = Number.parseInt(match[2], 36);
  if (createdMs < EARLIEST_PROMOTION_MS || createdMs > owner.now.getTime()) return false;
  return promotionResourceName(owner.app, owner.stage, match[1], new Date(createdMs)) === name;
}

/** The endpoint the scoring step calls: one per stage, whose configuration promotion replaces. */
export function endpointNameFor(app: string, stage: string): string {
  return sagemakerName(app, stage, "scoring");
}

/** The SSM parameter where a deployed stage describes its resources for promotion. */
export function deploymentParameterName(app: string, stage: string): string {
  return `/${app}/${stage}/deployment`;
}
