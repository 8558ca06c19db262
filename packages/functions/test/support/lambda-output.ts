import { vi } from "vitest";
import type { LambdaInvocation } from "../../src/adapters/loggers.ts";

/** The Lambda runtime's context for one invocation of `functionName`, with the given request id. */
export function invocationOf(
  awsRequestId: string,
  functionName = "churn-validate-file",
): LambdaInvocation {
  return {
    awsRequestId,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
    memoryLimitInMB: "1024",
  };
}

/**
 * Runs `act` and returns the lines it wrote to standard output and standard error, where
 * Powertools writes (errors go to standard error), in the order written. A rejection of `act`
 * is swallowed: the lines are what the caller checks.
 */
export async function captureOutput(act: () => Promise<unknown>): Promise<string[]> {
  const chunks: string[] = [];
  const capture = (chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, "write").mockImplementation(capture),
    vi.spyOn(process.stderr, "write").mockImplementation(capture),
  ];
  try {
    await act().catch(() => {});
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return chunks
    .join("")
    .split("\n")
    .filter((line) => line !== "");
}
