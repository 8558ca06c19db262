/**
 * The run pipeline: one Lambda function per step, the state machine from `core`'s definition,
 * its role and logs, and the starter that turns a dropped file into an execution.
 */
import { buildStateMachineDefinition, type TaskArns, type TaskStep } from "@churn/core/pipeline";
import { stateMachineLogGroupName } from "./naming.ts";
import {
  type Grant,
  starterGrants,
  stateMachineGrants,
  taskGrants,
  toPolicyDocument,
} from "./policies.ts";
import { type FunctionSpec, STARTER_FUNCTION, TASK_FUNCTIONS } from "./tasks.ts";

/** Settings every step reads, as the handlers' environment contract names them. */
export interface PipelineSettings {
  readonly bucketName: $util.Input<string>;
  readonly databaseUrl: $util.Input<string>;
  readonly endpointName: string;
  readonly siteUrl: $util.Input<string>;
  readonly modelAlias: string;
}

export interface PipelineOptions {
  readonly app: string;
  readonly stage: string;
  readonly vpc: sst.aws.Vpc;
  readonly bucketArn: $util.Input<string>;
  readonly endpointArn: $util.Input<string>;
  readonly alertTopicArn: $util.Input<string>;
  readonly settings: PipelineSettings;
}

export function createPipeline(options: PipelineOptions) {
  const tasks = createTaskFunctions(options);
  const taskArns = $resolve(
    Object.fromEntries(Object.entries(tasks).map(([step, fn]) => [step, fn.arn])) as Record<
      TaskStep,
      $util.Output<string>
    >,
  );
  const { stateMachine } = createStateMachine({
    app: options.app,
    stage: options.stage,
    taskArns,
    alertTopicArn: options.alertTopicArn,
  });
  const starter = createStarter(stateMachine, options.settings);
  return { tasks, stateMachine, starter };
}

function createTaskFunctions(options: PipelineOptions) {
  const { vpc, bucketArn, endpointArn, settings } = options;
  const entries = Object.entries(TASK_FUNCTIONS) as [TaskStep, FunctionSpec][];
  return Object.fromEntries(
    entries.map(([step, spec]) => {
      const grants = $resolve({ bucketArn, endpointArn }).apply((resources) =>
        taskGrants(step, resources),
      );
      const fn = new sst.aws.Function(functionName(step), {
        ...functionArgs(spec, settings, grants),
        ...(spec.touchesDatabase ? { vpc } : {}),
      });
      return [step, fn];
    }),
  ) as Record<TaskStep, sst.aws.Function>;
}

function functionArgs(
  spec: FunctionSpec,
  settings: PipelineSettings,
  grants: $util.Input<Grant[]>,
): sst.aws.FunctionArgs {
  return {
    handler: spec.handler,
    timeout: `${spec.timeoutSeconds} seconds`,
    memory: `${spec.memoryMb} MB`,
    environment: taskEnvironment(spec, settings),
    permissions: $output(grants).apply((list) =>
      list.map((grant) => ({
        actions: [...grant.actions],
        resources: [...grant.resources],
        ...(grant.conditions === undefined
          ? {}
          : { conditions: grant.conditions.map((c) => ({ ...c, values: [...c.values] })) }),
      })),
    ),
  };
}

/**
 * A task function's environment, as the handlers' contract names it. Only the functions that
 * open the database get DATABASE_URL, which carries the cluster's password; validation, scoring
 * and building the report never see it.
 */
export function taskEnvironment(
  spec: Pick<FunctionSpec, "touchesDatabase">,
  settings: PipelineSettings,
): Record<string, $util.Input<string>> {
  return {
    CHURN_BUCKET: settings.bucketName,
    ...(spec.touchesDatabase ? { DATABASE_URL: settings.databaseUrl } : {}),
    SAGEMAKER_ENDPOINT_NAME: settings.endpointName,
    SITE_URL: settings.siteUrl,
    MODEL_ALIAS: settings.modelAlias,
  };
}

/** "claimFile" becomes "ClaimFile": SST component names are PascalCase. */
function functionName(step: TaskStep): string {
  return `${step.charAt(0).toUpperCase()}${step.slice(1)}`;
}

/**
 * Deploys `core`'s state machine document as it is (JSONPath ASL), with a role that may invoke
 * only the task functions and publish only to the alert topic, and logs in a group of its own.
 * Takes ARNs, so it builds no Lambda and is tested with Pulumi mocks.
 */
export function createStateMachine(options: {
  app: string;
  stage: string;
  taskArns: $util.Input<TaskArns>;
  alertTopicArn: $util.Input<string>;
}) {
  const { app, stage } = options;
  const resolved = $resolve({ taskArns: options.taskArns, alertTopicArn: options.alertTopicArn });
  const logGroup = new aws.cloudwatch.LogGroup("PipelineLogs", {
    name: stateMachineLogGroupName(app, stage),
    retentionInDays: 30,
  });

  const role = new aws.iam.Role("PipelineRole", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "states.amazonaws.com" }),
  });
  const policy = new aws.iam.RolePolicy("PipelinePolicy", {
    role: role.id,
    policy: resolved.apply(({ taskArns, alertTopicArn }) =>
      JSON.stringify(
        toPolicyDocument(
          stateMachineGrants({ functionArns: Object.values(taskArns), alertTopicArn }),
        ),
      ),
    ),
  });

  const stateMachine = new aws.sfn.StateMachine(
    "Pipeline",
    {
      type: "STANDARD",
      roleArn: role.arn,
      definition: resolved.apply((inputs) => JSON.stringify(buildStateMachineDefinition(inputs))),
      loggingConfiguration: {
        // Every state transition is logged without its data: steps pass keys and counts, but a
        // file's contents never belong in logs.
        level: "ALL",
        includeExecutionData: false,
        logDestination: $interpolate`${logGroup.arn}:*`,
      },
    },
    // The role's policy must exist before Step Functions checks that it may log and invoke.
    { dependsOn: [policy] },
  );

  return { stateMachine, role, logGroup };
}

function createStarter(stateMachine: aws.sfn.StateMachine, settings: PipelineSettings) {
  const pipeline = new sst.Linkable("Pipeline", {
    properties: { arn: stateMachine.arn },
    include: starterGrants(stateMachine.arn).map((grant) =>
      sst.aws.permission({ actions: [...grant.actions], resources: [...grant.resources] }),
    ),
  });

  return new sst.aws.Function("StartRun", {
    handler: STARTER_FUNCTION.handler,
    timeout: `${STARTER_FUNCTION.timeoutSeconds} seconds`,
    memory: `${STARTER_FUNCTION.memoryMb} MB`,
    link: [pipeline],
    environment: {
      CHURN_BUCKET: settings.bucketName,
      STATE_MACHINE_ARN: stateMachine.arn,
    },
  });
}
