/**
 * The state machine of one run, as a JSONPath Amazon States Language document. The cloud deploys
 * it to Step Functions and the local runner executes the very same document, so every route a
 * file can take is written here once.
 */

/** The task each Lambda-backed state invokes, by step. */
export interface TaskArns {
  readonly claimFile: string;
  readonly validateFile: string;
  readonly scoreFile: string;
  readonly buildReport: string;
  readonly saveReport: string;
  readonly finishRun: string;
  readonly failRun: string;
}

export type TaskStep = keyof TaskArns;

/** State names as people read them in the execution graph; the local runner keys handlers by them. */
export const STATE_NAMES = {
  claimFile: "Claim file",
  validateFile: "Validate file",
  isFileValid: "Is the file valid?",
  rejectFile: "Reject file",
  fileRejected: "File rejected",
  scoreFile: "Score with model",
  buildReport: "Build report",
  saveReport: "Save report",
  hasDataDrifted: "Has the data drifted?",
  sendDriftAlert: "Send drift alert",
  isAnyScoreLow: "Is any score under threshold?",
  sendScoreAlert: "Send score alert",
  finishRun: "Finish run",
  moveToErrored: "Move file to errored",
  runFailed: "Run failed",
  cleanupFailed: "Could not move file to errored",
} as const;

/** The Lambda task behind each task state; both failure routes end in `failRun`. */
export const TASK_STATES: Readonly<Record<string, TaskStep>> = {
  [STATE_NAMES.claimFile]: "claimFile",
  [STATE_NAMES.validateFile]: "validateFile",
  [STATE_NAMES.scoreFile]: "scoreFile",
  [STATE_NAMES.buildReport]: "buildReport",
  [STATE_NAMES.saveReport]: "saveReport",
  [STATE_NAMES.finishRun]: "finishRun",
  [STATE_NAMES.rejectFile]: "failRun",
  [STATE_NAMES.moveToErrored]: "failRun",
};

/** The states that publish to the alert topic through Step Functions' direct SNS integration. */
export const ALERT_STATES = [STATE_NAMES.sendDriftAlert, STATE_NAMES.sendScoreAlert] as const;

/** The error name handlers throw for faults worth retrying (throttling, a waking database, 5xx). */
export const TRANSIENT_ERROR_NAME = "TransientError";

const SNS_PUBLISH = "arn:aws:states:::sns:publish";

/**
 * Faults of the Lambda service itself and of what the handlers call. Waits grow 2, 4, 8, 16 s,
 * about 30 s in all, which covers an Aurora Serverless cluster resuming from zero capacity.
 */
const LAMBDA_RETRY = {
  ErrorEquals: [
    TRANSIENT_ERROR_NAME,
    "Lambda.ServiceException",
    "Lambda.AWSLambdaException",
    "Lambda.SdkClientException",
    "Lambda.TooManyRequestsException",
  ],
  IntervalSeconds: 2,
  MaxAttempts: 4,
  BackoffRate: 2,
  MaxDelaySeconds: 30,
  JitterStrategy: "FULL",
};

/** SNS faults are retried too: a duplicate e-mail is better than a lost alert. */
const SNS_RETRY = {
  ErrorEquals: ["SNS.ThrottledException", "SNS.InternalErrorException", "States.Timeout"],
  IntervalSeconds: 2,
  MaxAttempts: 3,
  BackoffRate: 2,
  JitterStrategy: "FULL",
};

const CATCH_TO_ERRORED = [
  { ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: STATE_NAMES.moveToErrored },
];

/**
 * Builds the run's state machine from the task ARNs and the alert topic ARN. Each state receives
 * and passes on object keys and small summaries only, well under Step Functions' 256 KB limit.
 * The execution input is `{ runId, key, etag }`; see docs/pipeline.md for every state's output.
 */
