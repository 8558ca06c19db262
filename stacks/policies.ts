/**
 * Every IAM permission the stacks grant, as plain data. Pure, so that a test can check that each
 * statement names its actions and resources.
 */
import type { TaskStep } from "@churn/core/pipeline";

/** One grant, in the shape SST's `permissions` take; `toPolicyDocument` turns it into IAM JSON. */
export interface Grant<Resource = string> {
  readonly actions: readonly string[];
  readonly resources: readonly Resource[];
  readonly conditions?: readonly GrantCondition[];
}

export interface GrantCondition {
  readonly test: string;
  readonly variable: string;
  readonly values: readonly string[];
}

/** An IAM policy document, as `aws.iam.RolePolicy` takes it once stringified. */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly {
    readonly Effect: "Allow";
    readonly Action: readonly string[];
    readonly Resource: readonly string[];
    readonly Condition?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  }[];
}

export function toPolicyDocument(grants: readonly Grant[]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: grants.map((grant) => ({
      Effect: "Allow",
      Action: grant.actions,
      Resource: grant.resources,
      ...(grant.conditions === undefined ? {} : { Condition: toCondition(grant.conditions) }),
    })),
  };
}

function toCondition(conditions: readonly GrantCondition[]) {
  const condition: Record<string, Record<string, readonly string[]>> = {};
  for (const { test, variable, values } of conditions) {
    condition[test] = { ...condition[test], [variable]: values };
  }
  return condition;
}

/** What Step Functions needs to deliver its execution logs to CloudWatch Logs. */
const LOG_DELIVERY_ACTIONS = [
  "logs:CreateLogDelivery",
  "logs:GetLogDelivery",
  "logs:UpdateLogDelivery",
  "logs:DeleteLogDelivery",
  "logs:ListLogDeliveries",
  "logs:PutResourcePolicy",
  "logs:DescribeResourcePolicies",
  "logs:DescribeLogGroups",
];

/**
 * Actions that IAM does not scope to a resource, so their statements must say `*`. Step
 * Functions' log delivery and ECR's token exchange are the only ones the platform needs.
 */
export const UNSCOPED_ACTIONS: ReadonlySet<string> = new Set([
  ...LOG_DELIVERY_ACTIONS,
  "ecr:GetAuthorizationToken",
  "cloudwatch:PutMetricData",
]);

/** The bucket's top-level areas, as docs/architecture.md lays them out. */
const DATA_PREFIX = "data/";
const REPORTS_PREFIX = "reports/";
const MODELS_PREFIX = "models/";

const READ_OBJECTS = ["s3:GetObject"];
const WRITE_OBJECTS = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"];

function objectsUnder(bucketArn: string, prefix: string): string {
  return `${bucketArn}/${prefix}*`;
}

/** Listing is granted on the bucket itself, which is how S3 scopes `ListBucket`. */
function listBucket(bucketArn: string): Grant {
  return { actions: ["s3:ListBucket"], resources: [bucketArn] };
}

/**
 * What each step of a run may touch. Every step moves or writes files under `data/` (its log at
 * least) and reads model versions; building and saving the report write and read `reports/`.
 * Only scoring calls the model endpoint.
 */
export function taskGrants(
  step: TaskStep,
  resources: { bucketArn: string; endpointArn: string },
): Grant[] {
  const { bucketArn, endpointArn } = resources;
  const grants: Grant[] = [
    listBucket(bucketArn),
    { actions: WRITE_OBJECTS, resources: [objectsUnder(bucketArn, DATA_PREFIX)] },
    { actions: READ_OBJECTS, resources: [objectsUnder(bucketArn, MODELS_PREFIX)] },
  ];
  if (step === "buildReport" || step === "saveReport" || step === "finishRun") {
    grants.push({ actions: WRITE_OBJECTS, resources: [objectsUnder(bucketArn, REPORTS_PREFIX)] });
  }
  if (step === "scoreFile") {
    grants.push({ actions: ["sagemaker:InvokeEndpoint"], resources: [endpointArn] });
  }
  return grants;
}

/**
 * The site reads a run's files (scored copy, log, report) and model versions; it never writes to
 * the bucket.
 */
export function siteGrants(bucketArn: string): Grant[] {
  return [
    listBucket(bucketArn),
    {
      actions: READ_OBJECTS,
      resources: [DATA_PREFIX, REPORTS_PREFIX, MODELS_PREFIX].map((prefix) =>
        objectsUnder(bucketArn, prefix),
      ),
    },
  ];
}

/** The starter only starts executions of the one state machine. */
export function starterGrants<Resource>(stateMachineArn: Resource): Grant<Resource>[] {
  return [{ actions: ["states:StartExecution"], resources: [stateMachineArn] }];
}

/**
 * The state machine's role: invoke its own task functions (any version or alias of them), publish
 * to the alert topic, and deliver its execution logs.
 */
export function stateMachineGrants(resources: {
  functionArns: readonly string[];
  alertTopicArn: string;
}): Grant[] {
  const { functionArns, alertTopicArn } = resources;
  return [
    {
      actions: ["lambda:InvokeFunction"],
      resources: functionArns.flatMap((arn) => [arn, `${arn}:*`]),
    },
    { actions: ["sns:Publish"], resources: [alertTopicArn] },
    { actions: LOG_DELIVERY_ACTIONS, resources: ["*"] },
  ];
}

/**
 * SageMaker's execution role for the model: read model artifacts, pull the XGBoost image, write
 * the endpoint's logs and metrics.
 */
export function modelExecutionGrants(resources: {
  bucketArn: string;
  imageRepositoryArn: string;
  region: string;
  accountId: string;
  endpointName: string;
}): Grant[] {
  const { bucketArn, imageRepositoryArn, region, accountId, endpointName } = resources;
  const logGroupArn = `arn:aws:logs:${region}:${accountId}:log-group:/aws/sagemaker/Endpoints/${endpointName}`;
  return [
    { actions: READ_OBJECTS, resources: [objectsUnder(bucketArn, MODELS_PREFIX)] },
    {
      actions: [
        "ecr:BatchGetImage",
        "ecr:GetDownloadUrlForLayer",
        "ecr:BatchCheckLayerAvailability",
      ],
      resources: [imageRepositoryArn],
    },
    { actions: ["ecr:GetAuthorizationToken"], resources: ["*"] },
    {
      actions: [
        "logs:CreateLogGroup",
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        "logs:DescribeLogStreams",
      ],
      resources: [logGroupArn, `${logGroupArn}:*`],
    },
    {
      actions: ["cloudwatch:PutMetricData"],
      resources: ["*"],
      conditions: [
        {
          test: "StringEquals",
          variable: "cloudwatch:namespace",
          values: ["/aws/sagemaker/Endpoints"],
        },
      ],
    },
  ];
}

/**
 * What is too broad in a policy document: a wildcard action, no resources, or `*` as the resource
 * of an action that IAM can scope. An empty list means every statement names what it grants.
 */
export function findBroadStatements(document: PolicyDocument): string[] {
  return document.Statement.flatMap((statement, index) => {
    const problems: string[] = [];
    for (const action of statement.Action) {
      if (action === "*" || action.endsWith(":*")) problems.push(`wildcard action ${action}`);
    }
    if (statement.Resource.length === 0) problems.push("no resource");
    if (statement.Resource.includes("*")) {
      const scopable = statement.Action.filter((action) => !UNSCOPED_ACTIONS.has(action));
      if (scopable.length > 0) problems.push(`"*" resource for ${scopable.join(", ")}`);
    }
    return problems.map((problem) => `statement ${index}: ${problem}`);
  });
}
