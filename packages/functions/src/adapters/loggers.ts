import { Logger as PowertoolsLogger } from "@aws-lambda-powertools/logger";
import { type Clock, type LogFields, type Logger, systemClock } from "@churn/core";

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * What the logs take from the Lambda runtime's invocation context (its `Context` object), so
 * that every line of an invocation names its request and whether the container was cold.
 */
export interface LambdaInvocation {
  readonly awsRequestId: string;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
}

/** The Lambda logger, with the invocation context attached per invocation. */
export interface LambdaLogger extends Logger {
  readonly powertools: PowertoolsLogger;
  /** Adds the request id, function name and cold-start flag to every later line. */
  addContext(invocation: LambdaInvocation): void;
}

/**
 * The Lambda logger: Powertools' structured JSON, one object per line with the service name,
 * the cold-start flag and the request id once the handler passes the invocation context to
 * `addContext`. `POWERTOOLS_*` and `AWS_LAMBDA_LOG_LEVEL` environment variables apply as usual.
 */
export function createLambdaLogger(options: { serviceName: string }): LambdaLogger {
  const powertools = new PowertoolsLogger({ serviceName: options.serviceName });
  return {
    powertools,
    // Powertools counts the first context it is given as the cold start of its container.
    addContext: (invocation) => powertools.addContext(invocation),
    debug: (message, fields) => powertools.debug(message, toPlain(fields)),
    info: (message, fields) => powertools.info(message, toPlain(fields)),
    warn: (message, fields) => powertools.warn(message, toPlain(fields)),
    error: (message, fields) => powertools.error(message, toPlain(fields)),
  };
}

export interface ConsoleLoggerOptions {
  /** `json`: one object per line, for machines; `pretty`: a short line, for people. */
  readonly format?: "json" | "pretty";
  /** The lowest level written; `info` by default. */
  readonly level?: LogLevel;
  /** Where a finished line goes; standard error by default, so stdout stays for results. */
  readonly write?: (line: string) => void;
  readonly clock?: Clock;
}

/** A small structured logger for the terminal and local processes. */
export function createConsoleLogger(options: ConsoleLoggerOptions = {}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const clock = options.clock ?? systemClock;
  const lowest = LOG_LEVELS.indexOf(options.level ?? "info");
  const format = options.format ?? "json";

  const log = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (LOG_LEVELS.indexOf(level) < lowest) return;
    const time = clock.now();
    const plain = toPlain(fields);
    write(
      format === "json"
        ? JSON.stringify({ time: time.toISOString(), level, message, ...plain })
        : formatPretty(time, level, message, plain),
    );
  };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

function formatPretty(
  time: Date,
  level: LogLevel,
  message: string,
  fields: Record<string, unknown>,
): string {
  const pairs = Object.entries(fields).map(
    ([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`,
  );
  const clockTime = time.toISOString().slice(11, 19);
  // The fields stay on the first line, so that a message's further lines read as its body.
  const [first = "", ...rest] = message.split("\n");
  const line = [clockTime, level.toUpperCase().padEnd(5), first, ...pairs].join(" ");
  return [line, ...rest].join("\n");
}

/** Fields as JSON-ready values: errors become their name, message, code and context. */
function toPlain(fields: LogFields | undefined): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields ?? {})) plain[key] = toPlainValue(value);
  return plain;
}

function toPlainValue(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const withJson = value as Error & { toJSON?: () => unknown };
  if (typeof withJson.toJSON === "function") return withJson.toJSON();
  return { name: value.name, message: value.message };
}
