import { describe, expect, it } from "vitest";
import {
  findBroadStatements,
  type Grant,
  modelExecutionGrants,
  siteGrants,
  starterGrants,
  stateMachineGrants,
  taskGrants,
  toPolicyDocument,
} from "./policies.ts";
import { TASK_FUNCTIONS } from "./tasks.ts";

const BUCKET_ARN = "arn:aws:s3:::churn-test-data";
const ENDPOINT_ARN = "arn:aws:sagemaker:eu-west-1:123456789012:endpoint/churn-test-scoring";
const steps = Object.keys(TASK_FUNCTIONS) as (keyof typeof TASK_FUNCTIONS)[];

describe("findBroadStatements", () => {
  it.each<[string, Grant, string[]]>([
    [
      "a named action on a named resource",
      { actions: ["s3:GetObject"], resources: [BUCKET_ARN] },
      [],
    ],
    [
      "every action",
      { actions: ["*"], resources: [BUCKET_ARN] },
      ["statement 0: wildcard action *"],
    ],
    [
      "every action of a service",
      { actions: ["s3:*"], resources: [BUCKET_ARN] },
      ["statement 0: wildcard action s3:*"],
    ],
    [
      "any resource for a scopable action",
      { actions: ["s3:GetObject"], resources: ["*"] },
      ['statement 0: "*" resource for s3:GetObject'],
    ],
    [
      "any resource for an unscopable action",
      { actions: ["ecr:GetAuthorizationToken"], resources: ["*"] },
      [],
    ],
    [
      "no resource at all",
      { actions: ["sns:Publish"], resources: [] },
      ["statement 0: no resource"],
    ],
  ])("reports %s", (_, grant, problems) => {
    const document = toPolicyDocument([grant]);

    const found = findBroadStatements(document);

    expect(found).toEqual(problems);
  });
});

describe("the platform's grants", () => {
  it.each([
    ...steps.map(
      (step) =>
        [
          `task ${step}`,
          taskGrants(step, { bucketArn: BUCKET_ARN, endpointArn: ENDPOINT_ARN }),
        ] as const,
    ),
    ["site", siteGrants(BUCKET_ARN)] as const,
    [
      "starter",
      starterGrants("arn:aws:states:eu-west-1:123456789012:stateMachine:churn-test-Pipeline"),
    ] as const,
    [
      "state machine",
      stateMachineGrants({
        functionArns: ["arn:aws:lambda:eu-west-1:123456789012:function:claim-file"],
        alertTopicArn: "arn:aws:sns:eu-west-1:123456789012:churn-test-Alerts",
      }),
    ] as const,
    [
      "model execution role",
      modelExecutionGrants({
        bucketArn: BUCKET_ARN,
        imageRepositoryArn: "arn:aws:ecr:eu-west-1:141502667606:repository/sagemaker-xgboost",
        region: "eu-west-1",
        accountId: "123456789012",
        endpointName: "churn-test-scoring",
      }),
    ] as const,
  ])("name their actions and resources for the %s", (_, grants) => {
    const problems = findBroadStatements(toPolicyDocument(grants));

    expect(problems).toEqual([]);
  });

  it("let only the scoring step call the model endpoint", () => {
    const callers = steps.filter((step) =>
      taskGrants(step, { bucketArn: BUCKET_ARN, endpointArn: ENDPOINT_ARN }).some((grant) =>
        grant.actions.includes("sagemaker:InvokeEndpoint"),
      ),
    );

    expect(callers).toEqual(["scoreFile"]);
  });

  it("never let a step write model versions", () => {
    const writes = steps.flatMap((step) =>
      taskGrants(step, { bucketArn: BUCKET_ARN, endpointArn: ENDPOINT_ARN })
        .filter((grant) => grant.actions.includes("s3:PutObject"))
        .flatMap((grant) => grant.resources),
    );

    expect(writes.some((resource) => resource.includes("/models/"))).toBe(false);
  });

  it("keep the site read-only", () => {
    const actions = siteGrants(BUCKET_ARN).flatMap((grant) => grant.actions);

    expect(new Set(actions)).toEqual(new Set(["s3:ListBucket", "s3:GetObject"]));
  });
});

describe("toPolicyDocument", () => {
  it("turns conditions into IAM's nested form", () => {
    const document = toPolicyDocument([
      {
        actions: ["cloudwatch:PutMetricData"],
        resources: ["*"],
        conditions: [
          { test: "StringEquals", variable: "cloudwatch:namespace", values: ["/aws/x"] },
        ],
      },
    ]);

    expect(document.Statement[0]?.Condition).toEqual({
      StringEquals: { "cloudwatch:namespace": ["/aws/x"] },
    });
  });
});
