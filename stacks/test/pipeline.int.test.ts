import { buildStateMachineDefinition, type TaskArns } from "@churn/core/pipeline";
import aslValidator from "asl-validator";
import { beforeAll, expect, it } from "vitest";
import { findBroadStatements, type PolicyDocument } from "../policies.ts";
import { arnOf, createdResource, describeStack, installPulumiMocks } from "./pulumi-mocks.ts";

const functionArn = (name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${name}`;
const TASK_ARNS: TaskArns = {
  claimFile: functionArn("claim-file"),
  validateFile: functionArn("validate-file"),
  scoreFile: functionArn("score-file"),
  buildReport: functionArn("build-report"),
  saveReport: functionArn("save-report"),
  finishRun: functionArn("finish-run"),
  failRun: functionArn("fail-run"),
};
const ALERT_TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:churn-test-Alerts";

describeStack("createStateMachine", () => {
  beforeAll(async () => {
    await installPulumiMocks();
    const { createStateMachine } = await import("../pipeline.ts");
    createStateMachine({
      app: "churn",
      stage: "test",
      taskArns: TASK_ARNS,
      alertTopicArn: ALERT_TOPIC_ARN,
    });
  });

  it("deploys core's definition unchanged, as a valid JSONPath document", async () => {
    const machine = await createdResource("aws:sfn/stateMachine:StateMachine");
    const deployed = JSON.parse(String(machine.inputs.definition)) as Record<string, unknown>;

    // The validator fills in defaults (QueryLanguage) on the object it is given.
    const validation = aslValidator(structuredClone(deployed));

    expect(deployed).toEqual(
      buildStateMachineDefinition({ taskArns: TASK_ARNS, alertTopicArn: ALERT_TOPIC_ARN }),
    );
    expect(validation.errorsText()).toBe("");
    expect(validation.isValid).toBe(true);
    expect(JSON.stringify(deployed)).not.toContain("JSONata");
  });

  it("runs as a standard workflow under its own role", async () => {
    const machine = await createdResource("aws:sfn/stateMachine:StateMachine");
    const role = await createdResource("aws:iam/role:Role", "PipelineRole");

    const trust = role.inputs.assumeRolePolicy;

    expect(machine.inputs.type).toBe("STANDARD");
    expect(machine.inputs.roleArn).toBe(arnOf(role));
    expect(typeof trust === "string" ? JSON.parse(trust) : trust).toMatchObject({
      Statement: [
        expect.objectContaining({
          Principal: { Service: "states.amazonaws.com" },
          Action: "sts:AssumeRole",
        }),
      ],
    });
  });

  it("logs every transition, without execution data, to its vended-logs group", async () => {
    const machine = await createdResource("aws:sfn/stateMachine:StateMachine");
    const logGroup = await createdResource("aws:cloudwatch/logGroup:LogGroup", "PipelineLogs");

    expect(logGroup.inputs).toMatchObject({
      name: "/aws/vendedlogs/states/churn-test-pipeline",
      retentionInDays: 30,
    });
    expect(machine.inputs.loggingConfiguration).toEqual({
      level: "ALL",
      includeExecutionData: false,
      logDestination: `${arnOf(logGroup)}:*`,
    });
  });

  it("may invoke only the seven task functions and publish only to the alert topic", async () => {
    const policy = await createdResource("aws:iam/rolePolicy:RolePolicy", "PipelinePolicy");
    const document = JSON.parse(String(policy.inputs.policy)) as PolicyDocument;

    const grantsOf = (action: string) =>
      document.Statement.filter((s) => s.Action.includes(action)).flatMap((s) => s.Resource);

    expect(findBroadStatements(document)).toEqual([]);
    expect(new Set(grantsOf("lambda:InvokeFunction"))).toEqual(
      new Set(Object.values(TASK_ARNS).flatMap((arn) => [arn, `${arn}:*`])),
    );
    expect(grantsOf("sns:Publish")).toEqual([ALERT_TOPIC_ARN]);
  });
});
