/** A deployed stage as the tests of promotion and of the stage's parameter describe it. */
import { DEFAULT_SERVING } from "./serving.ts";
import type { StageDeployment } from "./stage-deployment.ts";

export const SAMPLE_DEPLOYMENT: StageDeployment = {
  app: "churn",
  stage: "dev",
  region: "eu-west-1",
  bucketName: "churn-dev-data",
  endpointName: "churn-dev-scoring",
  modelAlias: "staging",
  modelRoleArn: "arn:aws:iam::123456789012:role/churn-dev-ModelExecution",
  imageUri: "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1",
  serving: DEFAULT_SERVING,
  stateMachineArn: "arn:aws:states:eu-west-1:123456789012:stateMachine:churn-dev-Pipeline",
  siteUrl: "https://d111111abcdef8.cloudfront.net",
};
