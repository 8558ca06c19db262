/**
 * The SageMaker side of scoring: the execution role, and the model, endpoint configuration and
 * endpoint of the version the stage was first deployed with.
 */
import { modelVersionKeys } from "@churn/core/registry";
import {
  endpointNameFor,
  productionVariant,
  type ServingConfig,
  sagemakerName,
  xgboostImageUri,
  xgboostRepositoryArn,
} from "../packages/functions/src/deploy/serving.ts";
import { modelExecutionGrants, toPolicyDocument } from "./policies.ts";

export interface ModelStackOptions {
  readonly app: string;
  readonly stage: string;
  readonly bucket: { readonly name: $util.Input<string>; readonly arn: $util.Input<string> };
  /**
   * The model version the stack creates the endpoint for, or undefined to leave the endpoint to
   * the first `churn model promote --stage`, which creates it.
   */
  readonly modelVersion: string | undefined;
  readonly serving: ServingConfig;
}

/** The endpoint configuration's production variant in Pulumi's shape. */
export function pulumiProductionVariant<Name>(modelName: Name, serving: ServingConfig) {
  const variant = productionVariant(modelName, serving);
  if ("ServerlessConfig" in variant) {
    return {
      variantName: variant.VariantName,
      modelName: variant.ModelName,
      serverlessConfig: {
        memorySizeInMb: variant.ServerlessConfig.MemorySizeInMB,
        maxConcurrency: variant.ServerlessConfig.MaxConcurrency,
      },
    };
  }
  return {
    variantName: variant.VariantName,
    modelName: variant.ModelName,
    instanceType: variant.InstanceType,
    initialInstanceCount: variant.InitialInstanceCount,
  };
}

export function createModelServing(options: ModelStackOptions) {
  const { app, stage, bucket, modelVersion, serving } = options;
  const endpointName = endpointNameFor(app, stage);
  const region = aws.getRegionOutput().region;
  const accountId = aws.getCallerIdentityOutput().accountId;

  const role = new aws.iam.Role("ModelExecution", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "sagemaker.amazonaws.com" }),
  });
  new aws.iam.RolePolicy("ModelExecutionPolicy", {
    role: role.id,
    policy: $resolve({ bucketArn: bucket.arn, region, accountId }).apply((resolved) =>
      JSON.stringify(
        toPolicyDocument(
          modelExecutionGrants({
            ...resolved,
            imageRepositoryArn: xgboostRepositoryArn(resolved.region),
            endpointName,
          }),
        ),
      ),
    ),
  });

  const endpointArn = $interpolate`arn:aws:sagemaker:${region}:${accountId}:endpoint/${endpointName.toLowerCase()}`;
  if (modelVersion === undefined)
    return { role, endpointName, endpointArn, imageUri: region.apply(xgboostImageUri) };

  const model = new aws.sagemaker.Model("ScoringModel", {
    name: sagemakerName(app, stage, modelVersion),
    executionRoleArn: role.arn,
    primaryContainer: {
      image: region.apply(xgboostImageUri),
      modelDataUrl: $interpolate`s3://${bucket.name}/${modelVersionKeys(modelVersion).archive}`,
    },
  });

  const endpointConfiguration = new aws.sagemaker.EndpointConfiguration("ScoringConfiguration", {
    productionVariants: [pulumiProductionVariant(model.name, serving)],
  });

  // Promotion replaces the endpoint's configuration without a deploy; the stack must not put
  // the first one back on the next deploy.
  new aws.sagemaker.Endpoint(
    "ScoringEndpoint",
    { name: endpointName, endpointConfigName: endpointConfiguration.name },
    { ignoreChanges: ["endpointConfigName"] },
  );

  return { role, endpointName, endpointArn, imageUri: region.apply(xgboostImageUri) };
}