export function buildStateMachineDefinition(options: {
  taskArns: TaskArns;
  alertTopicArn: string;
}): Record<string, unknown> {
  const { taskArns, alertTopicArn } = options;
  const task = (step: TaskStep, fields: Record<string, unknown>) => ({
    Type: "Task",
    Resource: taskArns[step],
    ...fields,
    Retry: [LAMBDA_RETRY],
  });

  return {
    Comment: "One run per file dropped into data/input/: validate, score, report, alert, file.",
    StartAt: STATE_NAMES.claimFile,
    States: {
      [STATE_NAMES.claimFile]: task("claimFile", {
        Comment: "Moves the file from input to processing and resolves the model alias once.",
        Parameters: { "runId.$": "$.runId", "key.$": "$.key", "etag.$": "$.etag" },
        ResultPath: "$.run",
        Next: STATE_NAMES.validateFile,
        Catch: CATCH_TO_ERRORED,
      }),
      [STATE_NAMES.validateFile]: task("validateFile", {
        Parameters: { "run.$": "$.run" },
        ResultPath: "$.validation",
        Next: STATE_NAMES.isFileValid,
        Catch: CATCH_TO_ERRORED,
      }),
      [STATE_NAMES.isFileValid]: {
        Type: "Choice",
        Choices: [
          {
            Variable: "$.validation.isValid",
            BooleanEquals: false,
            Next: STATE_NAMES.rejectFile,
          },
        ],
        Default: STATE_NAMES.scoreFile,
      },
      [STATE_NAMES.rejectFile]: {
        ...task("failRun", {
          Comment: "Expected bad data: the file goes to errored/ with the validation verdict.",
          ResultPath: "$.outcome",
          Next: STATE_NAMES.fileRejected,
        }),
        Catch: [
          {
            ErrorEquals: ["States.ALL"],
            ResultPath: "$.cleanupError",
            Next: STATE_NAMES.cleanupFailed,
          },
        ],
      },
      [STATE_NAMES.fileRejected]: { Type: "Succeed" },
      [STATE_NAMES.scoreFile]: task("scoreFile", {
        Parameters: { "run.$": "$.run" },
        ResultPath: "$.scoring",
        Next: STATE_NAMES.buildReport,
        Catch: CATCH_TO_ERRORED,
      }),
      [STATE_NAMES.buildReport]: task("buildReport", {
        Parameters: { "run.$": "$.run", "validation.$": "$.validation", "scoring.$": "$.scoring" },
        ResultPath: "$.report",
        Next: STATE_NAMES.saveReport,
        Catch: CATCH_TO_ERRORED,
      }),
      [STATE_NAMES.saveReport]: task("saveReport", {
        Parameters: { "run.$": "$.run", "report.$": "$.report" },
        ResultPath: "$.saved",
        Next: STATE_NAMES.hasDataDrifted,
        Catch: CATCH_TO_ERRORED,
      }),
      [STATE_NAMES.hasDataDrifted]: {
        Type: "Choice",
        Comment: "Drift share ≥ threshold, the same comparison Evidently makes.",
        Choices: [
          {
            Variable: "$.report.driftShare",
            NumericGreaterThanEqualsPath: "$.report.driftShareThreshold",
            Next: STATE_NAMES.sendDriftAlert,
          },
        ],
        Default: STATE_NAMES.isAnyScoreLow,
      },
      [STATE_NAMES.sendDriftAlert]: alertState(
        alertTopicArn,
        "$.report.driftAlert",
        "$.driftAlert",
        STATE_NAMES.isAnyScoreLow,
      ),
      [STATE_NAMES.isAnyScoreLow]: {
        Type: "Choice",
        Choices: [
          {
            Variable: "$.report.lowScoreCount",
            NumericGreaterThan: 0,
            Next: STATE_NAMES.sendScoreAlert,
          },
        ],
        Default: STATE_NAMES.finishRun,
      },
      [STATE_NAMES.sendScoreAlert]: alertState(
        alertTopicArn,
        "$.report.scoreAlert",
        "$.scoreAlert",
        STATE_NAMES.finishRun,
      ),
      [STATE_NAMES.finishRun]: task("finishRun", {
        Comment: "Files the original and its scored copy under processed/ and records the alerts.",
        ResultPath: "$.outcome",
        End: true,
        Catch: CATCH_TO_ERRORED,
      }),
      [STATE_NAMES.moveToErrored]: {
        ...task("failRun", {
          Comment: "Moves the file to errored/, logs the reason and records the failed run.",
          ResultPath: "$.outcome",
          Next: STATE_NAMES.runFailed,
        }),
        Catch: [
          {
            ErrorEquals: ["States.ALL"],
            ResultPath: "$.cleanupError",
            Next: STATE_NAMES.cleanupFailed,
          },
        ],
      },
      [STATE_NAMES.runFailed]: { Type: "Fail", Error: "RunFailed", CausePath: "$.outcome.reason" },
      [STATE_NAMES.cleanupFailed]: {
        Type: "Fail",
        Error: "CleanupFailed",
        CausePath: "$.cleanupError.Cause",
      },
    },
  };
}

function alertState(topicArn: string, alertPath: string, resultPath: string, next: string) {
  return {
    Type: "Task",
    Resource: SNS_PUBLISH,
    Parameters: {
      TopicArn: topicArn,
      "Subject.$": `${alertPath}.subject`,
      "Message.$": `${alertPath}.body`,
    },
    ResultSelector: { "messageId.$": "$.MessageId" },
    ResultPath: resultPath,
    Next: next,
    Retry: [SNS_RETRY],
    Catch: CATCH_TO_ERRORED,
  };
}
