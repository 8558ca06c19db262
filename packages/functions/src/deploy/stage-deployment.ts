/**
 * What a deployed stage publishes about itself in SSM (`/<app>/<stage>/deployment`, written by
 * stacks/outputs.ts), so promotion and the Makefile find its resources without SST's state.
 */
import { GetParameterCommand, type SSMClient } from "@aws-sdk/client-ssm";
import { ChurnError } from "@churn/core";
import * as v from "valibot";
import { deploymentParameterName } from "./serving.ts";

const ServingSchema = v.variant("kind", [
  v.object({
    kind: v.literal("serverless"),
    memorySizeMb: v.pipe(v.number(), v.integer()),
    maxConcurrency: v.pipe(v.number(), v.integer()),
  }),
  v.object({
    kind: v.literal("provisioned"),
    instanceType: v.string(),
    instanceCount: v.pipe(v.number(), v.integer()),
  }),
]);

export const StageDeploymentSchema = v.object({
  app: v.string(),
  stage: v.string(),
  region: v.string(),
  bucketName: v.pipe(v.string(), v.minLength(3)),
  endpointName: v.string(),
  /** The alias the pipeline scores with; only promoting it moves the endpoint. */
  modelAlias: v.string(),
  modelRoleArn: v.pipe(v.string(), v.startsWith("arn:")),
  imageUri: v.string(),
  serving: ServingSchema,
  stateMachineArn: v.pipe(v.string(), v.startsWith("arn:")),
  siteUrl: v.string(),
});

export type StageDeployment = v.InferOutput<typeof StageDeploymentSchema>;

/** The app name in sst.config.ts, which prefixes every stage's parameter. */
export const APP_NAME = "churn";

/**
 * Reads a stage's deployment from SSM. Throws `ChurnError` `deploy.stage_not_found` when the stage
 * was never deployed (in this account and region) and `deploy.bad_deployment` when the parameter
 * does not parse.
 */
export async function readStageDeployment(
  ssm: Pick<SSMClient, "send">,
  stage: string,
  app = APP_NAME,
): Promise<StageDeployment> {
  const name = deploymentParameterName(app, stage);
  const response = await ssm.send(new GetParameterCommand({ Name: name })).catch((error) => {
    if (error instanceof Error && error.name === "ParameterNotFound") {
      throw new ChurnError(
        "deploy.stage_not_found",
        `Stage ${stage} has no SSM parameter ${name}; deploy it first with \`make deploy STAGE=${stage}\`, in this account and region.`,
        { context: { stage, parameter: name }, cause: error },
      );
    }
    throw error;
  });

  const parsed = v.safeParse(StageDeploymentSchema, parseJson(response.Parameter?.Value));
  if (!parsed.success) {
    throw new ChurnError(
      "deploy.bad_deployment",
      `SSM parameter ${name} does not describe a deployment (${v.summarize(parsed.issues).split("\n")[0]}); redeploy stage ${stage}.`,
      { context: { stage, parameter: name } },
    );
  }
  return parsed.output;
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
